//! Healthcare providers (issue 13), over HTTP: registration (every rule,
//! each failure, the provider preset applied to providers and the member
//! preset to members), recovery and username changes for providers, a
//! provider sees only its own claims and never a household or a member's
//! claims, eligibility needs both the member ID and the date of birth,
//! lookups are rate limited and audited.

#![allow(clippy::unwrap_used)]

use crate::common;

use crate::common::{code_in, field_codes, last_to, TestServer};
use portal_server::db::audit::Event;
use serde_json::{json, Value};

/// Harborview Cardiology's registrant (in the provider file, no account).
fn harborview(username: &str, password: &str) -> Value {
    json!({
        "registrant": "provider",
        "provider_id": "70030040001",
        "tax_id": "41-5550123",
        "date_of_birth": "1979-02-11",
        "username": username,
        "password": password,
        "confirm_password": password,
        "accept_terms": true
    })
}

async fn db(s: &TestServer) -> portal_server::db::Db {
    portal_server::db::connect(&format!("sqlite://{}", s.dir().join("test.db").display()))
        .await
        .unwrap()
}

fn alex() -> Value {
    json!({"member_id": "10020030001", "date_of_birth": "1984-03-14", "date_of_service": ""})
}

#[tokio::test]
async fn the_policy_depends_on_the_role() {
    let s = TestServer::start().await;
    let c = s.client();
    let (st, member) = s.get(&c, "/api/v1/policy").await;
    assert_eq!((st, member["preset"].as_str()), (200, Some("member")));
    let (st, provider) = s.get(&c, "/api/v1/policy?role=provider").await;
    assert_eq!((st, provider["preset"].as_str()), (200, Some("provider")));
    let codes: Vec<&str> = provider["password_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"password.digit"), "{codes:?}");
    assert!(!codes.contains(&"password.char_classes"), "{codes:?}");
    let (st, bad) = s.get(&c, "/api/v1/policy?role=support").await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&bad, "role"), ["role.unknown"]);
}

