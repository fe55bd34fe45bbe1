//! Two-step verification by a code sent by text or email (issue 11), over
//! HTTP: set-up right after registration, sign-in with the sent code, "send
//! a new code", switching off, the contact it is tied to, and recovery.

#![allow(clippy::unwrap_used)]

use crate::common::{code_in, field_codes, jordan, last_to, outbox, retry_after, TestServer};
use serde_json::{json, Value};

const PHONE: &str = "+15555550177";
const PASSWORD: &str = "Sunny.Day7";

/// Jordan registers (and so is signed in) on a new client.
async fn registered(s: &TestServer) -> reqwest::Client {
    let c = s.client();
    let (st, body) = s
        .post(&c, "/api/v1/auth/register", jordan("jmorgan1"))
        .await;
    assert_eq!(st, 201, "{body}");
    c
}

/// The code of the newest message of `kind` to `to`.
async fn code_to(s: &TestServer, to: &str, kind: &str) -> String {
    code_in(&last_to(s, to).await.expect("a message"), kind)
}

/// Registers Jordan and switches on codes by text to [`PHONE`].
async fn with_text_codes(s: &TestServer) -> reqwest::Client {
    let c = registered(s).await;
    let (st, sent) = s
        .post(
            &c,
            "/api/v1/account/two-step/code-setup",
            json!({"method": "sms", "destination": "(555) 555-0177", "password": PASSWORD}),
        )
        .await;
    assert_eq!(st, 200, "{sent}");
    let code = code_to(s, PHONE, "two_step_code").await;
    let (st, codes) = s
        .post(&c, "/api/v1/account/two-step/enable", json!({"code": code}))
        .await;
    assert_eq!(st, 200, "{codes}");
    c
}

#[tokio::test]
async fn set_up_by_text_right_after_registration() {
    let s = TestServer::start().await;
    let c = registered(&s).await;
    let setup = |body: Value| s.post(&c, "/api/v1/account/two-step/code-setup", body);

    // Bad input, each beside its field; nothing is sent.
    let before = outbox(&s).await.len();
    let (st, p) =
        setup(json!({"method": "sms", "destination": "555-01", "password": PASSWORD})).await;
    assert_eq!(
        (st, field_codes(&p, "destination")),
        (400, vec!["destination.length".to_string()])
    );
    let (st, p) = setup(json!({"method": "sms", "destination": ""})).await;
    assert_eq!(
        (st, field_codes(&p, "destination")),
        (400, vec!["destination.required".to_string()])
    );
    let (st, p) = setup(json!({"method": "app", "destination": "x"})).await;
    assert_eq!(
        (st, field_codes(&p, "method")),
        (400, vec!["method.invalid".to_string()])
    );
    let (st, _) = setup(json!({"method": "fax", "destination": "x"})).await;
    assert_eq!(st, 422);
    // A phone that is not on file yet needs the password (it is where
    // recovery codes will go).
    let (st, p) = setup(json!({"method": "sms", "destination": "(555) 555-0177"})).await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.required".to_string()])
    );
    let (st, p) =
        setup(json!({"method": "sms", "destination": "(555) 555-0177", "password": "Wrong.Pass1"}))
            .await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.incorrect".to_string()])
    );
    assert_eq!(outbox(&s).await.len(), before);

    let (st, sent) =
        setup(json!({"method": "sms", "destination": "(555) 555-0177", "password": PASSWORD}))
            .await;
    assert_eq!(st, 200, "{sent}");
    assert_eq!(
        sent,
        json!({"method": "sms", "sent_to": "(•••) •••-0177", "expires_in_secs": 600})
    );
    let message = last_to(&s, PHONE).await.unwrap();
    assert_eq!(message["channel"], "sms");
    assert!(message["body"]
        .as_str()
        .unwrap()
        .contains("set up two-step verification"));
    let code = code_in(&message, "two_step_code");
    // Not on until the code is entered; a wrong code is refused.
    assert_eq!(
        s.get(&c, "/api/v1/account/two-step").await.1["enabled"],
        false
    );
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/enable",
            json!({"code": wrong}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "code")),
        (400, vec!["code.invalid".to_string()])
    );
    let (st, codes) = s
        .post(&c, "/api/v1/account/two-step/enable", json!({"code": code}))
        .await;
    assert_eq!(st, 200);
    assert_eq!(codes["codes"].as_array().unwrap().len(), 10);
    let (_, status) = s.get(&c, "/api/v1/account/two-step").await;
    assert_eq!(
        status,
        json!({"enabled": true, "recovery_codes_left": 10, "method": "sms", "sent_to": "(•••) •••-0177"})
    );
    // The verified phone is now the contact on file.
    assert_eq!(
        s.get(&c, "/api/v1/account").await.1["phone"],
        "(555) 555-0177"
    );
    // The code worked once.
    let (st, _) = s
        .post(&c, "/api/v1/account/two-step/enable", json!({"code": code}))
        .await;
    assert_eq!(st, 409);
}

