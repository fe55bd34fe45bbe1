//! Low findings of issue 11 over HTTP: the CSRF check against the configured
//! public origin (not the request's own Host), the saved-filter limit that
//! cannot be raced past 50, control characters refused in filter names, and
//! the password asked for before the email or phone (where recovery codes
//! go) changes.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::{json, Value};

#[tokio::test]
async fn a_forged_host_header_does_not_pass_the_origin_check() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let body = json!({"name": "Mine", "query": "type=pharmacy"});
    // Before: Origin and Host both the attacker's passed (they were equal).
    let r = c
        .post(s.url("/api/v1/saved-filters"))
        .header("origin", "http://evil.example")
        .header("host", "evil.example")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    // The server's own origin passes.
    let r = c
        .post(s.url("/api/v1/saved-filters"))
        .header("origin", &s.base)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
}

#[tokio::test]
async fn a_configured_public_origin_is_the_one_accepted() {
    let s = TestServer::start_with(|c| {
        c.public_origin = Some("https://members.example.org".into());
    })
    .await;
    let c = s.client();
    let login = json!({"username": "member1", "password": "Demo.Pass1"});
    let send = |origin: &'static str| {
        c.post(s.url("/api/v1/auth/login"))
            .header("origin", origin)
            .json(&login)
            .send()
    };
    assert_eq!(
        send("https://members.example.org").await.unwrap().status(),
        200
    );
    assert_eq!(
        send("http://members.example.org").await.unwrap().status(),
        403
    );
}

#[tokio::test]
async fn fifty_saved_filters_at_most_even_when_raced() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for i in 0..45 {
        let (st, _) = s
            .post(
                &c,
                "/api/v1/saved-filters",
                json!({"name": format!("f{i}"), "query": "type=pharmacy"}),
            )
            .await;
        assert_eq!(st, 201);
    }
    // Twenty at once for the last five places.
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let c = c.clone();
            let url = s.url("/api/v1/saved-filters");
            tokio::spawn(async move {
                c.post(url)
                    .json(&json!({"name": format!("race{i}"), "query": "type=pharmacy"}))
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut created = 0;
    for t in tasks {
        match t.await.unwrap() {
            201 => created += 1,
            400 => {}
            other => panic!("status {other}"),
        }
    }
    assert_eq!(created, 5);
    let (_, list) = s.get(&c, "/api/v1/saved-filters").await;
    let own = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["builtin"] == false)
        .count();
    assert_eq!(own, 50);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/saved-filters",
            json!({"name": "one more", "query": ""}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "name")),
        (400, vec!["name.limit".to_string()])
    );
}

#[tokio::test]
async fn control_characters_are_refused_in_filter_names() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for name in ["tab\there", "line\nbreak", "esc\u{1b}[31m"] {
        let (st, p): (u16, Value) = s
            .post(
                &c,
                "/api/v1/saved-filters",
                json!({"name": name, "query": "type=pharmacy"}),
            )
            .await;
        assert_eq!(
            (st, field_codes(&p, "name")),
            (400, vec!["name.control_chars".to_string()]),
            "{name:?}"
        );
    }
}

#[tokio::test]
async fn changing_the_email_or_phone_needs_the_password() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let contact = "/api/v1/account/contact";
    let (st, p) = s
        .put(
            &c,
            contact,
            json!({"email": "thief@example.com", "phone": ""}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.required".to_string()])
    );
    let (st, p) = s
        .put(
            &c,
            contact,
            json!({"email": "thief@example.com", "phone": "", "password": "Wrong.Pass1"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.incorrect".to_string()])
    );
    let (_, account) = s.get(&c, "/api/v1/account").await;
    assert_eq!(account["email"], "alex.morgan@example.com", "unchanged");
    // The same through the notification settings.
    let (_, mut prefs) = s.get(&c, "/api/v1/notifications").await;
    assert!(prefs.get("password").is_none(), "never sent back");
    prefs["email"] = json!("thief@example.com");
    let (st, p) = s.put(&c, "/api/v1/notifications", prefs.clone()).await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.required".to_string()])
    );
    // Unchanged contact details need no password; with it, the change is made.
    let (_, same) = s.get(&c, "/api/v1/notifications").await;
    assert_eq!(s.put(&c, "/api/v1/notifications", same).await.0, 200);
    prefs["password"] = json!("Demo.Pass1");
    let (st, saved) = s.put(&c, "/api/v1/notifications", prefs).await;
    assert_eq!(
        (st, saved["email"].clone()),
        (200, json!("thief@example.com"))
    );
    let (st, _) = s
        .put(
            &c,
            contact,
            json!({"email": "alex.morgan@example.com", "phone": "", "password": "Demo.Pass1"}),
        )
        .await;
    assert_eq!(st, 200);
}

#[tokio::test]
async fn family_totals_are_withheld_when_they_would_reveal_one_hidden_person() {
    let s = TestServer::start().await;
    // Sam (member2) cannot see Jamie (23, not sharing): exactly one hidden.
    let sam = s.signed_in("member2").await;
    for path in ["/api/v1/accumulators", "/api/v1/dashboard"] {
        let (st, v) = s.get(&sam, path).await;
        assert_eq!(st, 200);
        let people = if path.ends_with("accumulators") {
            &v["people"]
        } else {
            &v["progress"]
        };
        for p in people.as_array().unwrap() {
            let inn = &p["in_network"];
            assert_eq!(inn["family_withheld"], true, "{path}: {inn}");
            assert_eq!(
                (
                    inn["family_deductible_met"].clone(),
                    inn["family_oop_met"].clone()
                ),
                (json!(0), json!(0))
            );
            assert!(
                inn["family_deductible"].as_i64().unwrap() > 0,
                "the limit is still shown"
            );
        }
    }
    // Alex (member1) sees everyone; Dana (family1) has two hidden: shown.
    for who in ["member1", "family1"] {
        let c = s.signed_in(who).await;
        let (_, v) = s.get(&c, "/api/v1/accumulators").await;
        assert_eq!(
            v["people"][0]["in_network"]["family_withheld"], false,
            "{who}"
        );
    }
}

#[tokio::test]
async fn the_per_address_recovery_limit_decays() {
    let s = TestServer::start_with(|c| c.lockout_secs = 2).await;
    let c = s.client();
    let ask = |i: u32| json!({"purpose": "username", "member_id": format!("9{:010}", i), "first_name": "No", "last_name": "One", "date_of_birth": "1990-01-01"});
    let mut statuses = Vec::new();
    for i in 0..21 {
        statuses.push(s.post(&c, "/api/v1/recovery/start", ask(i)).await.0);
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
    tokio::time::sleep(std::time::Duration::from_millis(2300)).await;
    assert_eq!(s.post(&c, "/api/v1/recovery/start", ask(99)).await.0, 202);
}
