//! The field checks of the sign-in, change-username and change-password
//! forms: the browser runs them as the member types (nothing is sent while
//! one fails), and the server runs the same functions on every request,
//! because it trusts no client. Checks that need the database (the current
//! password, a taken username, the reuse rule) stay on the server.

use crate::account::{confirm_errors, ChangePasswordRequest, ChangeUsernameRequest};
use crate::api::LoginRequest;
use crate::credentials::normalize_username;
use crate::problem::{push_error, FieldError, FieldErrors};
use crate::registration::{password_errors, username_errors};
use crate::CredentialPolicy;

/// Longer than any username of any preset: a sign-in with a longer one is
/// refused before any database or hashing work.
pub const MAX_USERNAME_BYTES: usize = 128;

fn current_password_required(errors: &mut FieldErrors, field: &str, value: &str) {
    if value.is_empty() {
        push_error(
            errors,
            field,
            FieldError::new(format!("{field}.required"), "Enter your current password."),
        );
    }
}

/// Sign-in: a username (not longer than [`MAX_USERNAME_BYTES`]) and a
/// password, by field (`username`, `password`).
pub fn login_errors(request: &LoginRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if request.username.trim().is_empty() {
        push_error(
            &mut errors,
            "username",
            FieldError::new("username.required", "Enter your username."),
        );
    } else if request.username.len() > MAX_USERNAME_BYTES {
        push_error(
            &mut errors,
            "username",
            FieldError::new("username.too_long", "That is longer than any username."),
        );
    }
    if request.password.is_empty() {
        push_error(
            &mut errors,
            "password",
            FieldError::new("password.required", "Enter your password."),
        );
    }
    errors
}

/// Change of username: the username rules of `policy`, a name other than
/// `current` (case-folded), and the current password given, by field
/// (`username`, `password`).
pub fn change_username_errors(
    policy: &CredentialPolicy,
    current: &str,
    request: &ChangeUsernameRequest,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let typed = request.username.trim();
    for e in username_errors(policy, typed) {
        push_error(&mut errors, "username", e);
    }
    if !typed.is_empty() && !errors.contains_key("username") && normalize_username(typed) == current
    {
        push_error(
            &mut errors,
            "username",
            FieldError::new("username.unchanged", "This is your username already."),
        );
    }
    current_password_required(&mut errors, "password", &request.password);
    errors
}

/// Change of password: the password rules of `policy` (for `username`),
/// the confirmation, and the current password given, by field
/// (`new_password`, `confirm_password`, `current_password`).
pub fn change_password_errors(
    policy: &CredentialPolicy,
    username: &str,
    request: &ChangePasswordRequest,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    for e in password_errors(policy, &request.new_password, username) {
        push_error(&mut errors, "new_password", e);
    }
    if let Some(e) = confirm_errors(&request.new_password, &request.confirm_password) {
        push_error(&mut errors, "confirm_password", e);
    }
    current_password_required(&mut errors, "current_password", &request.current_password);
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(errors: &FieldErrors) -> Vec<String> {
        errors
            .iter()
            .flat_map(|(f, list)| list.iter().map(move |e| format!("{f}:{}", e.code)))
            .collect()
    }

    #[test]
    fn sign_in_needs_both_fields_and_a_bounded_username() {
        let table: &[(&str, &str, &[&str])] = &[
            ("member1", "x", &[]),
            ("  ", "x", &["username:username.required"]),
            ("member1", "", &["password:password.required"]),
            (
                "",
                "",
                &["password:password.required", "username:username.required"],
            ),
        ];
        for (username, password, want) in table {
            let r = LoginRequest {
                username: username.to_string(),
                password: password.to_string(),
            };
            assert_eq!(codes(&login_errors(&r)), *want, "{username:?}");
        }
        let long = LoginRequest {
            username: "a".repeat(MAX_USERNAME_BYTES + 1),
            password: "x".into(),
        };
        assert_eq!(codes(&login_errors(&long)), ["username:username.too_long"]);
    }

    #[test]
    fn a_new_username_must_differ_and_needs_the_password() {
        let policy = CredentialPolicy::default();
        let check = |username: &str, password: &str| {
            codes(&change_username_errors(
                &policy,
                "member1",
                &ChangeUsernameRequest {
                    username: username.into(),
                    password: password.into(),
                },
            ))
        };
        assert!(check("newname7", "Demo.Pass1").is_empty());
        assert_eq!(
            check("MEMBER1", "Demo.Pass1"),
            ["username:username.unchanged"]
        );
        assert_eq!(check("newname7", ""), ["password:password.required"]);
        assert!(check("ab", "Demo.Pass1")
            .iter()
            .all(|c| c.starts_with("username:") && c != "username:username.unchanged"));
    }

    #[test]
    fn a_new_password_follows_the_policy_matches_and_needs_the_current_one() {
        let policy = CredentialPolicy::default();
        let check = |new: &str, confirm: &str, current: &str| {
            codes(&change_password_errors(
                &policy,
                "member1",
                &ChangePasswordRequest {
                    current_password: current.into(),
                    new_password: new.into(),
                    confirm_password: confirm.into(),
                },
            ))
        };
        assert!(check("Fresh.Start42", "Fresh.Start42", "Demo.Pass1").is_empty());
        assert_eq!(
            check("Fresh.Start42", "Fresh.Start43", ""),
            [
                "confirm_password:confirm_password.mismatch",
                "current_password:current_password.required"
            ]
        );
        assert!(check("short", "short", "Demo.Pass1")
            .iter()
            .all(|c| c.starts_with("new_password:")));
    }
}