#[tokio::test]
async fn registration_rules_and_failures() {
    let s = TestServer::start().await;
    let c = s.client();
    let post = |body: Value| {
        let (s, c) = (&s, &c);
        async move { s.post(c, "/api/v1/provider/register", body).await }
    };
    // Each field's rules, by code.
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            json!({"provider_id": "700300400*01"}),
            "provider_id",
            "provider_id.asterisk",
        ),
        (
            json!({"provider_id": "700300400"}),
            "provider_id",
            "provider_id.suffix_missing",
        ),
        (json!({"tax_id": "415550123"}), "tax_id", "tax_id.dashes"),
        (
            json!({"tax_id": "07-5550123"}),
            "tax_id",
            "tax_id.ein_prefix",
        ),
        (
            json!({"tax_id": "666-12-3456"}),
            "tax_id",
            "tax_id.ssn_area",
        ),
        (
            json!({"date_of_birth": "2099-01-01"}),
            "date_of_birth",
            "date_of_birth.future",
        ),
        (json!({"username": "abc"}), "username", "username.length"),
        (
            json!({"username": "abcdefghijk"}),
            "username",
            "username.length",
        ),
        (
            json!({"password": "nodigitshere", "confirm_password": "nodigitshere"}),
            "password",
            "password.digit",
        ),
        (
            json!({"password": "short1", "confirm_password": "short1"}),
            "password",
            "password.length",
        ),
        (
            json!({"password": "harborvw2026", "confirm_password": "harborvw2026"}),
            "password",
            "password.not_username",
        ),
        (
            json!({"confirm_password": "other2026"}),
            "confirm_password",
            "confirm_password.mismatch",
        ),
        (
            json!({"accept_terms": false}),
            "accept_terms",
            "terms.required",
        ),
    ];
    for (patch, field, code) in cases {
        let mut body = harborview("harborvw", "heart2026beat");
        for (k, v) in patch.as_object().unwrap() {
            body[k] = v.clone();
        }
        let (st, p) = post(body.clone()).await;
        assert_eq!(st, 400, "{body} -> {p}");
        assert!(
            field_codes(&p, field).contains(&code.to_string()),
            "{field}: {p}"
        );
    }
    // Employers, facilities and brokers are sent to technical support.
    for who in ["employer", "facility", "broker"] {
        let mut body = harborview("harborvw", "heart2026beat");
        body["registrant"] = json!(who);
        let (st, p) = post(body).await;
        assert_eq!(st, 400);
        assert_eq!(field_codes(&p, "registrant"), ["registrant.call_support"]);
        let detail = p["detail"].as_str().unwrap();
        assert!(
            detail.contains("1-800-555-0170") && detail.contains("Monday to Friday"),
            "{detail}"
        );
    }
    // The provider preset, not the members': all lowercase with a digit is
    // a provider's password; a common one is refused.
    let (st, p) = post(harborview("harborvw", "password1")).await;
    assert_eq!(
        (st, field_codes(&p, "password")),
        (400, vec!["password.not_common".to_string()])
    );
    // Details that match no provider: 422, and nothing created.
    let mut wrong = harborview("harborvw", "heart2026beat");
    wrong["date_of_birth"] = json!("1979-02-12");
    let (st, p) = post(wrong).await;
    assert_eq!(st, 422, "{p}");
    assert_eq!(p["type"], "/problems/not-eligible");
    let mut ssn_for_ein = harborview("harborvw", "heart2026beat");
    ssn_for_ein["tax_id"] = json!("415-55-0123");
    assert_eq!(post(ssn_for_ein).await.0, 422);
    // A username a member has: 409 with suggestions.
    let (st, p) = post(harborview("member1", "heart2026beat")).await;
    assert_eq!(st, 409, "{p}");
    assert_eq!(field_codes(&p, "username"), ["username.taken"]);
    assert!(!p["suggestions"].as_array().unwrap().is_empty());
    // The happy path signs the provider in.
    let (st, me) = post(harborview("HarborVW", "heart2026beat")).await;
    assert_eq!(st, 201, "{me}");
    assert_eq!(me["role"], "provider");
    assert_eq!(me["username"], "harborvw");
    assert!(me.get("member").is_none());
    assert_eq!(me["provider"]["organization"], "Harborview Cardiology");
    let (st, again) = s.get(&c, "/api/v1/me").await;
    assert_eq!((st, again["role"].as_str()), (200, Some("provider")));
    // Registered once only; then the username is taken for members too.
    let (st, p) = post(harborview("harborv2", "heart2026beat")).await;
    assert_eq!(st, 409, "{p}");
    assert_eq!(p["type"], "/problems/already-registered");
    let member_reg = common::jordan("harborvw");
    let (st, p) = s
        .post(&s.client(), "/api/v1/auth/register", member_reg)
        .await;
    assert_eq!(st, 409, "{p}");
    // A member's password rules still apply to members.
    let (st, p) = s
        .post(&s.client(), "/api/v1/auth/register", {
            let mut b = common::jordan("jordanm");
            b["password"] = json!("heart2026beat");
            b["confirm_password"] = json!("heart2026beat");
            b
        })
        .await;
    assert_eq!(st, 400, "{p}");
    assert!(
        field_codes(&p, "password").contains(&"password.char_classes".to_string()),
        "{p}"
    );
    // Signing in again works, under the same lockout as members.
    let (st, _) = s.login(&s.client(), "harborvw", "heart2026beat").await;
    assert_eq!(st, 200);
}

