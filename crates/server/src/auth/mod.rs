//! Passwords and sessions.

pub mod password;
pub mod session;

pub use session::AuthUser;