#[tokio::test]
async fn sign_in_sends_a_code_to_the_phone_and_takes_it_once() {
    let s = TestServer::start().await;
    with_text_codes(&s).await;
    let b = s.client();
    let (st, challenge) = s.login(&b, "jmorgan1", PASSWORD).await;
    assert_eq!(st, 202);
    assert_eq!(
        challenge,
        json!({"two_step_required": true, "expires_in_secs": 600, "method": "sms", "sent_to": "(•••) •••-0177"})
    );
    let message = last_to(&s, PHONE).await.unwrap();
    assert!(message["body"].as_str().unwrap().contains("to sign in"));
    let code = code_in(&message, "two_step_code");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (st, p) = s
        .post(&b, "/api/v1/auth/login/two-step", json!({"code": wrong}))
        .await;
    assert_eq!(st, 401);
    assert!(
        p["detail"].as_str().unwrap().contains("newest message"),
        "{p}"
    );
    // Right away, "send a new code" is refused with the wait.
    let r = b
        .post(s.url("/api/v1/auth/login/two-step/resend"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!((1..=30).contains(&retry_after(&r)));
    let (st, me) = s
        .post(&b, "/api/v1/auth/login/two-step", json!({"code": code}))
        .await;
    assert_eq!(st, 200, "{me}");
    assert_eq!(s.get(&b, "/api/v1/me").await.0, 200);

    // Another sign-in: the old code is no good for it.
    let d = s.client();
    assert_eq!(s.login(&d, "jmorgan1", PASSWORD).await.0, 202);
    let fresh = code_to(&s, PHONE, "two_step_code").await;
    if fresh != code {
        let (st, _) = s
            .post(&d, "/api/v1/auth/login/two-step", json!({"code": code}))
            .await;
        assert_eq!(st, 401);
    }
    // A recovery code works instead of the sent code.
    let e = s.client();
    assert_eq!(s.login(&e, "jmorgan1", PASSWORD).await.0, 202);
    let (st, _) = s
        .post(
            &e,
            "/api/v1/auth/login/two-step",
            json!({"recovery_code": "ABCD-EFGH-JKMN-PQRS"}),
        )
        .await;
    assert_eq!(st, 401);
    // Without a pending sign-in, there is nothing to resend.
    let r = s
        .client()
        .post(s.url("/api/v1/auth/login/two-step/resend"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn set_up_codes_by_email_have_try_and_send_limits() {
    let s = TestServer::start().await;
    // member1 has an email on file: using it needs no password.
    let c = s.signed_in("member1").await;
    let (_, settings) = s.get(&c, "/api/v1/account").await;
    let email = settings["email"]
        .as_str()
        .expect("member1's email")
        .to_string();
    let setup = || {
        s.post(
            &c,
            "/api/v1/account/two-step/code-setup",
            json!({"method": "email", "destination": email.to_uppercase()}),
        )
    };
    let (st, sent) = setup().await;
    assert_eq!(st, 200, "{sent} {settings}");
    assert_eq!(sent["method"], "email");
    assert!(sent["sent_to"].as_str().unwrap().ends_with("@example.com"));
    assert_eq!(last_to(&s, &email).await.unwrap()["channel"], "email");
    // Five wrong codes and the code is gone: a new one is needed.
    for _ in 0..5 {
        let (st, p) = s
            .post(
                &c,
                "/api/v1/account/two-step/enable",
                json!({"code": "000001"}),
            )
            .await;
        assert_eq!(st, 400);
        assert_eq!(field_codes(&p, "code"), ["code.invalid"]);
    }
    let right = code_to(&s, &email, "two_step_code").await;
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/enable",
            json!({"code": right}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "code")),
        (400, vec!["code.expired".to_string()])
    );
    // Five sends per window (one used above), then 429 with Retry-After.
    for _ in 0..4 {
        assert_eq!(setup().await.0, 200);
    }
    let r = c
        .post(s.url("/api/v1/account/two-step/code-setup"))
        .json(&json!({"method": "email", "destination": email}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(retry_after(&r) > 0);
}

#[tokio::test]
async fn switching_off_needs_the_password_and_a_sent_code_and_the_phone_stays_while_on() {
    let s = TestServer::start().await;
    let c = with_text_codes(&s).await;
    // The phone codes go to cannot be changed or removed while it is on.
    let (st, p) = s
        .put(
            &c,
            "/api/v1/account/contact",
            json!({"email": "", "phone": "(555) 555-0199", "password": PASSWORD}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "phone")),
        (400, vec!["phone.two_step".to_string()])
    );
    let (st, _) = s
        .put(
            &c,
            "/api/v1/account/contact",
            json!({"email": "jordan@example.com", "phone": "(555) 555-0177", "password": PASSWORD}),
        )
        .await;
    assert_eq!(st, 200);
    // Switching off: a code sent for it, with the password.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": PASSWORD, "code": "123456"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "code")),
        (400, vec!["code.expired".to_string()])
    );
    let (st, sent) = s
        .post(&c, "/api/v1/account/two-step/send-code", json!(null))
        .await;
    assert_eq!(st, 200, "{sent}");
    let message = last_to(&s, PHONE).await.unwrap();
    assert!(message["body"].as_str().unwrap().contains("switch off"));
    let code = code_in(&message, "two_step_code");
    let (st, p) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": "Wrong.Pass1", "code": code}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.incorrect".to_string()])
    );
    let (st, _) = s
        .post(
            &c,
            "/api/v1/account/two-step/disable",
            json!({"password": PASSWORD, "code": code}),
        )
        .await;
    assert_eq!(st, 204);
    assert_eq!(
        s.get(&c, "/api/v1/account/two-step").await.1["enabled"],
        false
    );
    assert_eq!(s.login(&s.client(), "jmorgan1", PASSWORD).await.0, 200);
    // Off: nothing to send.
    assert_eq!(
        s.post(&c, "/api/v1/account/two-step/send-code", json!(null))
            .await
            .0,
        409
    );
}

#[tokio::test]
async fn recovery_with_text_codes_needs_the_sent_code_then_sign_in_still_asks_for_one() {
    let s = TestServer::start().await;
    with_text_codes(&s).await;
    let anon = s.client();
    let (st, started) = s
        .post(
            &anon,
            "/api/v1/recovery/start",
            json!({"purpose": "password", "member_id": "10020030002", "first_name": "Jordan",
                   "last_name": "Morgan", "date_of_birth": "1986-07-22"}),
        )
        .await;
    assert_eq!(st, 202);
    let code = code_to(&s, PHONE, "recovery_code").await;
    let (st, done) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            json!({"ticket": started["ticket"], "code": code,
                   "new_password": "Fresh.Start42", "confirm_password": "Fresh.Start42"}),
        )
        .await;
    assert_eq!(st, 200, "{done}");
    let (st, challenge) = s.login(&s.client(), "jmorgan1", "Fresh.Start42").await;
    assert_eq!(st, 202);
    assert_eq!(challenge["method"], "sms");
}
