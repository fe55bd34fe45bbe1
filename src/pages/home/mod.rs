//! The home entry's pages: the dashboard (`/`), alerts (`/alerts`) and the
//! ID cards (`/id-card`, also `/cards`), with the pieces only they use
//! (progress bars, the spending charts, the family switcher).

pub mod alerts;
pub mod charts;
pub mod dashboard;
pub mod id_cards;

pub use alerts::AlertsPage;
pub use dashboard::DashboardPage;
pub use id_cards::IdCardsPage;
