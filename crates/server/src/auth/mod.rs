//! Passwords and sessions.

pub mod gate;
pub mod password;
pub mod session;
pub mod totp;

pub use session::AuthUser;
