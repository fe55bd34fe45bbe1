//! Virtual visits (issue 14) over HTTP: coverage priced by the engine,
//! providers by kind, open times, booking (and a race for one time between
//! members), the calendar file, moving, cancelling, joining from ten
//! minutes before, the reminder alert, past visits from claims, and each
//! bad input.

use crate::common::TestServer;
use serde_json::{json, Value};

async fn server() -> TestServer {
    TestServer::start_with(|c| c.demo_directory = true).await
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The first provider of a kind, and its open times.
async fn provider_of(s: &TestServer, c: &reqwest::Client, benefit: &str) -> (i64, Vec<Value>) {
    let (status, list) = s
        .get(
            c,
            &format!("/api/v1/care/virtual/providers?benefit={benefit}"),
        )
        .await;
    assert_eq!(status, 200, "{list}");
    let id = list["providers"][0]["id"].as_i64().expect("a provider");
    let (status, slots) = s
        .get(c, &format!("/api/v1/care/virtual/providers/{id}/slots"))
        .await;
    assert_eq!(status, 200, "{slots}");
    (id, slots["slots"].as_array().cloned().unwrap_or_default())
}

/// An open time at least an hour away (so it cannot be joined yet).
fn later(slots: &[Value]) -> i64 {
    slots
        .iter()
        .filter_map(|s| s["starts_at"].as_i64())
        .find(|t| *t > now() + 3600)
        .expect("an open time more than an hour away")
}

async fn me(s: &TestServer, c: &reqwest::Client) -> i64 {
    let (_, care) = s.get(c, "/api/v1/care/virtual").await;
    care["people"][0][0].as_i64().expect("the caller")
}

#[tokio::test]
async fn needs_a_member_session() {
    let s = server().await;
    for path in [
        "/api/v1/care/virtual",
        "/api/v1/care/virtual/providers",
        "/api/v1/care/virtual/visits/VV-AAAAAAAA",
    ] {
        let (status, _) = s.get(&s.client(), path).await;
        assert_eq!(status, 401, "{path}");
    }
}

#[tokio::test]
async fn coverage_is_priced_by_the_plans_telehealth_design() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let (status, care) = s.get(&c, "/api/v1/care/virtual").await;
    assert_eq!(status, 200, "{care}");
    let cov = &care["coverage"];
    assert_eq!(cov["plan_name"], "Evergreen Silver PPO 2026");
    assert_eq!(cov["copay"], 1000);
    assert_eq!(cov["before_deductible"], false);
    let benefits = cov["benefits"].as_array().expect("benefits");
    assert_eq!(benefits.len(), 4);
    for b in benefits {
        assert_eq!(b["you_pay"], 1000, "{b}");
        assert_eq!(b["words"], "A $10.00 copay.");
    }
    // In person the same primary care visit is the $25 copay.
    assert_eq!(benefits[0]["benefit"], "primary_care");
    assert_eq!(benefits[0]["in_person"], 2500);
}

