//! Account security over HTTP: two-step verification (enrolment, sign-in with
//! a code or a recovery code, replay refused, failures counting toward the
//! lockout, switching off), recovery without a session (forgot username,
//! forgot password, unlock, rate limits), account settings, sign-in history,
//! sessions (revoke one, sign out everywhere) and the session's remaining time.

#![allow(clippy::unwrap_used)]

use crate::common::{code_in, field_codes, last_to, outbox, TestServer};
use portal_server::auth::totp;
use serde_json::{json, Value};
use std::time::Duration;

fn now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).unwrap()
}

/// The code for `secret` at `now + offset` seconds.
fn code_at(secret: &str, offset: i64) -> String {
    let t = i64::try_from(now()).unwrap() + offset;
    totp::generate(secret, u64::try_from(t).unwrap()).unwrap()
}

/// Turns two-step verification on for a signed-in client; returns the secret
/// and the recovery codes. The code of the current step is used up.
async fn enrol(s: &TestServer, c: &reqwest::Client) -> (String, Vec<String>) {
    let (st, setup) = s.post(c, "/api/v1/account/two-step/setup", json!({})).await;
    assert_eq!(st, 200, "{setup}");
    let secret = setup["secret"].as_str().unwrap().to_string();
    assert!(setup["otpauth_uri"].as_str().unwrap().contains(&secret));
    assert!(setup["qr_svg_data_uri"]
        .as_str()
        .unwrap()
        .starts_with("data:image/svg+xml;base64,"));
    let (st, codes) = s
        .post(
            c,
            "/api/v1/account/two-step/enable",
            json!({"code": code_at(&secret, 0)}),
        )
        .await;
    assert_eq!(st, 200, "{codes}");
    let codes: Vec<String> = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    (secret, codes)
}

async fn two_step(s: &TestServer, c: &reqwest::Client, body: Value) -> (u16, Value) {
    s.post(c, "/api/v1/auth/login/two-step", body).await
}

fn alex() -> Value {
    json!({"member_id": "10020030001", "first_name": "Alex", "last_name": "Morgan", "date_of_birth": "1984-03-14"})
}

