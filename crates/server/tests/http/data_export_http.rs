//! "Download all my data" (issue 16) over HTTP: the archive holds exactly
//! what the family rule lets the member see, its files agree with the
//! claims page (count and totals), requests are one at a time and a few a
//! day, nobody else can read it, it expires, and a build a restart
//! interrupted is built again.

use crate::common;
use crate::common::TestServer;
use portal_server::config::Config;
use serde_json::Value;
use std::collections::BTreeSet;
use std::io::Read;
use std::time::Duration;

/// Waits until the export is no longer queued or building; returns it.
async fn wait_ready(base: &str, c: &reqwest::Client, id: i64) -> Value {
    for _ in 0..600 {
        let e: Value = c
            .get(format!("{base}/api/v1/account/data-exports/{id}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let status = e["status"].as_str().unwrap_or_default().to_string();
        if status != "queued" && status != "building" {
            return e;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("export {id} never finished");
}

/// The archive's files by name.
async fn download(base: &str, c: &reqwest::Client, id: i64) -> Vec<(String, Vec<u8>)> {
    let r = c
        .get(format!(
            "{base}/api/v1/account/data-exports/{id}/archive.zip"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let disposition = r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"my-health-plan-data-"),
        "{disposition}"
    );
    assert_eq!(r.headers()["cache-control"], "no-store");
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        out.push((f.name().unwrap().to_string(), data));
    }
    out
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in the archive"))
        .1
}

/// Cents from a CSV amount (`12.34`).
fn cents(s: &str) -> i64 {
    let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole.trim_start_matches('-').parse().unwrap();
    sign * (whole * 100 + frac.parse::<i64>().unwrap())
}

#[tokio::test]
async fn the_archive_holds_what_the_member_may_see_and_agrees_with_the_claims_page() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    let (st, e) = s
        .post(&c, "/api/v1/account/data-exports", Value::Null)
        .await;
    assert_eq!(st, 202, "{e}");
    assert_eq!(e["status"], "queued");
    let id = e["id"].as_i64().unwrap();
    let e = wait_ready(&s.base, &c, id).await;
    assert_eq!(e["status"], "ready", "{e}");
    assert_eq!(e["done"], e["total"]);
    assert!(e["expires_at"].as_i64().unwrap() - e["ready_at"].as_i64().unwrap() == 7 * 86_400);
    let files = download(&s.base, &c, id).await;
    assert_eq!(e["size_bytes"].as_u64().unwrap() as usize, {
        // The stored size is the ZIP's, not the files'.
        let r = c
            .get(s.url(&format!("/api/v1/account/data-exports/{id}/archive.zip")))
            .send()
            .await
            .unwrap();
        r.bytes().await.unwrap().len()
    });
    assert_eq!(e["total"].as_u64().unwrap() as usize, files.len());

    // The claims page for everything this member may see.
    let (_, page) = s.get(&c, "/api/v1/claims?range=all&page_size=100").await;
    let total = page["total"].as_u64().unwrap() as usize;
    assert!(total > 20, "member1's household has claims");

    // claims.csv: one row per claim, the same totals as the page.
    let mut csv = csv::Reader::from_reader(file(&files, "claims.csv"));
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), total);
    for (column, key) in [
        ("Billed", "billed"),
        ("Plan paid", "plan_paid"),
        ("You owe", "member_owes"),
    ] {
        let sum: i64 = rows.iter().map(|r| cents(&r[col(column)])).sum();
        assert_eq!(
            sum,
            page["totals"][key].as_i64().unwrap(),
            "{column} adds up to the page's total"
        );
    }

    // One EOB PDF per claim, named by claim number; real PDFs.
    let numbers: BTreeSet<String> = rows
        .iter()
        .map(|r| r[col("Claim number")].to_string())
        .collect();
    let pdfs: BTreeSet<String> = files
        .iter()
        .filter_map(|(n, _)| {
            n.strip_prefix("eobs/eob-")?
                .strip_suffix(".pdf")
                .map(String::from)
        })
        .collect();
    assert_eq!(pdfs, numbers);
    for (name, data) in &files {
        if name.ends_with(".pdf") {
            assert!(data.starts_with(b"%PDF-"), "{name}");
        }
    }

    // The FHIR Bundle: one C4BB EOB per claim, a Patient and Coverage per person.
    let bundle: Value = serde_json::from_slice(file(&files, "fhir/bundle.json")).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");
    let entries = bundle["entry"].as_array().unwrap();
    let of = |t: &str| -> Vec<&Value> {
        entries
            .iter()
            .map(|e| &e["resource"])
            .filter(|r| r["resourceType"] == t)
            .collect()
    };
    let eobs = of("ExplanationOfBenefit");
    assert_eq!(eobs.len(), total);
    for eob in &eobs {
        let profile = eob["meta"]["profile"][0].as_str().unwrap();
        assert!(
            profile.starts_with(
                "http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-ExplanationOfBenefit"
            ),
            "{profile}"
        );
        let number = eob["identifier"][0]["value"].as_str().unwrap();
        assert!(numbers.contains(number), "{number}");
    }
    // Every clinician an EOB names is a Practitioner in the Bundle.
    let practitioners: BTreeSet<String> = of("Practitioner")
        .iter()
        .map(|p| format!("Practitioner/{}", p["id"].as_str().unwrap()))
        .collect();
    assert!(!practitioners.is_empty());
    for eob in &eobs {
        for member in eob["careTeam"].as_array().unwrap() {
            let r = member["provider"]["reference"].as_str().unwrap();
            assert!(practitioners.contains(r), "{r}");
        }
    }
    let (_, coverage) = s.get(&c, "/api/v1/coverage").await;
    let people = coverage["household"].as_array().map_or(0, Vec::len);
    assert!(people >= 2);
    assert_eq!(of("Patient").len(), people);
    assert_eq!(of("Coverage").len(), people);
    let cards = files
        .iter()
        .filter(|(n, _)| n.starts_with("id-cards/"))
        .count();
    assert_eq!(cards, people);
    let readme = String::from_utf8(file(&files, "README.txt").to_vec()).unwrap();
    assert!(readme.contains(&format!("{total} in all")), "{readme}");

    // The member is told it is ready.
    let (_, alerts) = s.get(&c, "/api/v1/alerts").await;
    let alert = alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "data_export_ready")
        .expect("a ready alert");
    assert_eq!(alert["link"], "/account/data");

    // Nobody else can see or download it; signed out is 401.
    let other = s.signed_in("member2").await;
    let (st, _) = s
        .get(&other, &format!("/api/v1/account/data-exports/{id}"))
        .await;
    assert_eq!(st, 404);
    let r = other
        .get(s.url(&format!("/api/v1/account/data-exports/{id}/archive.zip")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let (_, list) = s.get(&other, "/api/v1/account/data-exports").await;
    assert_eq!(list, Value::Array(vec![]));
    let r = s
        .client()
        .get(s.url(&format!("/api/v1/account/data-exports/{id}/archive.zip")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    // Past its period: 410, listed as expired, no alert.
    let url = format!("sqlite://{}", s.dir().join("test.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query("UPDATE data_exports SET expires_at = 1 WHERE id = ?")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let r = c
        .get(s.url(&format!("/api/v1/account/data-exports/{id}/archive.zip")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 410);
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/export-unavailable");
    let (_, list) = s.get(&c, "/api/v1/account/data-exports").await;
    assert_eq!(list[0]["status"], "expired");
    let (_, alerts) = s.get(&c, "/api/v1/alerts").await;
    assert!(!alerts["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["kind"] == "data_export_ready"));
}

#[tokio::test]
async fn a_hidden_family_member_is_not_in_the_archive() {
    let s = TestServer::start().await;
    // family1 (Dana Chen) sees herself and Milo (a minor); Kim and Reese
    // have not consented.
    let c = s.signed_in("family1").await;
    let (st, e) = s
        .post(&c, "/api/v1/account/data-exports", Value::Null)
        .await;
    assert_eq!(st, 202);
    let id = e["id"].as_i64().unwrap();
    let e = wait_ready(&s.base, &c, id).await;
    assert_eq!(e["status"], "ready");
    let names: Vec<&str> = e["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(names, ["Dana Chen", "Milo Chen"]);
    let files = download(&s.base, &c, id).await;
    let mut csv = csv::Reader::from_reader(file(&files, "claims.csv"));
    let patient = csv
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "Patient")
        .unwrap();
    let patients: BTreeSet<String> = csv
        .records()
        .map(|r| r.unwrap()[patient].to_string())
        .collect();
    assert!(
        patients
            .iter()
            .all(|p| p == "Dana Chen" || p == "Milo Chen"),
        "{patients:?}"
    );
    let bundle: Value = serde_json::from_slice(file(&files, "fhir/bundle.json")).unwrap();
    let given: BTreeSet<String> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Patient")
        .map(|r| r["name"][0]["given"][0].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        given,
        BTreeSet::from(["Dana".to_string(), "Milo".to_string()])
    );
    let cards = files
        .iter()
        .filter(|(n, _)| n.starts_with("id-cards/"))
        .count();
    assert_eq!(cards, 2);
}

#[tokio::test]
async fn one_request_at_a_time_and_three_a_day() {
    let s = TestServer::start().await;
    let c = s.signed_in("member1").await;
    // Eight at once: one is queued, the others are told it is in progress.
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let c = c.clone();
            let url = s.url("/api/v1/account/data-exports");
            tokio::spawn(async move { c.post(url).send().await.unwrap() })
        })
        .collect();
    let mut accepted = Vec::new();
    let mut conflicts = 0;
    for t in tasks {
        let r = t.await.unwrap();
        match r.status().as_u16() {
            202 => accepted.push(r.json::<Value>().await.unwrap()["id"].as_i64().unwrap()),
            409 => {
                let p: Value = r.json().await.unwrap();
                assert_eq!(p["type"], "/problems/export-in-progress");
                conflicts += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(accepted.len(), 1, "exactly one queued");
    assert_eq!(conflicts, 7);
    // A download not ready yet is 409 (if the worker has not finished).
    let id = accepted[0];
    wait_ready(&s.base, &c, id).await;
    for _ in 0..2 {
        let (st, e) = s
            .post(&c, "/api/v1/account/data-exports", Value::Null)
            .await;
        assert_eq!(st, 202, "{e}");
        wait_ready(&s.base, &c, e["id"].as_i64().unwrap()).await;
    }
    let r = c
        .post(s.url("/api/v1/account/data-exports"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    assert!(common::retry_after(&r) > 0);
    let p: Value = r.json().await.unwrap();
    assert_eq!(p["type"], "/problems/rate-limited");
    assert!(p["detail"].as_str().unwrap().contains("3 times a day"));
    let (_, list) = s.get(&c, "/api/v1/account/data-exports").await;
    assert_eq!(list.as_array().unwrap().len(), 3);
    // Unknown and malformed ids.
    let (st, _) = s.get(&c, "/api/v1/account/data-exports/999999").await;
    assert_eq!(st, 404);
    let (st, _) = s.get(&c, "/api/v1/account/data-exports/abc").await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn a_build_interrupted_by_a_restart_is_built_again() {
    let s = TestServer::start().await;
    let c = s.signed_in("member3").await;
    let (st, e) = s
        .post(&c, "/api/v1/account/data-exports", Value::Null)
        .await;
    assert_eq!(st, 202);
    let id = e["id"].as_i64().unwrap();
    let first = wait_ready(&s.base, &c, id).await;
    assert_eq!(first["status"], "ready");
    // As if the process had died half-way through the build.
    let url = format!("sqlite://{}", s.dir().join("test.db").display());
    let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
    sqlx::query(
        "UPDATE data_exports SET status = 'building', done = 2, archive = NULL, ready_at = NULL, \
         expires_at = NULL WHERE id = ?",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    // A new process on the same database.
    let mut config = Config::for_tests(&url);
    config.static_dir = s.dir().join("dist");
    let state = portal_server::build_state(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(portal_server::serve(
        listener,
        state,
        std::future::pending(),
    ));
    let c2 = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = c2
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"username": "member3", "password": "Demo.Pass1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let again = wait_ready(&base, &c2, id).await;
    assert_eq!(again["status"], "ready");
    assert_eq!(again["total"], first["total"]);
    let files = download(&base, &c2, id).await;
    assert_eq!(files.len() as u64, first["total"].as_u64().unwrap());
}