#[tokio::test]
async fn providers_by_kind_and_each_bad_option() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let (status, urgent) = s
        .get(&c, "/api/v1/care/virtual/providers?benefit=urgent_care")
        .await;
    assert_eq!(status, 200);
    let list = urgent["providers"].as_array().expect("providers");
    assert!(!list.is_empty());
    for p in list {
        assert_eq!(p["mode"], "on_demand", "{p}");
        assert_eq!(p["benefit"], "urgent_care");
        assert_eq!(p["network"]["status"], "in_network");
        assert_eq!(p["time_zone"], "America/Los_Angeles");
        assert!(p["next_open"].as_i64().is_some_and(|t| t > now()));
    }
    let (_, mental) = s
        .get(
            &c,
            "/api/v1/care/virtual/providers?benefit=mental_health&page=1",
        )
        .await;
    assert!(mental["total"].as_u64().unwrap_or(0) > 0);
    assert!(mental["providers"]
        .as_array()
        .expect("providers")
        .iter()
        .all(|p| p["benefit"] == "mental_health" && p["mode"] == "scheduled"));
    for (query, field, code) in [
        ("benefit=dentistry", "benefit", "benefit.unknown"),
        ("page=0", "page", "page.invalid"),
        ("sort=name", "sort", "param.unknown"),
    ] {
        let (status, body) = s
            .get(&c, &format!("/api/v1/care/virtual/providers?{query}"))
            .await;
        assert_eq!(status, 400, "{query}: {body}");
        assert_eq!(
            crate::common::field_codes(&body, field),
            vec![code.to_string()],
            "{query}"
        );
    }
    let (status, _) = s
        .get(&c, "/api/v1/care/virtual/providers/999999/slots")
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn book_get_the_calendar_file_move_and_cancel() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let member = me(&s, &c).await;
    let (provider, slots) = provider_of(&s, &c, "primary_care").await;
    let start = later(&slots);
    let body = json!({"provider_id": provider, "member_id": member, "starts_at": start, "reason": "Sore throat"});
    let (status, visit) = s
        .post(&c, "/api/v1/care/virtual/visits", body.clone())
        .await;
    assert_eq!(status, 201, "{visit}");
    let reference = visit["reference"].as_str().expect("reference").to_string();
    assert!(reference.starts_with("VV-"));
    assert_eq!(visit["status"], "booked");
    assert_eq!(visit["ends_at"].as_i64(), Some(start + 1800));
    assert_eq!(visit["join_opens_at"].as_i64(), Some(start - 600));
    assert_eq!(visit["you_pay"], 1000);
    // Pressing "Book" again answers with the same visit.
    let (status, again) = s.post(&c, "/api/v1/care/virtual/visits", body).await;
    assert_eq!(status, 200);
    assert_eq!(again["reference"], visit["reference"]);
    // The time is no longer open.
    let (_, now_open) = s
        .get(
            &c,
            &format!("/api/v1/care/virtual/providers/{provider}/slots"),
        )
        .await;
    assert!(!now_open["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .any(|s| s["starts_at"] == start));
    // Upcoming on the page.
    let (_, care) = s.get(&c, "/api/v1/care/virtual").await;
    assert!(care["upcoming"]
        .as_array()
        .expect("upcoming")
        .iter()
        .any(|v| v["reference"] == reference.as_str()));
    // Not joinable an hour ahead.
    let (status, problem) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/join"),
            json!({}),
        )
        .await;
    assert_eq!(status, 409, "{problem}");
    assert_eq!(problem["type"], "/problems/join-closed");
    // The calendar file.
    let r = c
        .get(s.url(&format!(
            "/api/v1/care/virtual/visits/{reference}/calendar.ics"
        )))
        .send()
        .await
        .expect("ics");
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/calendar"));
    let ics = r.text().await.expect("text");
    assert!(ics.contains("BEGIN:VEVENT") && ics.contains("STATUS:CONFIRMED"));
    assert!(
        !ics.contains("Sore throat"),
        "the reason stays out of calendars"
    );
    // Move it to another open time: the old one is open again.
    let other = now_open["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .filter_map(|s| s["starts_at"].as_i64())
        .find(|t| *t > start)
        .expect("a later time");
    let (status, moved) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/move"),
            json!({"starts_at": other}),
        )
        .await;
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["starts_at"].as_i64(), Some(other));
    let (_, reopened) = s
        .get(
            &c,
            &format!("/api/v1/care/virtual/providers/{provider}/slots"),
        )
        .await;
    assert!(reopened["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .any(|s| s["starts_at"] == start));
    // A time the provider does not offer.
    let (status, problem) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/move"),
            json!({"starts_at": other + 60}),
        )
        .await;
    assert_eq!(status, 400, "{problem}");
    assert_eq!(
        crate::common::field_codes(&problem, "starts_at"),
        vec!["starts_at.not_offered".to_string()]
    );
    // Cancel; a second cancel is refused; the calendar file says cancelled.
    let (status, cancelled) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");
    let (status, problem) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(problem["type"], "/problems/visit-final");
    let ics = c
        .get(s.url(&format!(
            "/api/v1/care/virtual/visits/{reference}/calendar.ics"
        )))
        .send()
        .await
        .expect("ics")
        .text()
        .await
        .expect("text");
    assert!(ics.contains("STATUS:CANCELLED"));
    // Another household cannot see it.
    let other_household = s.signed_in("member2").await;
    let (status, _) = s
        .get(
            &other_household,
            &format!("/api/v1/care/virtual/visits/{reference}"),
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_on_demand_visit_can_be_joined_at_once_and_reminds() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let member = me(&s, &c).await;
    let (provider, slots) = provider_of(&s, &c, "urgent_care").await;
    let first = slots[0]["starts_at"].as_i64().expect("a time");
    assert!(
        first - now() <= 7 * 60,
        "the first on-demand time is minutes away"
    );
    let (status, visit) = s
        .post(
            &c,
            "/api/v1/care/virtual/visits",
            json!({"provider_id": provider, "member_id": member, "starts_at": first}),
        )
        .await;
    assert_eq!(status, 201, "{visit}");
    let reference = visit["reference"].as_str().expect("reference");
    let (status, link) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/join"),
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{link}");
    assert_eq!(link["url"], "/telehealth/demo-room");
    let room = s
        .client()
        .get(s.url("/telehealth/demo-room"))
        .send()
        .await
        .expect("room");
    assert_eq!(room.status(), 200);
    assert!(room.text().await.expect("html").contains("Demo video room"));
    // The reminder alert, starting within a day.
    let (_, alerts) = s.get(&c, "/api/v1/alerts").await;
    let reminder = alerts["items"]
        .as_array()
        .expect("alerts")
        .iter()
        .find(|a| a["kind"] == "virtual_visit")
        .cloned()
        .expect("a reminder");
    assert_eq!(reminder["link"], format!("/care/virtual/{reference}"));
    assert!(
        reminder["message"]
            .as_str()
            .unwrap_or_default()
            .contains(" PST")
            || reminder["message"]
                .as_str()
                .unwrap_or_default()
                .contains(" PDT")
    );
}

#[tokio::test]
async fn members_racing_for_one_time_get_it_once() {
    let s = server().await;
    let users = ["member1", "member2", "member3", "family1", "family2"];
    let mut clients = Vec::new();
    for u in users {
        let c = s.signed_in(u).await;
        let m = me(&s, &c).await;
        clients.push((c, m));
    }
    let (provider, slots) = provider_of(&s, &clients[0].0, "mental_health").await;
    let start = later(&slots);
    let mut tasks = Vec::new();
    for (c, m) in clients {
        let url = s.url("/api/v1/care/virtual/visits");
        tasks.push(tokio::spawn(async move {
            let r = c
                .post(url)
                .json(&json!({"provider_id": provider, "member_id": m, "starts_at": start}))
                .send()
                .await
                .expect("booking");
            let status = r.status().as_u16();
            let body: Value = r.json().await.unwrap_or(Value::Null);
            (status, body)
        }));
    }
    let mut won = 0;
    let mut lost = 0;
    for t in tasks {
        let (status, body) = t.await.expect("task");
        match status {
            201 => won += 1,
            409 => {
                assert_eq!(body["type"], "/problems/slot-taken", "{body}");
                lost += 1;
            }
            other => panic!("{other}: {body}"),
        }
    }
    assert_eq!((won, lost), (1, users.len() - 1));
}

#[tokio::test]
async fn bad_bookings_are_refused_beside_the_field() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let member = me(&s, &c).await;
    let (provider, slots) = provider_of(&s, &c, "primary_care").await;
    let start = later(&slots);
    let cases = [
        (
            json!({"provider_id": provider, "member_id": member, "starts_at": start + 7, "reason": ""}),
            "starts_at",
            "starts_at.not_offered",
        ),
        (
            json!({"provider_id": provider, "member_id": member, "starts_at": start, "reason": "x".repeat(201)}),
            "reason",
            "reason.too_long",
        ),
        (
            json!({"provider_id": 999_999, "member_id": member, "starts_at": start}),
            "provider_id",
            "provider_id.unknown",
        ),
    ];
    for (body, field, code) in cases {
        let (status, problem) = s
            .post(&c, "/api/v1/care/virtual/visits", body.clone())
            .await;
        assert_eq!(status, 400, "{body}: {problem}");
        assert_eq!(
            crate::common::field_codes(&problem, field),
            vec![code.to_string()]
        );
    }
    // Someone in another household: not found.
    let other = s.signed_in("member2").await;
    let stranger = me(&s, &other).await;
    let (status, _) = s
        .post(
            &c,
            "/api/v1/care/virtual/visits",
            json!({"provider_id": provider, "member_id": stranger, "starts_at": start}),
        )
        .await;
    assert_eq!(status, 404);
    // A body that is not a booking.
    let (status, _) = s
        .post(
            &c,
            "/api/v1/care/virtual/visits",
            json!({"provider_id": "x"}),
        )
        .await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn past_virtual_visits_come_from_telehealth_claims_with_their_bookings() {
    let s = server().await;
    let c = s.signed_in("member1").await;
    let (_, care) = s.get(&c, "/api/v1/care/virtual").await;
    let past = care["past"].as_array().expect("past");
    assert!(!past.is_empty(), "{care}");
    for p in past {
        assert!(
            p["place_of_service"] == "10" || p["place_of_service"] == "02",
            "{p}"
        );
        let id = p["claim_id"].as_i64().expect("claim");
        let (status, claim) = s.get(&c, &format!("/api/v1/claims/{id}")).await;
        assert_eq!(status, 200, "{claim}");
        assert_eq!(claim["amounts"]["member_owes"], p["member_owes"]);
    }
    let booked = past
        .iter()
        .find(|p| p["booking"].is_string())
        .expect("the latest one was booked here");
    let reference = booked["booking"].as_str().expect("reference");
    let (status, visit) = s
        .get(&c, &format!("/api/v1/care/virtual/visits/{reference}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(visit["claim_id"], booked["claim_id"]);
    // Its time is over: it cannot be joined, moved or cancelled.
    let (status, _) = s
        .post(
            &c,
            &format!("/api/v1/care/virtual/visits/{reference}/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(status, 409);
}