#[tokio::test]
async fn enrolment_needs_a_valid_code_then_sign_in_asks_for_one() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    assert_eq!(
        s.get(&c, "/api/v1/account/two-step").await.1["enabled"],
        false
    );
    let (_, setup) = s
        .post(&c, "/api/v1/account/two-step/setup", json!({}))
        .await;
    let secret = setup["secret"].as_str().unwrap();
    // A wrong code, or a malformed one, does not switch it on.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/enable",
            json!({"code": "000000"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/enable",
            json!({"code": "12ab"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.format"]);
    assert_eq!(
        s.get(&c, "/api/v1/account/two-step").await.1["enabled"],
        false
    );
    // Signing in still needs only the password.
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 200);

    let first = code_at(secret, 0);
    let (st, codes) = s
        .post(
            &c,
            "/api/v1/account/two-step/enable",
            json!({"code": first}),
        )
        .await;
    assert_eq!(st, 200);
    let codes = codes["codes"].as_array().unwrap();
    assert_eq!(codes.len(), 10);
    let status = s.get(&c, "/api/v1/account/two-step").await.1;
    assert_eq!(
        status,
        json!({"enabled": true, "recovery_codes_left": 10, "method": "app"})
    );
    // A second setup is refused while it is on.
    assert_eq!(
        s.post(&c, "/api/v1/account/two-step/setup", json!({}))
            .await
            .0,
        409
    );

    // Password right: 202, no session yet.
    let b = s.client();
    let (st, body) = s.login(&b, "member1", "Demo.Pass1").await;
    assert_eq!(st, 202);
    assert_eq!(body["two_step_required"], true);
    assert_eq!(s.get(&b, "/api/v1/me").await.0, 401);
    // The code already used for enrolment is a replay: refused.
    let (st, p) = two_step(&s, &b, json!({"code": first})).await;
    assert_eq!(st, 401);
    assert_eq!(p["type"], "/problems/invalid-code");
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    // The next step's code (one step of skew) works, once.
    let next = code_at(secret, 30);
    let (st, me) = two_step(&s, &b, json!({"code": next})).await;
    assert_eq!(st, 200, "{me}");
    assert_eq!(me["username"], "member1");
    assert_eq!(s.get(&b, "/api/v1/me").await.0, 200);
    let d = s.client();
    assert_eq!(s.login(&d, "member1", "Demo.Pass1").await.0, 202);
    assert_eq!(
        two_step(&s, &d, json!({"code": next})).await.0,
        401,
        "replay"
    );
    // History shows two-step sign-ins.
    let history = s.get(&b, "/api/v1/account/history").await.1;
    let events = history.as_array().unwrap();
    assert!(events
        .iter()
        .any(|e| e["kind"] == "sign_in" && e["two_step"] == true));
    assert!(events.iter().any(|e| e["kind"] == "two_step_on"));
}

#[tokio::test]
async fn second_step_without_a_pending_sign_in_is_refused() {
    let s = TestServer::start().await;
    let c = s.client();
    let (st, p) = two_step(&s, &c, json!({"code": "123456"})).await;
    assert_eq!(st, 401);
    assert_eq!(p["type"], "/problems/unauthenticated");
    let (st, p) = two_step(&s, &c, json!({})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.required"]);
    let (st, p) = two_step(&s, &c, json!({"code": "123456", "recovery_code": "ABCD"})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "recovery_code"), ["recovery_code.one_only"]);
}

#[tokio::test]
async fn recovery_codes_are_single_use_and_regenerable() {
    let s = TestServer::start().await;
    let c = s.signed_in("member2").await;
    let (_, codes) = enrol(&s, &c).await;
    let b = s.client();
    assert_eq!(s.login(&b, "member2", "Demo.Pass1").await.0, 202);
    // Dashes and case do not matter.
    let typed = codes[0].to_lowercase().replace('-', " ");
    let (st, _) = two_step(&s, &b, json!({"recovery_code": typed})).await;
    assert_eq!(st, 200);
    let d = s.client();
    assert_eq!(s.login(&d, "member2", "Demo.Pass1").await.0, 202);
    let (st, p) = two_step(&s, &d, json!({"recovery_code": codes[0]})).await;
    assert_eq!(st, 401, "a used recovery code is refused");
    assert_eq!(field_codes(&p, "recovery_code"), ["recovery_code.invalid"]);
    assert_eq!(
        s.get(&c, "/api/v1/account/two-step").await.1["recovery_codes_left"],
        9
    );
    // New codes need the password; the old ones stop working.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/recovery-codes",
            json!({"password": "Wrong.Pass1"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "password"), ["password.incorrect"]);
    let (st, fresh) = s
        .post(
            &c,
            "/api/v1/account/two-step/recovery-codes",
            json!({"password": "Demo.Pass1"}),
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(fresh["codes"].as_array().unwrap().len(), 10);
    let (st, _) = two_step(&s, &d, json!({"recovery_code": codes[1]})).await;
    assert_eq!(st, 401, "old codes are void");
    let (st, _) = two_step(&s, &d, json!({"recovery_code": fresh["codes"][0]})).await;
    assert_eq!(st, 200);
}

#[tokio::test]
async fn wrong_codes_count_toward_the_lockout() {
    let s = TestServer::start().await;
    let c = s.signed_in("member3").await;
    enrol(&s, &c).await;
    let b = s.client();
    assert_eq!(s.login(&b, "member3", "Demo.Pass1").await.0, 202);
    for i in 1..=4 {
        let (st, p) = two_step(&s, &b, json!({"code": "000000"})).await;
        assert_eq!(st, 401, "attempt {i}");
        assert!(p["detail"]
            .as_str()
            .unwrap()
            .contains(&format!("{} more", 5 - i)));
    }
    let (st, p) = two_step(&s, &b, json!({"code": "000000"})).await;
    assert_eq!(st, 423);
    assert_eq!(p["type"], "/problems/account-locked");
    // Locked: even the right password is refused now.
    assert_eq!(s.login(&s.client(), "member3", "Demo.Pass1").await.0, 423);
    // A right password does not reset the count of wrong codes.
    let s2 = TestServer::start().await;
    let c2 = s2.signed_in("member3").await;
    enrol(&s2, &c2).await;
    for _ in 0..2 {
        let b = s2.client();
        assert_eq!(s2.login(&b, "member3", "Demo.Pass1").await.0, 202);
        for _ in 0..2 {
            assert_eq!(two_step(&s2, &b, json!({"code": "000000"})).await.0, 401);
        }
    }
    let b = s2.client();
    assert_eq!(s2.login(&b, "member3", "Demo.Pass1").await.0, 202);
    assert_eq!(two_step(&s2, &b, json!({"code": "000000"})).await.0, 423);
}

#[tokio::test]
async fn turning_off_needs_password_and_a_current_code() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (secret, _) = enrol(&s, &c).await;
    let next = code_at(&secret, 30);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Demo.Pass1", "code": ""}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.required"]);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Nope.Pass1", "code": next}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "password"), ["password.incorrect"]);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Demo.Pass1", "code": "000000"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    let (st, _) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Demo.Pass1", "code": next}),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 200);
    assert_eq!(
        s.post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Demo.Pass1", "code": next})
        )
        .await
        .0,
        409
    );
}

