//! Sharing an ID card over HTTP (issue 16): a link that shows only that
//! card without signing in, expires, can be turned off at once, records
//! each opening, and follows the family rule.

#![allow(clippy::unwrap_used)]

use crate::common::{field_codes, TestServer};
use serde_json::json;

#[tokio::test]
async fn a_shared_card_opens_without_sign_in_until_it_is_turned_off() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, cov) = s.get(&c, "/api/v1/coverage").await;
    let me = cov["card"]["member"]["id"].as_i64().unwrap();
    let path = format!("/api/v1/members/{me}/card/shares");
    for days in [0, 31] {
        let (st, p) = s.post(&c, &path, json!({"days": days})).await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(field_codes(&p, "days"), ["days.range"]);
    }
    let (st, share) = s.post(&c, &path, json!({"days": 7})).await;
    assert_eq!(st, 201, "{share}");
    let link = share["path"].as_str().unwrap().to_string();
    assert!(link.starts_with("/shared-card/"));
    assert_eq!(
        share["expires_at"].as_i64().unwrap() - share["created_at"].as_i64().unwrap(),
        7 * 86_400
    );
    // Anyone with the link: no cookie.
    let anon = s.client();
    let r = anon.get(s.url(&link)).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(r.headers()["x-robots-tag"], "noindex");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("style-src 'self'"));
    let html = r.text().await.unwrap();
    assert!(html.contains("100200300*01"), "{html}");
    assert!(html.contains("Deductible") && html.contains("$1,500 / $3,000"));
    // Only this card: nobody else in the household.
    assert!(!html.contains("Jordan") && !html.contains("Riley"));
    let r = anon
        .get(s.url(&format!("{link}/card.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    // As an image too, linked from the page.
    let token = link.trim_start_matches("/shared-card/");
    assert!(
        html.contains(&format!("href=\"{token}/card.png\"")),
        "{html}"
    );
    let r = anon
        .get(s.url(&format!("{link}/card.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert!(r.bytes().await.unwrap().starts_with(b"\x89PNG\r\n\x1a\n"));
    let r = anon
        .get(s.url("/shared-card/card.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // The member sees each opening.
    let (_, list) = s.get(&c, &path).await;
    assert_eq!(list[0]["views"], 3, "the page, the PDF and the image");
    assert_eq!(list[0]["active"], true);
    assert!(list[0]["path"].is_null(), "the token is shown only once");
    // Another household can neither make nor end links to this card.
    let other = s.signed_in("member2").await;
    let (st, _) = s.post(&other, &path, json!({"days": 7})).await;
    assert_eq!(st, 404);
    let r = other
        .delete(s.url(&format!("/api/v1/card-shares/{}", share["id"])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Turned off: at once.
    let r = c
        .delete(s.url(&format!("/api/v1/card-shares/{}", share["id"])))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let r = anon.get(s.url(&link)).send().await.unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("This link doesn't work"));
    let (_, list) = s.get(&c, &path).await;
    assert_eq!(list[0]["active"], false);
    // Unknown tokens, and junk.
    for bad in [
        "/shared-card/abc",
        &format!("/shared-card/{}", "0".repeat(64)),
    ] {
        let r = anon.get(s.url(bad)).send().await.unwrap();
        assert_eq!(r.status(), 404);
    }
}

#[tokio::test]
async fn an_expired_link_stops_working_and_hidden_members_cannot_be_shared() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (_, cov) = s.get(&c, "/api/v1/coverage").await;
    let me = cov["card"]["member"]["id"].as_i64().unwrap();
    let (_, share) = s
        .post(
            &c,
            &format!("/api/v1/members/{me}/card/shares"),
            json!({"days": 1}),
        )
        .await;
    let url = format!("sqlite://{}", s.dir().join("test.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE card_shares SET expires_at = 1 WHERE id = ?")
        .bind(share["id"].as_i64().unwrap())
        .execute(&pool)
        .await
        .unwrap();
    let r = s
        .client()
        .get(s.url(share["path"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Dana (family1) may not see Reese's card, so may not share it.
    let dana = s.signed_in("family1").await;
    let (_, dana_cov) = s.get(&dana, "/api/v1/coverage").await;
    let dana_id = dana_cov["card"]["member"]["id"].as_i64().unwrap();
    let (_, reese_cov) = s
        .get(&s.signed_in("family2").await, "/api/v1/coverage")
        .await;
    let reese_id = reese_cov["card"]["member"]["id"].as_i64().unwrap();
    assert_ne!(dana_id, reese_id);
    let (st, _) = s
        .post(
            &dana,
            &format!("/api/v1/members/{reese_id}/card/shares"),
            json!({"days": 3}),
        )
        .await;
    assert_eq!(st, 404);
}

#[tokio::test]
async fn the_card_downloads_as_an_image_for_members_the_caller_may_see() {
    let s = TestServer::start().await;
    let c = s.signed_in("family1").await;
    let (_, cov) = s.get(&c, "/api/v1/coverage").await;
    let me = cov["card"]["member"]["id"].as_i64().unwrap();
    let r = c
        .get(s.url(&format!("/api/v1/members/{me}/card.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(disposition, "attachment; filename=\"id-card-01.png\"");
    let png = r.bytes().await.unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // IHDR: width and height, big-endian, after the signature and chunk header.
    let dim = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    assert_eq!((dim(16), dim(20)), (1036, 1400));
    // Kim (spouse, not sharing) is hidden from family1: like nothing there.
    let (_, household) = s.get(&c, "/api/v1/coverage").await;
    let visible: Vec<i64> = household["household"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_i64().unwrap())
        .collect();
    let hidden = (me..me + 4).find(|id| !visible.contains(id)).unwrap();
    let r = c
        .get(s.url(&format!("/api/v1/members/{hidden}/card.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = s
        .client()
        .get(s.url(&format!("/api/v1/members/{me}/card.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
