//! SMART App Launch tokens: access tokens are JWTs (HS256, signed with a
//! key kept in the database, checked with `jsonwebtoken`) naming the grant
//! they belong to, so revoking the grant stops them at once; codes and
//! refresh tokens are random and stored as hashes; PKCE is S256 only.

use crate::db::{self, apps};
use crate::state::AppState;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Where the FHIR API lives under the portal's origin.
pub const FHIR_PATH: &str = "/fhir/r4";
/// Seconds a refresh token works (each use replaces it).
pub const REFRESH_TTL_SECS: i64 = 90 * 24 * 3600;
/// Seconds an authorization request waits for the member's consent.
pub const REQUEST_TTL_SECS: i64 = 10 * 60;
const KEY_PURPOSE: &str = "smart-access-token";

/// The portal's origin as apps see it (`https://members.example.org`).
pub fn origin(state: &AppState) -> String {
    state
        .config
        .public_origin
        .clone()
        .unwrap_or_else(|| format!("http://{}", state.config.addr))
        .trim_end_matches('/')
        .to_string()
}

/// The FHIR base URL: the `aud` apps must ask for, and the tokens' audience.
pub fn fhir_base(state: &AppState) -> String {
    format!("{}{FHIR_PATH}", origin(state))
}

/// What an access token says.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    /// Issuer: the portal's origin.
    pub iss: String,
    /// The grant's id.
    pub sub: String,
    /// The FHIR base URL.
    pub aud: String,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// Issued at.
    pub iat: i64,
    /// Unique token id.
    pub jti: String,
    /// Granted scopes.
    pub scope: String,
}

async fn secret(state: &AppState) -> anyhow::Result<String> {
    Ok(apps::signing_key(
        &state.db,
        KEY_PURPOSE,
        &crate::auth::session::new_token(),
        db::now(),
    )
    .await?)
}

/// A signed access token for `grant` that works for the configured time.
pub async fn access_token(state: &AppState, grant: &apps::GrantRow) -> anyhow::Result<String> {
    let now = db::now();
    let claims = AccessClaims {
        iss: origin(state),
        sub: grant.id.to_string(),
        aud: fhir_base(state),
        exp: now + i64::try_from(state.config.oauth_access_ttl_secs).unwrap_or(300),
        iat: now,
        jti: crate::auth::session::new_token(),
        scope: grant.scope.clone(),
    };
    let key = secret(state).await?;
    Ok(jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(key.as_bytes()),
    )?)
}

/// The claims of a valid token (signature, issuer, audience, not expired),
/// or `None`.
pub async fn verify(state: &AppState, token: &str) -> anyhow::Result<Option<AccessClaims>> {
    let key = secret(state).await?;
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[fhir_base(state)]);
    v.set_issuer(&[origin(state)]);
    v.leeway = 0;
    v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    Ok(
        jsonwebtoken::decode::<AccessClaims>(token, &DecodingKey::from_secret(key.as_bytes()), &v)
            .ok()
            .map(|d| d.claims),
    )
}

/// Whether `challenge` is a well-formed S256 challenge (43 base64url characters).
pub fn challenge_ok(challenge: &str) -> bool {
    challenge.len() == 43
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether `verifier` (RFC 7636: 43-128 unreserved characters) answers `challenge`.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    well_formed && URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_from_rfc7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(challenge_ok(challenge));
        assert!(pkce_matches(verifier, challenge));
        assert!(!pkce_matches(
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXK",
            challenge
        ));
        assert!(!pkce_matches("short", challenge));
        assert!(!challenge_ok("plain-text-challenge"));
    }
}