#[tokio::test]
async fn revoked_sessions_are_refused() {
    let s = TestServer::start().await;
    let a = s.signed_in("member2").await;
    let b = s.signed_in("member2").await;
    let (st, list) = s.get(&a, "/api/v1/account/sessions").await;
    assert_eq!(st, 200);
    let list = list.as_array().unwrap().clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|x| x["current"] == true).count(), 1);
    let other = list.iter().find(|x| x["current"] == false).unwrap();
    let id = other["id"].as_str().unwrap();
    assert_eq!(id.len(), 16, "an opaque id, not the token hash");
    let r = a
        .delete(s.url(&format!("/api/v1/account/sessions/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert_eq!(s.get(&b, "/api/v1/me").await.0, 401);
    assert_eq!(s.get(&a, "/api/v1/me").await.0, 200);
    let r = a
        .delete(s.url("/api/v1/account/sessions/0000000000000000"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Another member's sessions cannot be named.
    let other_member = s.signed_in("member1").await;
    let theirs = s.get(&other_member, "/api/v1/account/sessions").await.1[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = a
        .delete(s.url(&format!("/api/v1/account/sessions/{theirs}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(s.get(&other_member, "/api/v1/me").await.0, 200);

    // Sign out everywhere else, then everywhere.
    let c = s.signed_in("member2").await;
    let (st, _) = s
        .post(
            &a,
            "/api/v1/account/sessions/revoke-all",
            json!({"include_current": false}),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(s.get(&c, "/api/v1/me").await.0, 401);
    assert_eq!(s.get(&a, "/api/v1/me").await.0, 200);
    let (st, _) = s
        .post(
            &a,
            "/api/v1/account/sessions/revoke-all",
            json!({"include_current": true}),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(s.get(&a, "/api/v1/me").await.0, 401);
}

/// The 6-digit code in the newest message to `to`.
async fn code_sent_to(s: &TestServer, to: &str) -> String {
    code_in(&last_to(s, to).await.expect("a message"), "recovery_code")
}

/// Starts a recovery; returns status and answer.
async fn start(s: &TestServer, c: &reqwest::Client, purpose: &str, who: Value) -> (u16, Value) {
    let mut body = who;
    body["purpose"] = json!(purpose);
    s.post(c, "/api/v1/recovery/start", body).await
}

const ALEX_EMAIL: &str = "alex.morgan@example.com";

/// The neutral answer without its ticket (which differs on every request).
fn without_ticket(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("ticket");
    }
    v
}

#[tokio::test]
async fn forgot_username_is_sent_to_the_contact_on_file_never_shown() {
    let s = TestServer::start().await;
    let c = s.client();
    let mut typed = alex();
    typed["first_name"] = json!("  alex ");
    let (st, answer) = start(&s, &c, "username", typed).await;
    assert_eq!(st, 202, "{answer}");
    assert!(!answer.to_string().contains("member1"), "{answer}");
    assert!(answer.get("ticket").is_none());
    let m = last_to(&s, ALEX_EMAIL).await.unwrap();
    assert_eq!(m["kind"], "username");
    assert!(m["body"].as_str().unwrap().contains("member1"));
    // No health details, no name, no member ID in the message.
    for secret in ["Alex", "Morgan", "10020030001", "1984"] {
        assert!(!m["body"].as_str().unwrap().contains(secret), "{secret}");
    }
    let sent = outbox(&s).await.len();
    // Mismatches, unknown members and members without an account: the same answer, nothing sent.
    let mut wrong_name = alex();
    wrong_name["last_name"] = json!("Morgen");
    let mut unknown = alex();
    unknown["member_id"] = json!("99999999901");
    let jordan = json!({"member_id": "10020030002", "first_name": "Jordan", "last_name": "Morgan", "date_of_birth": "1986-07-22"});
    for who in [wrong_name, unknown, jordan] {
        let (st, other) = start(&s, &c, "username", who).await;
        assert_eq!((st, &other), (202, &answer));
    }
    assert_eq!(outbox(&s).await.len(), sent);
    // Format problems name the field.
    let mut star = alex();
    star["member_id"] = json!("100200300*01");
    star["date_of_birth"] = json!("");
    let (st, p) = start(&s, &c, "username", star).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "member_id"), ["member_id.asterisk"]);
    assert_eq!(field_codes(&p, "date_of_birth").len(), 1);
    // The old endpoint that answered the username is gone.
    assert_eq!(s.post(&c, "/api/v1/recovery/username", alex()).await.0, 404);
}

#[tokio::test]
async fn identity_details_alone_no_longer_change_a_password_or_unlock() {
    let s = TestServer::start().await;
    let c = s.client();
    // The old one-step body (identity and a new password) is refused.
    let mut old_style = alex();
    old_style["new_password"] = json!("Fresh.Start42");
    old_style["confirm_password"] = json!("Fresh.Start42");
    let (st, p) = s.post(&c, "/api/v1/recovery/password", old_style).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.required"]);
    assert_eq!(s.post(&c, "/api/v1/recovery/unlock", alex()).await.0, 400);
    // A made-up ticket and code: refused like a wrong code.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/recovery/password",
            json!({"ticket": "0".repeat(64), "code": "123456", "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 200);
}

#[tokio::test]
async fn forgot_password_needs_the_code_sent_to_the_contact_on_file() {
    let s = TestServer::start().await;
    let old = s.signed_in("member1").await;
    let anon = s.client();
    let (st, answer) = start(&s, &anon, "password", alex()).await;
    assert_eq!(st, 202, "{answer}");
    let ticket = answer["ticket"].as_str().unwrap().to_string();
    assert_eq!(answer["code_minutes"], 15);
    let code = code_sent_to(&s, ALEX_EMAIL).await;
    let body = |code: &str, pw: &str, confirm: &str| json!({"ticket": ticket, "code": code, "new_password": pw, "confirm_password": confirm});
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            body(wrong, "Fresh.Start42", "Fresh.Start42"),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    // The rules, with the right code (a rule broken does not use the code up).
    let cases = [
        (
            "Demo.Pass1",
            "Demo.Pass1",
            "new_password",
            "password.not_previous",
        ),
        (
            "short",
            "other",
            "confirm_password",
            "confirm_password.mismatch",
        ),
        (
            "Password1",
            "Password1",
            "new_password",
            "password.not_common",
        ),
        (
            "Member1.Pass9",
            "Member1.Pass9",
            "new_password",
            "password.not_username",
        ),
    ];
    for (pw, confirm, field, rule) in cases {
        let (st, p) = s
            .post(&anon, "/api/v1/recovery/password", body(&code, pw, confirm))
            .await;
        assert_eq!(st, 400, "{pw}");
        assert!(
            field_codes(&p, field).contains(&rule.to_string()),
            "{pw}: {p}"
        );
    }
    let (st, done) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            body(&code, "Fresh.Start42", "Fresh.Start42"),
        )
        .await;
    assert_eq!(st, 200, "{done}");
    assert_eq!(s.get(&old, "/api/v1/me").await.0, 401, "old sessions ended");
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 401);
    assert_eq!(
        s.login(&s.client(), "member1", "Fresh.Start42").await.0,
        200
    );
    // Single use.
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            body(&code, "Other.Start43", "Other.Start43"),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "code")),
        (400, vec!["code.invalid".to_string()])
    );
    // The contact on file is told.
    let notice = last_to(&s, ALEX_EMAIL).await.unwrap();
    assert_eq!(notice["kind"], "password_changed");
}

#[tokio::test]
async fn a_recovery_code_allows_five_tries_and_a_new_request_replaces_it() {
    let s = TestServer::start().await;
    let anon = s.client();
    let (_, answer) = start(&s, &anon, "unlock", alex()).await;
    let ticket = answer["ticket"].as_str().unwrap().to_string();
    let code = code_sent_to(&s, ALEX_EMAIL).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (st, _) = s
            .post(
                &anon,
                "/api/v1/recovery/unlock",
                json!({"ticket": ticket, "code": wrong}),
            )
            .await;
        assert_eq!(st, 400);
    }
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/recovery/unlock",
            json!({"ticket": ticket, "code": code}),
        )
        .await;
    assert_eq!(st, 400, "out of tries: the right code is refused too");
    assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    // A new request gets a new code; the old ticket stays dead.
    let (_, again) = start(&s, &anon, "unlock", alex()).await;
    let fresh = code_sent_to(&s, ALEX_EMAIL).await;
    let (st, _) = s
        .post(
            &anon,
            "/api/v1/recovery/unlock",
            json!({"ticket": ticket, "code": fresh}),
        )
        .await;
    assert_eq!(st, 400);
    let (st, done) = s
        .post(
            &anon,
            "/api/v1/recovery/unlock",
            json!({"ticket": again["ticket"], "code": fresh}),
        )
        .await;
    assert_eq!(st, 200, "{done}");
    // A code for unlocking does not reset a password.
    let (_, third) = start(&s, &anon, "unlock", alex()).await;
    let code = code_sent_to(&s, ALEX_EMAIL).await;
    let (st, _) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            json!({"ticket": third["ticket"], "code": code, "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"}),
        )
        .await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn forgot_password_with_two_step_on_also_needs_the_authenticator_or_a_recovery_code() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (secret, codes) = enrol(&s, &c).await;
    let anon = s.client();
    let (_, answer) = start(&s, &anon, "password", alex()).await;
    let code = code_sent_to(&s, ALEX_EMAIL).await;
    let mut body = json!({"ticket": answer["ticket"], "code": code, "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"});
    let (st, p) = s
        .post(&anon, "/api/v1/recovery/password", body.clone())
        .await;
    assert_eq!(st, 422);
    assert_eq!(p["type"], "/problems/two-step-required");
    assert_eq!(field_codes(&p, "two_step_code"), ["two_step_code.required"]);
    body["two_step_code"] = json!(if code_at(&secret, 30) == "000000" {
        "111111"
    } else {
        "000000"
    });
    let (st, p) = s
        .post(&anon, "/api/v1/recovery/password", body.clone())
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "two_step_code"), ["two_step_code.invalid"]);
    body["two_step_code"] = json!("");
    body["recovery_code"] = json!(codes[0]);
    let (st, done) = s.post(&anon, "/api/v1/recovery/password", body).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!(
        s.login(&s.client(), "member1", "Fresh.Start42").await.0,
        202
    );
}