#[tokio::test]
async fn registration_pauses_after_repeated_mismatches() {
    let s = TestServer::start().await;
    let c = s.client();
    let mut wrong = harborview("harborvw", "heart2026beat");
    wrong["date_of_birth"] = json!("1980-01-01");
    for _ in 0..4 {
        assert_eq!(
            s.post(&c, "/api/v1/provider/register", wrong.clone())
                .await
                .0,
            422
        );
    }
    let (st, _) = s.post(&c, "/api/v1/provider/register", wrong.clone()).await;
    assert_eq!(st, 429);
    // Even the right details wait now.
    let (st, _) = s
        .post(
            &c,
            "/api/v1/provider/register",
            harborview("harborvw", "heart2026beat"),
        )
        .await;
    assert_eq!(st, 429);
}

#[tokio::test]
async fn providers_and_members_keep_to_their_own_side() {
    let s = TestServer::start().await;
    let provider = s.signed_in("provider1").await;
    for path in [
        "/api/v1/claims",
        "/api/v1/dashboard",
        "/api/v1/coverage",
        "/api/v1/family/sharing",
        "/api/v1/accumulators",
        "/api/v1/billing",
        "/api/v1/messages",
    ] {
        let (st, p) = s.get(&provider, path).await;
        assert_eq!(st, 403, "{path}: {p}");
    }
    let member = s.signed_in("member1").await;
    let (st, _) = s
        .post(&member, "/api/v1/provider/eligibility", alex())
        .await;
    assert_eq!(st, 403);
    let (st, _) = s.get(&member, "/api/v1/provider/remittances").await;
    assert_eq!(st, 403);
    let (st, _) = s
        .post(&member, "/api/v1/provider/claims/search", json!({}))
        .await;
    assert_eq!(st, 403);
    let (st, _) = s
        .post(&s.client(), "/api/v1/provider/eligibility", alex())
        .await;
    assert_eq!(st, 401);
}

#[tokio::test]
async fn eligibility_needs_both_and_shows_only_the_patient() {
    let s = TestServer::start().await;
    let c = s.signed_in("provider1").await;
    let (st, p) = s
        .post(
            &c,
            "/api/v1/provider/eligibility",
            json!({"member_id": "10020030001"}),
        )
        .await;
    assert_eq!(st, 400);
    assert_eq!(field_codes(&p, "date_of_birth"), ["date_of_birth.required"]);
    let (st, p) = s
        .post(
            &c,
            "/api/v1/provider/eligibility",
            json!({"member_id": "100200300*01", "date_of_birth": "1984-03-14"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "member_id")),
        (400, vec!["member_id.asterisk".to_string()])
    );
    // The right member ID with another household member's date of birth.
    let (st, p) = s
        .post(
            &c,
            "/api/v1/provider/eligibility",
            json!({"member_id": "10020030001", "date_of_birth": "1986-07-22"}),
        )
        .await;
    assert_eq!(st, 404, "{p}");
    let (st, e) = s.post(&c, "/api/v1/provider/eligibility", alex()).await;
    assert_eq!(st, 200, "{e}");
    assert_eq!(e["active"], true);
    assert_eq!(e["patient_name"], "Alex Morgan");
    assert_eq!(e["member_id"], "100200300*01");
    assert_eq!(e["provider_network"], "in");
    for net in ["in_network", "out_of_network"] {
        let b = &e[net];
        let cents = |k: &str| b[k]["cents"].as_i64().or_else(|| b[k].as_i64()).unwrap();
        assert_eq!(
            cents("deductible") - cents("deductible_met").min(cents("deductible")),
            cents("deductible_remaining"),
            "{b}"
        );
        assert_eq!(
            cents("oop_max") - cents("oop_met").min(cents("oop_max")),
            cents("oop_remaining"),
            "{b}"
        );
    }
    // The amounts are the member's own dashboard figures.
    let member = s.signed_in("member1").await;
    let (_, acc) = s.get(&member, "/api/v1/accumulators").await;
    let mine = acc["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["first_name"] == "Alex")
        .unwrap()
        .clone();
    assert_eq!(
        mine["in_network"]["deductible_met"],
        e["in_network"]["deductible_met"]
    );
    assert_eq!(mine["in_network"]["oop_met"], e["in_network"]["oop_met"]);
    // Nobody else in the household, no claims, no family totals.
    let text = e.to_string();
    for other in ["Jordan", "Casey", "Riley", "claim_number", "family"] {
        assert!(!text.contains(other), "{other} in {text}");
    }
    // A date of service outside the coverage.
    let (st, past) = s
        .post(&c, "/api/v1/provider/eligibility", json!({"member_id": "10020030001", "date_of_birth": "1984-03-14",
            "date_of_service": format!("{}-06-01", chrono::Utc::now().date_naive().format("%Y").to_string().parse::<i32>().unwrap() - 1)}))
        .await;
    assert_eq!(st, 200, "{past}");
    assert_eq!(past["active"], false, "{past}");
    assert!(past["status_text"]
        .as_str()
        .unwrap()
        .starts_with("Not active"));
    // Every lookup is audited, the miss too; none shows in the sign-in history.
    let rows =
        portal_server::db::audit::with_detail(&db(&s).await, Event::ProviderEligibilityChecked, 10)
            .await
            .unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.iter().any(|(_, d)| d.ends_with("no match")));
    assert!(rows
        .iter()
        .any(|(_, d)| d.starts_with(e["reference"].as_str().unwrap())));
    let (_, history) = s.get(&c, "/api/v1/account/history").await;
    assert!(
        !history.to_string().contains("provider_eligibility_checked"),
        "{history}"
    );
}

