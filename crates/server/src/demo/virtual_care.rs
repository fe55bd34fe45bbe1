//! Demo virtual visits: every directory listing that offers virtual visits
//! gets a telehealth service (Pacific time, the demo's local stand-in for
//! the vendor's room); some demo claims become telehealth (place of
//! service 10, the patient at home, for every other mental health visit;
//! 02 for one office visit in six); and each household's latest telehealth
//! claim gets the booking it came from, so the page links the two.

use crate::db::Db;
use crate::virtual_care::{schedule, DEMO_ROOM_PATH, DEMO_TIME_ZONE};
use chrono::{NaiveTime, TimeZone};
use portal_domain::care::virtual_visit::VisitMode;
use portal_domain::cost::Benefit;
use portal_domain::dates::parse_iso;

/// Writes what is missing; returns how many bookings it added.
pub async fn seed(db: &Db) -> anyhow::Result<usize> {
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query(
        "INSERT OR IGNORE INTO virtual_services (provider_id, time_zone, join_url) \
         SELECT id, ?, ? FROM directory_providers WHERE virtual_visits = 1",
    )
    .bind(DEMO_TIME_ZONE)
    .bind(DEMO_ROOM_PATH)
    .execute(&mut *tx)
    .await?;
    let marked: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM claims WHERE place_of_service IS NOT NULL")
            .fetch_one(&mut *tx)
            .await?;
    if marked > 0 {
        tx.commit().await?;
        return Ok(0);
    }
    sqlx::query(
        "UPDATE claims SET place_of_service = '10' WHERE category = 'mental_health' AND id % 2 = 0",
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE claims SET place_of_service = '02' WHERE category = 'office_visit' AND id % 6 = 0",
    )
    .execute(&mut *tx)
    .await?;
    // Each household's latest telehealth claim, with its listing.
    let latest: Vec<(i64, i64, i64, String, String, i64, i64)> = sqlx::query_as(
        "SELECT c.id, c.household_id, c.patient_member_id, c.service_start, c.category, \
         c.member_owes_cents, d.id FROM claims c JOIN directory_providers d ON d.npi = c.provider_npi \
         WHERE c.place_of_service IS NOT NULL AND c.id = (SELECT c2.id FROM claims c2 \
         WHERE c2.household_id = c.household_id AND c2.place_of_service IS NOT NULL \
         ORDER BY c2.service_start DESC, c2.id DESC LIMIT 1)",
    )
    .fetch_all(&mut *tx)
    .await?;
    // Booked by the household's subscriber where they have an account.
    let booker: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT m.household_id, u.id FROM users u JOIN members m ON m.id = u.member_id \
         ORDER BY m.relationship <> 'subscriber', u.id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let tz: chrono_tz::Tz = DEMO_TIME_ZONE
        .parse()
        .unwrap_or(chrono_tz::America::Los_Angeles);
    let mut added = 0;
    for (claim, household, patient, day, category, owes, provider) in latest {
        let Some(user) = booker
            .iter()
            .find(|(h, _)| *h == household)
            .map(|(_, u)| *u)
        else {
            continue;
        };
        let Some(start) = parse_iso(&day)
            .and_then(|d| NaiveTime::from_hms_opt(10, 0, 0).map(|t| d.and_time(t)))
            .and_then(|t| tz.from_local_datetime(&t).single())
            .map(|t| t.timestamp())
        else {
            continue;
        };
        // Only a visit already over (a claim dated today may be for later).
        if start + schedule::length_secs(VisitMode::Scheduled) >= crate::db::now() {
            continue;
        }
        // The listing did a virtual visit, so it offers them.
        sqlx::query("UPDATE directory_providers SET virtual_visits = 1 WHERE id = ?")
            .bind(provider)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT OR IGNORE INTO virtual_services (provider_id, time_zone, join_url) VALUES (?, ?, ?)",
        )
        .bind(provider)
        .bind(DEMO_TIME_ZONE)
        .bind(DEMO_ROOM_PATH)
        .execute(&mut *tx)
        .await?;
        let benefit = if category == "mental_health" {
            Benefit::MentalHealth
        } else {
            Benefit::PrimaryCare
        }
        .as_str();
        sqlx::query(
            "INSERT INTO virtual_visits (reference, household_id, member_id, booked_by, provider_id, \
             starts_at, ends_at, status, reason, benefit, you_pay_cents, you_pay_words, claim_id, \
             created_at, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', '', ?, ?, ?, ?, ?, ?)",
        )
        .bind(format!("VV-DEMO{claim:04}"))
        .bind(household)
        .bind(patient)
        .bind(user)
        .bind(provider)
        .bind(start)
        .bind(start + schedule::length_secs(VisitMode::Scheduled))
        .bind(benefit)
        .bind(owes)
        .bind("The amount on the claim.")
        .bind(claim)
        .bind(start - 3 * 86_400)
        .bind(start - 3 * 86_400)
        .execute(&mut *tx)
        .await?;
        added += 1;
    }
    tx.commit().await?;
    Ok(added)
}