#[tokio::test]
async fn unlock_ends_a_lockout_early_with_a_code_sent_by_text() {
    let s = TestServer::start().await;
    let c = s.client();
    for _ in 0..5 {
        s.login(&c, "member3", "Wrong.Pass1").await;
    }
    assert_eq!(s.login(&c, "member3", "Demo.Pass1").await.0, 423);
    let jamie = json!({"member_id": "20030040003", "first_name": "Jamie", "last_name": "Rivera", "date_of_birth": "2003-04-17"});
    let (st, answer) = start(&s, &c, "unlock", jamie).await;
    assert_eq!(st, 202);
    let code = code_sent_to(&s, "+15555550143").await;
    let sms = last_to(&s, "+15555550143").await.unwrap();
    assert_eq!(sms["channel"], "sms");
    let (st, body) = s
        .post(
            &c,
            "/api/v1/recovery/unlock",
            json!({"ticket": answer["ticket"], "code": code}),
        )
        .await;
    assert_eq!(st, 200, "{body}");
    assert!(!body["message"].as_str().unwrap().contains("member3"));
    assert_eq!(s.login(&c, "member3", "Demo.Pass1").await.0, 200);
    let history = s.get(&c, "/api/v1/account/history").await.1;
    let kinds: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    for k in [
        "sign_in_failed",
        "locked",
        "recovery_requested",
        "unlocked",
        "sign_in",
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    let failed = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "sign_in_failed")
        .unwrap();
    assert_eq!(failed["unusual"], "Many failed attempts");
    assert_eq!(failed["address"], "127.0.0.1");
}

