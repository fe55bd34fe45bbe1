//! Lockout as denial of service (issue 11): per-address growing delays on
//! failed sign-ins, answered 429 with Retry-After, and a trusted-device
//! cookie that lets the owner's browser keep signing in while the username
//! is locked by someone else's failures (NIST SP 800-63B 5.2.2).

#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{set_cookies, TestServer};
use serde_json::json;

#[tokio::test]
async fn an_address_that_keeps_failing_is_slowed() {
    let s = TestServer::start_with(|c| c.signin_delay_after = 3).await;
    let attacker = s.client();
    // One wrong password each for three usernames: no delay yet.
    for name in ["member1", "member2", "member3"] {
        assert_eq!(
            s.login(&attacker, name, "Wrong.Pass1").await.0,
            401,
            "{name}"
        );
    }
    // The next attempt, for any username, must wait.
    let r = s.login_response(&attacker, "family1", "Wrong.Pass1").await;
    assert_eq!(r.status(), 429);
    let wait = common::retry_after(&r);
    assert!((1..=2).contains(&wait), "{wait}");
    let p: serde_json::Value = r.json().await.unwrap();
    assert_eq!(p["type"], "/problems/rate-limited");
    // family1 was never checked, so never counted toward its lockout.
    tokio::time::sleep(std::time::Duration::from_millis(1100 * wait)).await;
    assert_eq!(s.login(&attacker, "family1", "Demo.Pass1").await.0, 200);
}

#[tokio::test]
async fn the_owners_device_still_signs_in_while_the_username_is_locked() {
    let s = TestServer::start().await;
    // The owner signed in on this browser before: it holds the device cookie.
    let owner = s.client();
    let r = s.login_response(&owner, "member1", "Demo.Pass1").await;
    assert_eq!(r.status(), 200);
    let device = set_cookies(&r)
        .into_iter()
        .find(|v| v.starts_with("portal_device="))
        .expect("a device cookie");
    assert!(
        device.contains("HttpOnly") && device.contains("SameSite=Strict"),
        "{device}"
    );
    assert!(device.contains("Max-Age=15552000"), "{device}");
    assert_eq!(
        s.get(&owner, "/api/v1/me").await.0,
        200,
        "the session cookie is set too"
    );
    assert_eq!(
        s.post(&owner, "/api/v1/auth/logout", json!({})).await.0,
        204
    );

    // Someone else locks the username.
    let attacker = s.client();
    let mut last = 0;
    for _ in 0..5 {
        last = s.login(&attacker, "member1", "Wrong.Pass1").await.0;
    }
    assert_eq!(last, 423);
    // Without the cookie, even the right password is refused while locked.
    assert_eq!(s.login(&s.client(), "member1", "Demo.Pass1").await.0, 423);
    // With it, the owner signs in.
    let (st, me) = s.login(&owner, "member1", "Demo.Pass1").await;
    assert_eq!(st, 200, "{me}");
    assert_eq!(me["username"], "member1");
    // The cookie is for that account only.
    assert_eq!(s.login(&owner, "member2", "Wrong.Pass1").await.0, 401);
}

#[tokio::test]
async fn wrong_passwords_on_a_trusted_device_end_its_trust() {
    let s = TestServer::start().await;
    let device = s.signed_in("member2").await;
    for _ in 0..5 {
        assert_eq!(s.login(&device, "member2", "Wrong.Pass1").await.0, 401);
    }
    // The device is forgotten; the username's own count was never touched.
    let (st, _) = s.login(&device, "member2", "Wrong.Pass1").await;
    assert_eq!(st, 401, "counted on the username now");
    assert_eq!(s.login(&s.client(), "member2", "Demo.Pass1").await.0, 200);
}

#[tokio::test]
async fn with_cookie_secure_cookies_are_host_prefixed_and_hsts_is_sent() {
    let s = TestServer::start_with(|c| c.cookie_secure = true).await;
    let r = s.login_response(&s.client(), "member1", "Demo.Pass1").await;
    assert_eq!(r.status(), 200);
    let cookies = set_cookies(&r);
    assert!(
        cookies
            .iter()
            .any(|c| c.starts_with("__Host-portal_device=")
                && c.contains("; Secure")
                && c.contains("Path=/")),
        "{cookies:?}"
    );
    let session = cookies
        .iter()
        .find(|c| c.starts_with("__Host-portal_session="))
        .expect("a __Host- session cookie");
    assert!(
        session.contains("; Secure") && session.contains("Path=/"),
        "{session}"
    );
    let token = session
        .trim_start_matches("__Host-portal_session=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let me = |cookie: String| {
        let url = s.url("/api/v1/me");
        async move {
            reqwest::Client::new()
                .get(url)
                .header("cookie", cookie)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    assert_eq!(me(format!("__Host-portal_session={token}")).await, 200);
    assert_eq!(
        me(format!("portal_session={token}")).await,
        401,
        "only the prefixed name"
    );
    let hsts = r
        .headers()
        .get("strict-transport-security")
        .map(|v| v.to_str().unwrap().to_string());
    assert_eq!(hsts.as_deref(), Some("max-age=31536000; includeSubDomains"));
}