#[tokio::test]
async fn eligibility_misses_pause_lookups() {
    let s = TestServer::start().await;
    let c = s.signed_in("provider2").await;
    for i in 0..10 {
        let (st, _) = s
            .post(&c, "/api/v1/provider/eligibility", json!({"member_id": "10020030001", "date_of_birth": format!("1950-01-{:02}", i + 1)}))
            .await;
        assert_eq!(st, 404);
    }
    let (st, p) = s.post(&c, "/api/v1/provider/eligibility", alex()).await;
    assert_eq!(st, 429, "{p}");
    assert!(p["locked_until"].is_string());
    // Another provider is not affected.
    let other = s.signed_in("provider1").await;
    assert_eq!(
        s.post(&other, "/api/v1/provider/eligibility", alex())
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn a_provider_sees_only_the_claims_it_billed() {
    let s = TestServer::start().await;
    let one = s.signed_in("provider1").await;
    let (_, me1) = s.get(&one, "/api/v1/me").await;
    let npis1: Vec<String> = me1["provider"]["npis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["npi"].as_str().unwrap().to_string())
        .collect();
    let (st, page) = s
        .post(&one, "/api/v1/provider/claims/search", json!({}))
        .await;
    assert_eq!(st, 200, "{page}");
    let claims = page["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    assert!(claims
        .iter()
        .all(|c| npis1.contains(&c["npi"].as_str().unwrap().to_string())));
    let two = s.signed_in("provider2").await;
    let (_, page2) = s
        .post(&two, "/api/v1/provider/claims/search", json!({}))
        .await;
    let theirs = page2["claims"][0]["claim_number"]
        .as_str()
        .unwrap()
        .to_string();
    let their_npi = page2["claims"][0]["npi"].as_str().unwrap().to_string();
    assert!(!npis1.contains(&their_npi));
    // Another provider's claim number finds nothing; its NPI is refused.
    let (_, none) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"claim_number": theirs}),
        )
        .await;
    assert_eq!(none["total"], 0);
    let (st, p) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"npi": their_npi}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "npi")),
        (400, vec!["npi.not_yours".to_string()])
    );
    // Filters: by status, by patient, by claim number.
    let status = claims[0]["status"].as_str().unwrap();
    let (_, by_status) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"status": status}),
        )
        .await;
    assert!(by_status["claims"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == status));
    let name = claims[0]["patient_name"].as_str().unwrap();
    let last = name.split(' ').next_back().unwrap().to_lowercase();
    let (_, by_name) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"patient": last}),
        )
        .await;
    assert!(by_name["total"].as_u64().unwrap() >= 1);
    let number = claims[0]["claim_number"].as_str().unwrap();
    let (_, one_claim) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"claim_number": number.to_lowercase()}),
        )
        .await;
    assert_eq!(one_claim["total"], 1);
    let (st, p) = s
        .post(
            &one,
            "/api/v1/provider/claims/search",
            json!({"from": "2026-05-01", "to": "2026-04-01"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "to")),
        (400, vec!["to.before_from".to_string()])
    );
    let rows =
        portal_server::db::audit::with_detail(&db(&s).await, Event::ProviderClaimsViewed, 20)
            .await
            .unwrap();
    assert!(rows.len() >= 6, "{rows:?}");
}

