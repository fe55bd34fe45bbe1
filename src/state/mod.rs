//! Shared client state, provided through typed contexts (no globals), and
//! the small helper that reads API data into signals.

pub mod form;
pub mod last_seen;
pub mod remote;
pub mod session;
