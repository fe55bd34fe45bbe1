//! Time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second
//! steps, one step of clock skew either way) with the `totp-rs` crate, the
//! QR code of the enrolment URI (SVG, `qrcode` crate), and recovery codes.
//!
//! The caller stores the step of the last code accepted and refuses any code
//! of that step or an earlier one ([`check`] returns the step), so a code can
//! never be used twice.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use portal_domain::account::{
    RECOVERY_CODE_ALPHABET, RECOVERY_CODE_COUNT, RECOVERY_CODE_LEN, TOTP_DIGITS, TOTP_STEP_SECS,
};
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// The issuer name shown in authenticator apps.
pub const ISSUER: &str = "Evergreen Health";

/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
const SECRET_BYTES: usize = 20;

/// A new random secret, base32 (RFC 4648, no padding).
pub fn new_secret() -> String {
    let mut bytes = [0u8; SECRET_BYTES];
    OsRng.fill_bytes(&mut bytes);
    Secret::from(bytes.to_vec()).to_base32()
}

/// The generator for raw secret bytes with the portal's parameters.
fn totp_from_bytes(secret: Vec<u8>, digits: u8) -> Option<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(digits)
        .with_skew(1)
        .with_step_duration(TOTP_STEP_SECS)
        .with_secret(secret)
        .build()
        .ok()
}

fn totp(secret_b32: &str) -> Option<Totp> {
    let bytes = Secret::try_from_base32(secret_b32)
        .ok()?
        .as_bytes()
        .to_vec();
    totp_from_bytes(bytes, u8::try_from(TOTP_DIGITS).unwrap_or(6))
}

/// The code for `secret_b32` at Unix time `time` (for tests and tools).
pub fn generate(secret_b32: &str, time: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(time).to_string())
}

/// The code of raw secret bytes with `digits` digits at `time` (RFC test vectors).
pub fn generate_raw(secret: &[u8], digits: u8, time: u64) -> Option<String> {
    totp_from_bytes(secret.to_vec(), digits).map(|t| t.generate(time).to_string())
}

/// The time step of `code` if it is valid at `time` (one step of skew either
/// way); `None` when it is not. Constant-time comparison inside `totp-rs`.
pub fn check(secret_b32: &str, code: &str, time: i64) -> Option<i64> {
    let time = u64::try_from(time).ok()?;
    let step = totp(secret_b32)?.check(code, time)?;
    i64::try_from(step).ok()
}

/// The `otpauth://` URI authenticator apps read from the QR code.
/// Usernames are limited to letters, digits and `. _ -`, so they need no escaping.
pub fn otpauth_uri(username: &str, secret_b32: &str) -> String {
    let issuer = ISSUER.replace(' ', "%20");
    let account: String = username
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "._-".contains(*c))
        .collect();
    format!(
        "otpauth://totp/{issuer}:{account}?secret={secret_b32}&issuer={issuer}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_SECS}"
    )
}

/// The QR code of `text` as an SVG `data:` URI (shown in an `<img>`, which the
/// Content-Security-Policy allows).
pub fn qr_svg_data_uri(text: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::new(text.as_bytes())?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(format!("data:image/svg+xml;base64,{}", BASE64.encode(svg)))
}

/// Ten new recovery codes, compact (16 characters of a 31-letter alphabet:
/// about 79 random bits each).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = OsRng;
    (0..RECOVERY_CODE_COUNT)
        .map(|_| {
            (0..RECOVERY_CODE_LEN)
                .map(|_| {
                    char::from(
                        RECOVERY_CODE_ALPHABET[rng.gen_range(0..RECOVERY_CODE_ALPHABET.len())],
                    )
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA-1 rows: the 20-byte ASCII seed "12345678901234567890", 8 digits.
    #[test]
    fn rfc6238_sha1_vectors() {
        let seed = b"12345678901234567890";
        let vectors = [
            (59u64, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        for (time, want) in vectors {
            assert_eq!(
                generate_raw(seed, 8, time).as_deref(),
                Some(want),
                "T={time}"
            );
            // The 6-digit code is the last six digits of the same truncation.
            assert_eq!(
                generate_raw(seed, 6, time).as_deref(),
                Some(&want[2..]),
                "T={time}"
            );
        }
    }

    #[test]
    fn check_accepts_one_step_of_skew_and_returns_the_step() {
        let s = new_secret();
        let t = 1_700_000_000i64;
        let code = generate(&s, u64::try_from(t).unwrap_or(0)).unwrap_or_default();
        assert_eq!(check(&s, &code, t), Some(t / 30));
        assert_eq!(check(&s, &code, t + 30), Some(t / 30));
        assert_eq!(check(&s, &code, t - 30), Some(t / 30));
        assert_eq!(check(&s, &code, t + 90), None);
        assert_eq!(check(&s, "abcdef", t), None);
    }

    #[test]
    fn secrets_and_codes_look_right() {
        let s = new_secret();
        assert_eq!(s.len(), 32);
        assert!(s
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        for c in &codes {
            assert!(
                portal_domain::account::normalize_recovery_code(c).is_ok(),
                "{c}"
            );
        }
        let uri = otpauth_uri("member1", &s);
        assert!(uri.starts_with("otpauth://totp/Evergreen%20Health:member1?secret="));
        let qr = qr_svg_data_uri(&uri).unwrap_or_default();
        assert!(qr.starts_with("data:image/svg+xml;base64,"));
    }
}
