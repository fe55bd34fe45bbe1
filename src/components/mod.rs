//! Reusable UI pieces: form fields, the rule checklist, error panels, the
//! app shell, the member ID card, the claim status badge, the inline
//! definition of a money word, the fields of a new username and password, and two-step set-up with sent codes and
//! its recovery codes, and [`later`] for the lower parts of long pages.

pub mod card_share;
pub mod checklist;
pub mod error_panel;
pub mod field;
pub mod file_field;
pub mod id_card;
pub mod identity_fields;
pub mod idle_warning;
pub mod later;
pub mod new_credentials;
pub mod recovery_codes;
pub mod select;
pub mod sent_code_setup;
pub mod shell;
pub mod status_badge;
pub mod submit_button;
pub mod term;

pub use card_share::CardShares;
pub use checklist::RuleChecklist;
pub use error_panel::{AlertRegion, ErrorPanel};
pub use field::{PasswordField, TextAreaField, TextField};
pub use file_field::{AttachmentField, Picked};
pub use id_card::IdCardView;
pub use identity_fields::{IdentityFields, IdentityValues};
pub use idle_warning::IdleWarning;
pub use later::later;
pub use new_credentials::{NewCredentialFields, NewCredentials};
pub use recovery_codes::RecoveryCodesList;
pub use select::SelectField;
pub use sent_code_setup::SentCodeSetup;
pub use shell::{ProviderShell, PublicLayout, Shell};
pub use status_badge::StatusBadge;
pub use submit_button::SubmitButton;
pub use term::Term;
