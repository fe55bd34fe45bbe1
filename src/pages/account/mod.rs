//! The account entry's pages (`/account/...`): notification preferences and
//! family sharing. (Account security pages join this entry later.)

pub mod notifications;
pub mod sharing;

pub use notifications::NotificationsPage;
pub use sharing::SharingPage;
