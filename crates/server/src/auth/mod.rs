//! Passwords and sessions.

pub mod device;
pub mod gate;
pub mod password;
pub mod session;
pub mod totp;

pub use session::AuthUser;
