//! The member's home: sharing consent, alert read state, notification
//! preferences, premium bills, claims waiting for information, primary care
//! providers and the facts the preventive care rules read.

use super::Db;
use chrono::NaiveDate;
use portal_domain::account::UsPhone;
use portal_domain::alerts::Sex;
use portal_domain::care::pcp::PcpChange;
use portal_domain::home::{AlertPref, NotificationPrefs, Pcp};
use std::collections::{HashMap, HashSet};

/// Pairs (grantor, grantee) of recorded consent within a household.
pub async fn consents(db: &Db, household_id: i64) -> sqlx::Result<HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT s.grantor_member_id, s.grantee_member_id FROM sharing_consents s \
         JOIN members m ON m.id = s.grantor_member_id WHERE m.household_id = ?",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Records (`share`) or withdraws consent from `grantor` to `grantee`.
pub async fn set_consent(
    db: &Db,
    grantor: i64,
    grantee: i64,
    share: bool,
    now: i64,
) -> sqlx::Result<()> {
    if share {
        sqlx::query(
            "INSERT INTO sharing_consents (grantor_member_id, grantee_member_id, granted_at) VALUES (?, ?, ?) \
             ON CONFLICT (grantor_member_id, grantee_member_id) DO NOTHING",
        )
        .bind(grantor)
        .bind(grantee)
        .bind(now)
        .execute(db)
        .await?;
    } else {
        sqlx::query(
            "DELETE FROM sharing_consents WHERE grantor_member_id = ? AND grantee_member_id = ?",
        )
        .bind(grantor)
        .bind(grantee)
        .execute(db)
        .await?;
    }
    Ok(())
}

/// Sex of each member of a household, where recorded.
pub async fn sexes(db: &Db, household_id: i64) -> sqlx::Result<HashMap<i64, Sex>> {
    let rows: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, sex FROM members WHERE household_id = ?")
            .bind(household_id)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, s)| Some((id, Sex::parse(&s?)?)))
        .collect())
}

/// Keys of the alerts a user has read.
pub async fn read_alerts(db: &Db, user_id: i64) -> sqlx::Result<HashSet<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT alert_key FROM alert_reads WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(k,)| k).collect())
}

/// Marks alerts read (`read`) or unread for a user.
pub async fn set_read(
    db: &Db,
    user_id: i64,
    keys: &[String],
    read: bool,
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    for k in keys {
        if read {
            sqlx::query(
                "INSERT INTO alert_reads (user_id, alert_key, read_at) VALUES (?, ?, ?) \
                 ON CONFLICT (user_id, alert_key) DO NOTHING",
            )
            .bind(user_id)
            .bind(k)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query("DELETE FROM alert_reads WHERE user_id = ? AND alert_key = ?")
                .bind(user_id)
                .bind(k)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await
}

/// A user's notification preferences: the alert channels (the defaults when
/// none are stored) and the account's one contact email and phone
/// (`users.email`, `users.phone`, the same ones `/account` edits).
pub async fn prefs(db: &Db, user_id: i64) -> sqlx::Result<NotificationPrefs> {
    let (email, phone) = super::security::contact(db, user_id).await?;
    let json: Option<String> =
        sqlx::query_scalar("SELECT alerts_json FROM notification_prefs WHERE user_id = ?")
            .bind(user_id)
            .fetch_optional(db)
            .await?;
    let stored: Vec<AlertPref> = json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default();
    let defaults = NotificationPrefs::defaults();
    let alerts = defaults
        .alerts
        .iter()
        .map(|d| {
            stored
                .iter()
                .find(|s| s.kind == d.kind)
                .copied()
                .unwrap_or(*d)
        })
        .collect();
    Ok(NotificationPrefs {
        email: email.unwrap_or_default(),
        phone: phone
            .as_deref()
            .and_then(|p| UsPhone::parse(p).ok())
            .map(|p| p.display())
            .unwrap_or_default(),
        alerts,
        password: String::new(),
    })
}

/// Stores a user's (validated) notification preferences: the channels, and
/// the contact email and phone on the account, in one transaction. Returns
/// the contact details before the change when they changed (for the audit log and the notices).
pub async fn save_prefs(
    db: &Db,
    user_id: i64,
    p: &NotificationPrefs,
    now: i64,
) -> anyhow::Result<Option<(Option<String>, Option<String>)>> {
    let json = serde_json::to_string(&p.alerts)?;
    let email = Some(p.email.trim()).filter(|e| !e.is_empty());
    let phone = UsPhone::parse(&p.phone).ok().map(|x| x.e164());
    let mut tx = super::begin_write(db).await?;
    let before: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT email, phone FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query("UPDATE users SET email = ?, phone = ? WHERE id = ?")
        .bind(email)
        .bind(&phone)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO notification_prefs (user_id, alerts_json, updated_at) VALUES (?, ?, ?) \
         ON CONFLICT (user_id) DO UPDATE SET alerts_json = excluded.alerts_json, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(json)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let changed = before != (email.map(str::to_string), phone);
    Ok(changed.then_some(before))
}

/// Open requests for information on a household's claims: claim id -> message.
pub async fn info_requests(db: &Db, household_id: i64) -> sqlx::Result<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.claim_id, r.message FROM claim_info_requests r JOIN claims c ON c.id = r.claim_id \
         WHERE c.household_id = ? AND r.resolved_at IS NULL",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Denial reasons of a household's denied claims: claim id -> reason.
pub async fn denial_reasons(db: &Db, household_id: i64) -> sqlx::Result<HashMap<i64, String>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, denial_reason FROM claims WHERE household_id = ? AND denial_reason IS NOT NULL",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().collect())
}

/// (patient, procedure code, date of service) of a household's claim lines
/// with one of `codes`, on claims that were not denied.
pub async fn service_history(
    db: &Db,
    household_id: i64,
    codes: &[&str],
) -> sqlx::Result<Vec<(i64, String, NaiveDate)>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; codes.len()].join(",");
    let sql = format!(
        "SELECT c.patient_member_id, l.code, c.service_start FROM claim_lines l JOIN claims c ON c.id = l.claim_id \
         WHERE c.household_id = ? AND c.status <> 'denied' AND l.code IN ({marks})"
    );
    let mut q = sqlx::query_as(&sql).bind(household_id);
    for c in codes {
        q = q.bind(*c);
    }
    q.fetch_all(db).await
}