#[tokio::test]
async fn no_contact_on_file_gets_the_same_answer_with_member_services_from_configuration() {
    let s = TestServer::start_with(|c| {
        c.member_services_phone = "1-800-555-0100".into();
        c.member_services_hours = "every day, 7 a.m. to 11 p.m. Central time".into();
    })
    .await;
    let c = s.client();
    let logan = json!({"member_id": "40050060010", "first_name": "Logan", "last_name": "Lee", "date_of_birth": "1997-10-24"});
    let (st, answer) = start(&s, &c, "password", logan).await;
    assert_eq!(st, 202);
    let (_, other) = start(&s, &c, "password", alex()).await;
    assert_eq!(without_ticket(answer.clone()), without_ticket(other));
    assert!(
        answer["ticket"].is_string(),
        "a ticket even when nothing was sent"
    );
    assert_eq!(answer["member_services_phone"], "1-800-555-0100");
    let message = answer["message"].as_str().unwrap();
    assert!(message.contains("1-800-555-0100"), "{message}");
    assert!(
        message.contains("every day, 7 a.m. to 11 p.m. Central time"),
        "{message}"
    );
    // Only Alex's code was queued.
    let list = outbox(&s).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["to"], ALEX_EMAIL);
}

#[tokio::test]
async fn recovery_is_rate_limited_per_member_id_and_per_address() {
    let s = TestServer::start().await;
    let c = s.client();
    let mut wrong = alex();
    wrong["first_name"] = json!("Alexa");
    // Every request counts, matched or not, so the limit says nothing about a match.
    for (i, who) in [wrong.clone(), alex(), wrong.clone(), alex(), wrong.clone()]
        .into_iter()
        .enumerate()
    {
        assert_eq!(start(&s, &c, "unlock", who).await.0, 202, "{i}");
    }
    let (st, p) = start(&s, &c, "unlock", alex()).await;
    assert_eq!(st, 429);
    assert_eq!(p["type"], "/problems/rate-limited");
    assert_eq!(start(&s, &c, "unlock", wrong).await.0, 429);

    // Per address: 20 requests from one address, whatever the member ID.
    let s = TestServer::start().await;
    for i in 0..20 {
        let mut body = alex();
        body["member_id"] = json!(format!("9{:08}01", i));
        assert_eq!(start(&s, &c, "username", body).await.0, 202, "{i}");
    }
    assert_eq!(start(&s, &c, "username", alex()).await.0, 429);
}

