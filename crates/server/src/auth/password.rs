//! Password hashing (argon2id) and the server-only password rules.

use anyhow::anyhow;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// argon2id with the OWASP-recommended parameters (19 MiB, 2 passes, 1 lane).
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password to a PHC string. CPU-heavy: call from a blocking task.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow!("hashing failed: {e}"))
}

/// Whether `password` matches the PHC string. CPU-heavy: call from a blocking task.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Hashes on the blocking pool.
pub async fn hash_blocking(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash(&password)).await?
}

/// Verifies on the blocking pool.
pub async fn verify_blocking(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &phc))
        .await
        .unwrap_or(false)
}

/// Whether any of `history` (PHC strings) matches `password`.
pub async fn matches_any(password: String, history: Vec<String>) -> bool {
    tokio::task::spawn_blocking(move || history.iter().any(|h| verify(&password, h)))
        .await
        .unwrap_or(false)
}

/// Hashes through the [`super::gate::HashGate`] (503 when no slot frees up in time).
pub async fn hash_gated(
    gate: &super::gate::HashGate,
    password: String,
) -> Result<String, crate::error::ApiError> {
    gate.run(move || hash(&password))
        .await?
        .map_err(crate::error::ApiError::Internal)
}

/// Verifies through the [`super::gate::HashGate`].
pub async fn verify_gated(
    gate: &super::gate::HashGate,
    password: String,
    phc: String,
) -> Result<bool, crate::error::ApiError> {
    gate.run(move || verify(&password, &phc)).await
}

/// Whether any of `history` matches, through the [`super::gate::HashGate`].
pub async fn matches_any_gated(
    gate: &super::gate::HashGate,
    password: String,
    history: Vec<String>,
) -> Result<bool, crate::error::ApiError> {
    gate.run(move || history.iter().any(|h| verify(&password, h)))
        .await
}

/// Whether the password is on the list of commonly used passwords (the
/// `passwords` crate's list; compared case-insensitively so `Password1` counts).
pub fn is_common(password: &str) -> bool {
    passwords::analyzer::is_common_password(password)
        || passwords::analyzer::is_common_password(password.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_and_verify() {
        let h = hash("Demo.Pass1").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("Demo.Pass1", &h));
        assert!(!verify("demo.pass1", &h));
        assert!(!verify("Demo.Pass1", "not a hash"));
    }

    #[test]
    fn common_passwords() {
        assert!(is_common("password"));
        assert!(is_common("Password1"));
        assert!(is_common("qwerty123"));
        assert!(!is_common("Demo.Pass1-xq"));
    }
}