#[tokio::test]
async fn remittances_add_up_and_export() {
    let s = TestServer::start().await;
    let c = s.signed_in("provider2").await;
    let (st, list) = s.get(&c, "/api/v1/provider/remittances").await;
    assert_eq!(st, 200, "{list}");
    let cents = |v: &Value| v["cents"].as_i64().or_else(|| v.as_i64()).unwrap();
    let rems = list["remittances"].as_array().unwrap();
    assert!(!rems.is_empty());
    let mut all = 0;
    let mut claims = 0;
    for r in rems {
        let sum: i64 = r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| cents(&c["paid"]))
            .sum();
        assert_eq!(sum, cents(&r["total"]), "{r}");
        all += sum;
        claims += r["claims"].as_array().unwrap().len();
    }
    assert_eq!(all, cents(&list["total"]));
    let r = c
        .get(s.url("/api/v1/provider/remittances.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = r.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "Payment number");
    assert_eq!(reader.records().count(), claims);
    // Paid claims in the claim status list carry the same payment number.
    let (_, page) = s
        .post(
            &c,
            "/api/v1/provider/claims/search",
            json!({"status": "paid"}),
        )
        .await;
    let paid = page["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["payment_number"].is_string())
        .unwrap();
    let number = paid["payment_number"].as_str().unwrap();
    assert!(rems.iter().any(|r| r["payment_number"] == number
        && r["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["claim_number"] == paid["claim_number"])));
}

#[tokio::test]
async fn providers_change_username_and_recover_under_their_rules() {
    let s = TestServer::start().await;
    let c = s.signed_in("provider1").await;
    let (st, p) = s
        .put(
            &c,
            "/api/v1/account/username",
            json!({"username": "abc", "password": "Demo.Pass1"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "username")),
        (400, vec!["username.length".to_string()])
    );
    let (st, me) = s
        .put(
            &c,
            "/api/v1/account/username",
            json!({"username": "CedarFM", "password": "Demo.Pass1"}),
        )
        .await;
    assert_eq!(st, 200, "{me}");
    assert_eq!(
        (me["username"].as_str(), me["role"].as_str()),
        (Some("cedarfm"), Some("provider"))
    );
    // A provider password (lowercase and a digit) that the member preset refuses.
    let (st, p) = s
        .put(
            &c,
            "/api/v1/account/password",
            json!({"current_password": "Demo.Pass1",
            "new_password": "cedar2026clinic", "confirm_password": "cedar2026clinic"}),
        )
        .await;
    assert!(st == 204 || st == 200, "{st} {p}");
    // Forgot password: provider ID, tax ID and date of birth, then the code
    // sent to the email of the provider file.
    let anon = s.client();
    let (st, started) = s
        .post(
            &anon,
            "/api/v1/provider/recovery/start",
            json!({"purpose": "password", "registrant": "provider",
            "provider_id": "70010020001", "tax_id": "41-1234567", "date_of_birth": "1971-05-14"}),
        )
        .await;
    assert_eq!(st, 202, "{started}");
    assert!(
        started["message"]
            .as_str()
            .unwrap()
            .contains("technical support"),
        "{started}"
    );
    let ticket = started["ticket"].as_str().unwrap().to_string();
    let mail = last_to(&s, "billing@cedarfamily.example")
        .await
        .expect("code sent");
    let code = code_in(&mail, "recovery_code");
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            json!({"ticket": ticket, "code": code,
            "new_password": "cedar2026clinic", "confirm_password": "cedar2026clinic"}),
        )
        .await;
    assert_eq!(st, 400, "a previous password: {p}");
    assert!(field_codes(&p, "new_password").contains(&"password.not_previous".to_string()));
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/recovery/password",
            json!({"ticket": ticket, "code": code,
            "new_password": "newcedar77", "confirm_password": "newcedar77"}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(s.login(&s.client(), "cedarfm", "newcedar77").await.0, 200);
    // Wrong details get the same neutral answer, and no message.
    let before = common::outbox(&s).await.len();
    let (st, _) = s
        .post(
            &anon,
            "/api/v1/provider/recovery/start",
            json!({"purpose": "username", "registrant": "provider",
            "provider_id": "70010020001", "tax_id": "41-1234568", "date_of_birth": "1971-05-14"}),
        )
        .await;
    assert_eq!(st, 202);
    assert_eq!(common::outbox(&s).await.len(), before);
    // Brokers call technical support.
    let (st, p) = s
        .post(
            &anon,
            "/api/v1/provider/recovery/start",
            json!({"purpose": "username", "registrant": "broker"}),
        )
        .await;
    assert_eq!(
        (st, field_codes(&p, "registrant")),
        (400, vec!["registrant.call_support".to_string()])
    );
}

#[tokio::test]
async fn providers_have_sessions_history_and_two_step() {
    let s = TestServer::start().await;
    let c = s.signed_in("provider2").await;
    let (st, sessions) = s.get(&c, "/api/v1/account/sessions").await;
    assert_eq!(st, 200, "{sessions}");
    assert_eq!(
        sessions
            .as_array()
            .map(Vec::len)
            .unwrap_or_else(|| sessions["sessions"].as_array().unwrap().len()),
        1
    );
    let (st, history) = s.get(&c, "/api/v1/account/history").await;
    assert_eq!(st, 200, "{history}");
    assert!(history.to_string().contains("sign_in"), "{history}");
    let (st, setup) = s
        .post(&c, "/api/v1/account/two-step/setup", json!({}))
        .await;
    assert_eq!(st, 200, "{setup}");
    let (st, status) = s.get(&c, "/api/v1/account/two-step").await;
    assert_eq!(st, 200, "{status}");
    // Without a session: 401.
    let (st, _) = s.get(&s.client(), "/api/v1/account/sessions").await;
    assert_eq!(st, 401);
}

#[tokio::test]
async fn providers_are_locked_out_like_members() {
    let s = TestServer::start().await;
    let c = s.client();
    for _ in 0..4 {
        assert_eq!(s.login(&c, "provider2", "wrong1234").await.0, 401);
    }
    let (st, p) = s.login(&c, "provider2", "wrong1234").await;
    assert_eq!(st, 423, "{p}");
    assert_eq!(s.login(&s.client(), "provider2", "Demo.Pass1").await.0, 423);
}

#[tokio::test]
async fn provider_accounts_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("p.db").display());
    for round in 0..2 {
        let db = portal_server::db::connect(&url).await.unwrap();
        if round == 0 {
            portal_server::demo::seed_if_empty(&db, 0, chrono::Utc::now().date_naive())
                .await
                .unwrap();
        }
        let role: String =
            sqlx::query_scalar("SELECT role FROM users WHERE username = 'provider1'")
                .fetch_one(&db)
                .await
                .unwrap();
        assert_eq!(role, "provider");
        // The widened role check still refuses other roles.
        let bad = sqlx::query("UPDATE users SET role = 'admin' WHERE username = 'provider1'")
            .execute(&db)
            .await;
        assert!(bad.is_err());
        db.close().await;
    }
}