#[tokio::test]
async fn security_changes_are_told_to_the_contacts_on_file_old_and_new() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let r = c
        .put(s.url("/api/v1/account/contact"))
        .json(&json!({"email": "new.alex@example.com", "phone": "555 555 0144", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let list = outbox(&s).await;
    let to: Vec<(&str, &str)> = list
        .iter()
        .filter(|m| m["kind"] == "contact_changed")
        .map(|m| (m["to"].as_str().unwrap(), m["channel"].as_str().unwrap()))
        .collect();
    for want in [
        (ALEX_EMAIL, "email"),
        ("new.alex@example.com", "email"),
        ("+15555550144", "sms"),
    ] {
        assert!(to.contains(&want), "{want:?} in {to:?}");
    }
    // A sign-in from a browser not seen before is told; the same one again is not.
    let firefox = reqwest::Client::builder()
        .cookie_store(true)
        .user_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")
        .build()
        .unwrap();
    let count = |list: &[Value]| list.iter().filter(|m| m["kind"] == "new_device").count();
    let before = count(&outbox(&s).await);
    assert_eq!(s.login(&firefox, "member1", "Demo.Pass1").await.0, 200);
    let after = count(&outbox(&s).await);
    assert_eq!(after, before + 2, "email and text");
    assert_eq!(s.login(&firefox, "member1", "Demo.Pass1").await.0, 200);
    assert_eq!(count(&outbox(&s).await), after);
}

#[tokio::test]
async fn the_demo_outbox_is_served_only_with_demo() {
    let s = TestServer::start().await;
    let r = s.client().get(s.url("/dev/outbox")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(r.text().await.unwrap().contains("Demo outbox"));
    let s = TestServer::start_with(|c| c.demo = false).await;
    assert_eq!(s.get(&s.client(), "/api/dev/outbox").await.0, 404);
    let r = s.client().get(s.url("/dev/outbox")).send().await.unwrap();
    assert_ne!(r.status(), 200);
}

#[tokio::test]
async fn change_username_with_rules_uniqueness_and_suggestions() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let put = |body: Value| {
        let c = c.clone();
        let url = s.url("/api/v1/account/username");
        async move {
            let r = c.put(url).json(&body).send().await.unwrap();
            let st = r.status().as_u16();
            (st, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (st, p) = put(json!({"username": "a*b", "password": "Demo.Pass1"})).await;
    assert_eq!(st, 400);
    assert!(field_codes(&p, "username").contains(&"username.length".to_string()));
    let (st, p) = put(json!({"username": "MEMBER2", "password": "Demo.Pass1"})).await;
    assert_eq!(st, 409);
    assert_eq!(p["type"], "/problems/username-taken");
    assert!(!p["suggestions"].as_array().unwrap().is_empty());
    let (st, p) = put(json!({"username": "alexm84", "password": "Wrong.Pass1"})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "password"), ["password.incorrect"]);
    let (st, me) = put(json!({"username": "AlexM84", "password": "Demo.Pass1"})).await;
    assert_eq!(st, 200);
    assert_eq!(me["username"], "alexm84");
    assert_eq!(s.login(&s.client(), "alexm84", "Demo.Pass1").await.0, 200);
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 401);
}

#[tokio::test]
async fn change_password_checks_current_policy_and_reuse() {
    let s = TestServer::start().await;
    let c = s.signed_in("member2").await;
    let other = s.signed_in("member2").await;
    let put = |body: Value| {
        let c = c.clone();
        let url = s.url("/api/v1/account/password");
        async move {
            let r = c.put(url).json(&body).send().await.unwrap();
            let st = r.status().as_u16();
            (st, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (st, p) = put(json!({"current_password": "Wrong.Pass1", "new_password": "Brand.New77", "confirm_password": "Brand.New77"})).await;
    assert_eq!(st, 400);
    assert_eq!(
        field_codes(&p, "current_password"),
        ["current_password.incorrect"]
    );
    let (st, p) = put(json!({"current_password": "Demo.Pass1", "new_password": "Demo.Pass1", "confirm_password": "Demo.Pass1"})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "new_password"), ["password.not_previous"]);
    let (st, p) = put(json!({"current_password": "Demo.Pass1", "new_password": "has space1A", "confirm_password": "x"})).await;
    assert_eq!(st, 400);
    assert!(field_codes(&p, "new_password").contains(&"password.no_spaces".to_string()));
    assert_eq!(
        field_codes(&p, "confirm_password"),
        ["confirm_password.mismatch"]
    );
    let (st, _) = put(json!({"current_password": "Demo.Pass1", "new_password": "Brand.New77", "confirm_password": "Brand.New77"})).await;
    assert_eq!(st, 204);
    assert_eq!(s.get(&c, "/api/v1/me").await.0, 200, "this session stays");
    assert_eq!(s.get(&other, "/api/v1/me").await.0, 401, "the others end");
    assert_eq!(s.login(&s.client(), "member2", "Brand.New77").await.0, 200);
    // And the previous one is now refused as a reuse.
    let (st, p) = put(json!({"current_password": "Brand.New77", "new_password": "Demo.Pass1", "confirm_password": "Demo.Pass1"})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "new_password"), ["password.not_previous"]);
}

#[tokio::test]
async fn contact_details_are_validated_and_normalised() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let put = |body: Value| {
        let c = c.clone();
        let url = s.url("/api/v1/account/contact");
        async move {
            let r = c.put(url).json(&body).send().await.unwrap();
            let st = r.status().as_u16();
            (st, r.json::<Value>().await.unwrap_or(Value::Null))
        }
    };
    let (st, p) = put(json!({"email": "alex@", "phone": "555-0142"})).await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "email"), ["email.format"]);
    assert_eq!(field_codes(&p, "phone"), ["phone.length"]);
    let (st, body) = put(
        json!({"email": "Alex@Example.COM", "phone": "+1 555 555 0142", "password": "Demo.Pass1"}),
    )
    .await;
    assert_eq!(st, 200);
    assert_eq!(body["email"], "Alex@example.com");
    assert_eq!(body["phone"], "(555) 555-0142");
    let settings = s.get(&c, "/api/v1/account").await.1;
    assert_eq!(settings["phone"], "(555) 555-0142");
    assert_eq!(settings["username"], "member1");
    assert_eq!(settings["two_step"]["enabled"], false);
    let (st, body) = put(json!({"email": "", "phone": "", "password": "Demo.Pass1"})).await;
    assert_eq!(st, 200);
    assert!(body["email"].is_null() && body["phone"].is_null());
    let r = c
        .put(s.url("/api/v1/account/contact"))
        .header("content-type", "application/json")
        .body("{\"email\": 5}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn history_marks_a_new_browser() {
    let s = TestServer::start().await;
    let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
    let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    let with_ua = |ua: &'static str| {
        reqwest::Client::builder()
            .cookie_store(true)
            .user_agent(ua)
            .build()
            .unwrap()
    };
    let a = with_ua(chrome);
    assert_eq!(s.login(&a, "member2", "Demo.Pass1").await.0, 200);
    let b = with_ua(firefox);
    assert_eq!(s.login(&b, "member2", "Demo.Pass1").await.0, 200);
    let history = s.get(&a, "/api/v1/account/history").await.1;
    let events = history.as_array().unwrap();
    assert_eq!(events[0]["kind"], "sign_in");
    assert!(events[0]["client"]
        .as_str()
        .unwrap()
        .starts_with("Firefox 128"));
    assert_eq!(events[0]["unusual"], "New browser or device");
    assert_eq!(events[1]["client"], "Chrome 126 on Windows 10");
    assert!(events[1]["unusual"].is_null());
    let sessions = s.get(&a, "/api/v1/account/sessions").await.1;
    assert_eq!(sessions.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn session_status_does_not_count_as_activity_and_keep_alive_does() {
    let s = TestServer::start_with(|c| c.session_idle_secs = 4).await;
    let c = s.signed_in("member1").await;
    let (st, status) = s.get(&c, "/api/v1/session").await;
    assert_eq!(st, 200);
    assert_eq!(status["idle_timeout_secs"], 4);
    assert_eq!(status["warn_before_secs"], 2);
    assert!(status["remaining_secs"].as_u64().unwrap() <= 4);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (st, status) = s.get(&c, "/api/v1/session").await;
    assert_eq!(st, 200);
    assert!(status["remaining_secs"].as_u64().unwrap() <= 2, "{status}");
    tokio::time::sleep(Duration::from_millis(2000)).await;
    assert_eq!(
        s.get(&c, "/api/v1/session").await.0,
        401,
        "asking did not extend it"
    );

    let c = s.signed_in("member1").await;
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let (st, status) = s.post(&c, "/api/v1/session/keep-alive", json!({})).await;
    assert_eq!(st, 200);
    assert_eq!(status["remaining_secs"], 4);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(s.get(&c, "/api/v1/session").await.0, 200, "kept alive");
}

#[tokio::test]
async fn me_carries_the_session_clock_so_a_page_load_needs_no_session_request() {
    let s = TestServer::start_with(|c| c.session_idle_secs = 600).await;
    let c = s.signed_in("member1").await;
    let (st, me) = s.get(&c, "/api/v1/me").await;
    assert_eq!(st, 200);
    let clock = &me["session"];
    assert_eq!(clock["idle_timeout_secs"], 600);
    assert_eq!(clock["warn_before_secs"], 300);
    let left = clock["remaining_secs"].as_u64().unwrap();
    assert!((595..=600).contains(&left), "{me}");
    // the sign-in answer has no clock (the page that follows asks /me)
    let r = s
        .client()
        .post(s.url("/api/v1/auth/login"))
        .json(&json!({"username": "member1", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert!(body.get("session").is_none(), "{body}");
}

#[tokio::test]
async fn recovery_refuses_cross_site_requests_and_documents_itself() {
    let s = TestServer::start().await;
    let r = s
        .client()
        .post(s.url("/api/v1/recovery/start"))
        .header("origin", "https://evil.example")
        .json(&alex())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let doc = s.get(&s.client(), "/api/openapi.json").await.1;
    for path in [
        "/api/v1/auth/login/two-step",
        "/api/v1/account/two-step/setup",
        "/api/v1/account/sessions/{id}",
        "/api/v1/recovery/start",
        "/api/v1/recovery/password",
        "/api/v1/recovery/unlock",
        "/api/dev/outbox",
        "/api/v1/session",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path}");
    }
}