/// Primary care providers of a household's members on `today`: each
/// member's latest choice in effect by then (`pcp_changes`), else the plan's
/// file (`primary_care`).
pub async fn pcps(db: &Db, household_id: i64, today: NaiveDate) -> sqlx::Result<HashMap<i64, Pcp>> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT p.member_id, p.provider_name, p.phone FROM primary_care p JOIN members m ON m.id = p.member_id \
         WHERE m.household_id = ?",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    let mut out: HashMap<i64, Pcp> = rows
        .into_iter()
        .map(|(id, name, phone)| (id, Pcp { name, phone }))
        .collect();
    let chosen: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT c.member_id, c.provider_name, c.phone FROM pcp_changes c JOIN members m ON m.id = c.member_id \
         WHERE m.household_id = ? AND c.cancelled_at IS NULL AND c.effective <= ? ORDER BY c.effective, c.id",
    )
    .bind(household_id)
    .bind(today.to_string())
    .fetch_all(db)
    .await?;
    for (id, name, phone) in chosen {
        out.insert(id, Pcp { name, phone });
    }
    Ok(out)
}

/// The PCP choices of a household's members not in effect on `today`.
pub async fn pending_pcps(
    db: &Db,
    household_id: i64,
    today: NaiveDate,
) -> sqlx::Result<Vec<PcpChange>> {
    let rows: Vec<(i64, String, String, String, i64, String)> = sqlx::query_as(
        "SELECT c.member_id, m.first_name, c.provider_name, c.phone, c.listing_id, c.effective \
         FROM pcp_changes c JOIN members m ON m.id = c.member_id \
         WHERE m.household_id = ? AND c.cancelled_at IS NULL AND c.effective > ? ORDER BY c.member_id, c.id",
    )
    .bind(household_id)
    .bind(today.to_string())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(
            |(member_id, first_name, name, phone, listing_id, effective)| {
                Some(PcpChange {
                    member_id,
                    first_name,
                    name,
                    phone,
                    listing_id,
                    effective: effective.parse().ok()?,
                })
            },
        )
        .collect())
}

/// Records a PCP choice (cancelling any not yet in effect for the member).
pub async fn choose_pcp(
    db: &Db,
    c: &PcpChange,
    user_id: i64,
    today: NaiveDate,
    now: i64,
) -> sqlx::Result<()> {
    let mut tx = super::begin_write(db).await?;
    sqlx::query(
        "UPDATE pcp_changes SET cancelled_at = ? WHERE member_id = ? AND cancelled_at IS NULL AND effective > ?",
    )
    .bind(now)
    .bind(c.member_id)
    .bind(today.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO pcp_changes (member_id, listing_id, provider_name, phone, effective, requested_by, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(c.member_id)
    .bind(c.listing_id)
    .bind(&c.name)
    .bind(&c.phone)
    .bind(c.effective.to_string())
    .bind(user_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
