//! The words of an explanation of benefits come with the claim, true for
//! that claim on the server's today.

#![allow(clippy::unwrap_used)]

use crate::common::TestServer;
use serde_json::Value;

async fn first(s: &TestServer, c: &reqwest::Client, query: &str) -> Value {
    let (status, page) = s
        .get(c, &format!("/api/v1/claims?{query}&page_size=1"))
        .await;
    assert_eq!(status, 200);
    let id = page["items"][0]["id"].as_i64().unwrap();
    let (status, claim) = s.get(c, &format!("/api/v1/claims/{id}")).await;
    assert_eq!(status, 200);
    claim
}

#[tokio::test]
async fn denied_received_and_paid_claims_say_what_is_true() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    // Denied: the deadline is 180 days from the notice (the status date).
    let denied = first(&s, &c, "status=denied").await;
    let appeal = &denied["explanation"]["appeal"];
    let notice =
        chrono::NaiveDate::parse_from_str(denied["status_date"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    let deadline =
        chrono::NaiveDate::parse_from_str(appeal["deadline"].as_str().unwrap(), "%Y-%m-%d")
            .unwrap();
    assert_eq!((deadline - notice).num_days(), 180);
    let today: chrono::NaiveDate = portal_server::config::Config::TEST_TODAY.parse().unwrap();
    assert_eq!(appeal["passed"], today > deadline);
    let words = denied["explanation"]["denial"].to_string();
    assert_eq!(words.contains("has passed"), today > deadline, "{words}");
    // Received: nothing "agreed to", and what is pending.
    let received = first(&s, &c, "status=received").await;
    let all = received["explanation"].to_string();
    assert!(!all.contains("agreed"), "{all}");
    assert!(received["explanation"]["pending"]["title"].is_string());
    // Paid in network: the network discount story.
    let paid = first(&s, &c, "status=paid&network=in").await;
    assert!(paid["explanation"]["story"][0]
        .as_str()
        .unwrap()
        .contains("billed"));
    assert!(paid["explanation"]["protection"].is_null());
}

/// Every structure element's role (`/S`) in a PDF.
fn roles(doc: &lopdf::Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem".as_slice()))
        .filter_map(|d| d.get(b"S").and_then(|s| s.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

#[tokio::test]
async fn the_eob_pdf_is_tagged_titled_and_says_what_the_page_says() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for query in ["status=denied", "status=paid&network=in", "status=received"] {
        let claim = first(&s, &c, query).await;
        let id = claim["id"].as_i64().unwrap();
        let r = c
            .get(s.url(&format!("/api/v1/claims/{id}/eob.pdf")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let number = claim["claim_number"].as_str().unwrap();
        assert!(r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("eob-{number}.pdf")));
        let bytes = r.bytes().await.unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        // Tagged, in English, with a title shown in the title bar.
        let cat = doc.catalog().unwrap();
        assert!(cat.get(b"StructTreeRoot").is_ok());
        assert_eq!(cat.get(b"Lang").unwrap().as_str().unwrap(), b"en-US");
        let mark = cat.get(b"MarkInfo").unwrap().as_dict().unwrap();
        assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
        let roles = roles(&doc);
        for role in [
            "Document", "H1", "H2", "Table", "THead", "TR", "TH", "TD", "P",
        ] {
            assert!(roles.iter().any(|r| r == role), "{role} in {roles:?}");
        }
        // The text: the claim, each line's description and the totals the page shows.
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let text = doc.extract_text(&pages).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("This is not a bill"), "{flat}");
        assert!(flat.contains(number));
        for line in claim["lines"].as_array().unwrap() {
            let d = line["description"].as_str().unwrap();
            let first_word = d.split_whitespace().next().unwrap();
            assert!(flat.contains(first_word), "{d} in {flat}");
        }
        let billed = portal_domain::Money::from_cents(claim["amounts"]["billed"].as_i64().unwrap());
        assert!(flat.contains(&billed.to_string()), "{billed} in {flat}");
        if claim["status"] == "received" {
            assert!(flat.contains("Pending"));
        } else {
            let owes =
                portal_domain::Money::from_cents(claim["amounts"]["member_owes"].as_i64().unwrap());
            assert!(flat.contains(&owes.to_string()), "{owes} in {flat}");
        }
        if claim["status"] == "denied" {
            assert!(flat.contains("Why this claim was denied"), "{flat}");
        }
    }
    // Another household's claim, and signed out.
    let other = s.signed_in("member2").await;
    let (_, page) = s.get(&c, "/api/v1/claims?page_size=1").await;
    let id = page["items"][0]["id"].as_i64().unwrap();
    let r = other
        .get(s.url(&format!("/api/v1/claims/{id}/eob.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = s
        .client()
        .get(s.url(&format!("/api/v1/claims/{id}/eob.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test]
async fn the_claims_statement_pdf_lists_what_the_page_matches_with_its_totals() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    for query in [
        "type=pharmacy&range=this_year",
        "range=all&network=out",
        "q=nothing-matches-this",
    ] {
        let (status, page) = s
            .get(&c, &format!("/api/v1/claims?{query}&page_size=100"))
            .await;
        assert_eq!(status, 200);
        let r = c
            .get(s.url(&format!("/api/v1/claims/statement.pdf?{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "application/pdf");
        let bytes = r.bytes().await.unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert!(doc.catalog().unwrap().get(b"StructTreeRoot").is_ok());
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let flat = doc
            .extract_text(&pages)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let money = |v: &Value| portal_domain::Money::from_cents(v.as_i64().unwrap()).to_string();
        // The same totals as the page (and so the CSV, which the claims tests add up).
        assert!(
            flat.contains(&money(&page["totals"]["member_owes"])),
            "{flat}"
        );
        assert!(flat.contains(&money(&page["totals"]["billed"])), "{flat}");
        assert!(
            flat.contains(&format!("Claims {}", page["total"])),
            "{flat}"
        );
        for item in page["items"].as_array().unwrap() {
            assert!(flat.contains(item["claim_number"].as_str().unwrap()));
        }
        if page["total"] == 0 {
            assert!(flat.contains("No claims match these choices."));
        }
    }
    // The filter's own rules: a member outside what the caller may see is refused.
    let r = c
        .get(s.url("/api/v1/claims/statement.pdf?member=999999"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
}
