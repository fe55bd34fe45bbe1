//! Claims, claim lines and saved filters.

use super::Db;
use chrono::NaiveDate;
use portal_domain::claims::{
    search_text, Amounts, CareRole, Claim, ClaimLine, ClaimStatus, ClaimSummary, ClaimType,
    Clinician, Network, Provider, ServiceCategory,
};
use portal_domain::{MemberId, Money};
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Row, Sqlite, Transaction};

/// A claim line to store.
pub struct NewLine {
    /// Procedure or drug code.
    pub code: &'static str,
    /// Description.
    pub description: &'static str,
    /// Units.
    pub quantity: i32,
    /// Amounts.
    pub amounts: Amounts,
}

/// A claim to store.
pub struct NewClaim {
    /// Patient member row id.
    pub patient: i64,
    /// Claim number.
    pub number: String,
    /// Claim type.
    pub claim_type: ClaimType,
    /// Category.
    pub category: ServiceCategory,
    /// First service date.
    pub start: NaiveDate,
    /// Last service date.
    pub end: NaiveDate,
    /// Provider name, NPI, specialty, network.
    pub provider: (&'static str, String, &'static str, Network),
    /// Status.
    pub status: ClaimStatus,
    /// Status date.
    pub status_date: NaiveDate,
    /// Denial reason.
    pub denial_reason: Option<&'static str>,
    /// Lines.
    pub lines: Vec<NewLine>,
}

impl NewClaim {
    /// Sum of the lines.
    pub fn totals(&self) -> Amounts {
        Amounts::sum(self.lines.iter().map(|l| &l.amounts))
    }
}

/// Stores claims for a household inside a transaction.
pub async fn insert(
    tx: &mut Transaction<'_, Sqlite>,
    household_id: i64,
    claims: &[NewClaim],
) -> sqlx::Result<()> {
    for c in claims {
        let t = c.totals();
        let id = sqlx::query(
            "INSERT INTO claims (household_id, patient_member_id, claim_number, claim_type, category, service_start, \
             service_end, provider_name, provider_npi, provider_specialty, network, status, status_date, denial_reason, \
             billed_cents, allowed_cents, plan_paid_cents, deductible_cents, copay_cents, coinsurance_cents, \
             not_covered_cents, member_owes_cents) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        )
        .bind(household_id)
        .bind(c.patient)
        .bind(&c.number)
        .bind(c.claim_type.as_str())
        .bind(c.category.as_str())
        .bind(c.start)
        .bind(c.end)
        .bind(c.provider.0)
        .bind(&c.provider.1)
        .bind(c.provider.2)
        .bind(c.provider.3.as_str())
        .bind(c.status.as_str())
        .bind(c.status_date)
        .bind(c.denial_reason)
        .bind(t.billed.cents())
        .bind(t.allowed.cents())
        .bind(t.plan_paid.cents())
        .bind(t.deductible.cents())
        .bind(t.copay.cents())
        .bind(t.coinsurance.cents())
        .bind(t.not_covered.cents())
        .bind(t.member_owes.cents())
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        for (i, l) in c.lines.iter().enumerate() {
            let a = &l.amounts;
            sqlx::query(
                "INSERT INTO claim_lines (claim_id, line_no, code, description, quantity, billed_cents, allowed_cents, \
                 plan_paid_cents, deductible_cents, copay_cents, coinsurance_cents, not_covered_cents, member_owes_cents) \
                 VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            )
            .bind(id)
            .bind(i64::try_from(i + 1).unwrap_or(0))
            .bind(l.code)
            .bind(l.description)
            .bind(l.quantity)
            .bind(a.billed.cents())
            .bind(a.allowed.cents())
            .bind(a.plan_paid.cents())
            .bind(a.deductible.cents())
            .bind(a.copay.cents())
            .bind(a.coinsurance.cents())
            .bind(a.not_covered.cents())
            .bind(a.member_owes.cents())
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

fn amounts(row: &SqliteRow) -> sqlx::Result<Amounts> {
    let m = |col: &str| row.try_get::<i64, _>(col).map(Money::from_cents);
    Ok(Amounts {
        billed: m("billed_cents")?,
        allowed: m("allowed_cents")?,
        plan_paid: m("plan_paid_cents")?,
        deductible: m("deductible_cents")?,
        copay: m("copay_cents")?,
        coinsurance: m("coinsurance_cents")?,
        not_covered: m("not_covered_cents")?,
        member_owes: m("member_owes_cents")?,
    })
}

fn decode<T>(v: Option<T>, what: &str) -> sqlx::Result<T> {
    v.ok_or_else(|| sqlx::Error::Decode(format!("unknown {what} in stored claim").into()))
}

fn summary(row: &SqliteRow) -> sqlx::Result<ClaimSummary> {
    let first: String = row.try_get("first_name")?;
    let last: String = row.try_get("last_name")?;
    Ok(ClaimSummary {
        id: row.try_get("id")?,
        claim_number: row.try_get("claim_number")?,
        patient_id: row.try_get("patient_member_id")?,
        patient_name: format!("{first} {last}"),
        claim_type: decode(ClaimType::parse(row.try_get("claim_type")?), "claim type")?,
        category: decode(ServiceCategory::parse(row.try_get("category")?), "category")?,
        service_start: row.try_get("service_start")?,
        service_end: row.try_get("service_end")?,
        provider: Provider {
            name: row.try_get("provider_name")?,
            npi: row.try_get("provider_npi")?,
            specialty: row.try_get("provider_specialty")?,
            network: decode(Network::parse(row.try_get("network")?), "network")?,
        },
        status: decode(ClaimStatus::parse(row.try_get("status")?), "status")?,
        status_date: row.try_get("status_date")?,
        amounts: amounts(row)?,
    })
}

const SUMMARY_SELECT: &str = "SELECT c.*, m.first_name, m.last_name FROM claims c JOIN members m ON m.id = c.patient_member_id";

/// Every claim of a household with its search text (`portal_domain::claims::search_text`),
/// for the in-memory index.
pub async fn household_index(
    db: &Db,
    household_id: i64,
) -> sqlx::Result<Vec<(ClaimSummary, String)>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY_SELECT} WHERE c.household_id = ? ORDER BY c.id"
    ))
    .bind(household_id)
    .fetch_all(db)
    .await?;
    let lines: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT l.claim_id, l.code, l.description FROM claim_lines l JOIN claims c ON c.id = l.claim_id \
         WHERE c.household_id = ? ORDER BY l.claim_id, l.line_no",
    )
    .bind(household_id)
    .fetch_all(db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut li = 0;
    for row in &rows {
        let s = summary(row)?;
        while li < lines.len() && lines[li].0 < s.id {
            li += 1;
        }
        let first = li;
        while li < lines.len() && lines[li].0 == s.id {
            li += 1;
        }
        let text = search_text(
            &s,
            lines[first..li]
                .iter()
                .map(|(_, code, description)| (code.as_str(), description.as_str())),
        );
        out.push((s, text));
    }
    Ok(out)
}

/// One claim with its lines, if it belongs to the household.
pub async fn claim(db: &Db, household_id: i64, id: i64) -> sqlx::Result<Option<Claim>> {
    let Some(row) = sqlx::query(&format!(
        "{SUMMARY_SELECT} WHERE c.id = ? AND c.household_id = ?"
    ))
    .bind(id)
    .bind(household_id)
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let s = summary(&row)?;
    let (base, suffix): (String, String) = sqlx::query_as(
        "SELECT h.member_id_base, m.suffix FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = ?",
    )
    .bind(s.patient_id)
    .fetch_one(db)
    .await?;
    let lines = sqlx::query("SELECT * FROM claim_lines WHERE claim_id = ? ORDER BY line_no")
        .bind(id)
        .fetch_all(db)
        .await?
        .iter()
        .map(line)
        .collect::<sqlx::Result<Vec<_>>>()?;
    let care_team = care_teams(db, "c.id = ?", &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    Ok(Some(Claim {
        patient_member_id: decode(MemberId::from_parts(&base, &suffix), "member id")?,
        denial_reason: row.try_get("denial_reason")?,
        summary: s,
        lines,
        explanation: None,
        care_team,
    }))
}

/// The clinicians of the claims matching `filter` (a condition on `c`, the
/// claims table, with `binds` for its placeholders), by claim id.
async fn care_teams(
    db: &Db,
    filter: &str,
    binds: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<Clinician>>> {
    let sql = format!(
        "SELECT t.* FROM claim_care_team t JOIN claims c ON c.id = t.claim_id WHERE {filter} \
         ORDER BY t.claim_id, t.sequence"
    );
    let mut q = sqlx::query(&sql);
    for b in binds {
        q = q.bind(*b);
    }
    let mut out: std::collections::HashMap<i64, Vec<Clinician>> = std::collections::HashMap::new();
    for r in q.fetch_all(db).await? {
        let role: String = r.try_get("role")?;
        out.entry(r.try_get("claim_id")?)
            .or_default()
            .push(Clinician {
                sequence: u32::try_from(r.try_get::<i64, _>("sequence")?).unwrap_or(0),
                role: decode(CareRole::parse(&role), "care team role")?,
                npi: r.try_get("npi")?,
                family_name: r.try_get("family_name")?,
                given_name: r.try_get("given_name")?,
                credential: r.try_get("credential")?,
            });
    }
    Ok(out)
}

fn line(l: &SqliteRow) -> sqlx::Result<ClaimLine> {
    Ok(ClaimLine {
        line_no: u32::try_from(l.try_get::<i64, _>("line_no")?).unwrap_or(0),
        code: l.try_get("code")?,
        description: l.try_get("description")?,
        quantity: l.try_get("quantity")?,
        amounts: amounts(l)?,
    })
}

/// Every claim of one patient with its lines, newest service first (the
/// Patient Access API and the data archive). `household_id` bounds it like
/// [`claim`]: a patient of another household has none.
pub async fn patient_claims(db: &Db, household_id: i64, patient: i64) -> sqlx::Result<Vec<Claim>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY_SELECT} WHERE c.household_id = ? AND c.patient_member_id = ? \
         ORDER BY c.service_start DESC, c.id DESC"
    ))
    .bind(household_id)
    .bind(patient)
    .fetch_all(db)
    .await?;
    let ids: (String, String) = match sqlx::query_as(
        "SELECT h.member_id_base, m.suffix FROM members m JOIN households h ON h.id = m.household_id \
         WHERE m.id = ? AND h.id = ?",
    )
    .bind(patient)
    .bind(household_id)
    .fetch_optional(db)
    .await?
    {
        Some(ids) => ids,
        None => return Ok(Vec::new()),
    };
    let member_id = decode(MemberId::from_parts(&ids.0, &ids.1), "member id")?;
    let line_rows = sqlx::query(
        "SELECT l.* FROM claim_lines l JOIN claims c ON c.id = l.claim_id \
         WHERE c.household_id = ? AND c.patient_member_id = ? ORDER BY l.claim_id, l.line_no",
    )
    .bind(household_id)
    .bind(patient)
    .fetch_all(db)
    .await?;
    let mut lines: std::collections::HashMap<i64, Vec<ClaimLine>> =
        std::collections::HashMap::new();
    for l in &line_rows {
        lines
            .entry(l.try_get("claim_id")?)
            .or_default()
            .push(line(l)?);
    }
    let mut teams = care_teams(
        db,
        "c.household_id = ? AND c.patient_member_id = ?",
        &[household_id, patient],
    )
    .await?;
    rows.iter()
        .map(|row| {
            let s = summary(row)?;
            Ok(Claim {
                patient_member_id: member_id.clone(),
                denial_reason: row.try_get("denial_reason")?,
                lines: lines.remove(&s.id).unwrap_or_default(),
                care_team: teams.remove(&s.id).unwrap_or_default(),
                summary: s,
                explanation: None,
            })
        })
        .collect()
}

/// A stored saved filter.
#[derive(Clone, Debug, FromRow)]
pub struct SavedFilterRow {
    /// Row id.
    pub id: i64,
    /// Name as typed.
    pub name: String,
    /// Canonical query string.
    pub query: String,
}

/// A user's saved filters, oldest first.
pub async fn saved_filters(db: &Db, user_id: i64) -> sqlx::Result<Vec<SavedFilterRow>> {
    sqlx::query_as("SELECT id, name, query FROM saved_filters WHERE user_id = ? ORDER BY id")
        .bind(user_id)
        .fetch_all(db)
        .await
}

/// The member already keeps the most saved filters allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Full;

/// Stores a saved filter unless the member keeps `max` already
/// (`Err(Full)`); `Ok(None)` when the name is taken.
pub async fn create_saved_filter(
    db: &Db,
    user_id: i64,
    name: &str,
    query: &str,
    now: i64,
    max: i64,
) -> sqlx::Result<Result<Option<i64>, Full>> {
    // The limit is checked inside the INSERT itself: one statement is one
    // write transaction in SQLite, so concurrent saves cannot pass it together.
    let r = sqlx::query(
        "INSERT INTO saved_filters (user_id, name, name_key, query, created_at) \
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE (SELECT COUNT(*) FROM saved_filters WHERE user_id = ?1) < ?6",
    )
    .bind(user_id)
    .bind(name)
    .bind(name.to_lowercase())
    .bind(query)
    .bind(now)
    .bind(max)
    .execute(db)
    .await;
    match r {
        Ok(r) if r.rows_affected() == 0 => Ok(Err(Full)),
        Ok(r) => Ok(Ok(Some(r.last_insert_rowid()))),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Ok(None)),
        Err(e) => Err(e),
    }
}

/// Outcome of a rename.
pub enum Rename {
    /// Renamed.
    Done,
    /// No such filter for this user.
    Missing,
    /// The new name is taken.
    Taken,
}

/// Renames a user's saved filter.
pub async fn rename_saved_filter(
    db: &Db,
    user_id: i64,
    id: i64,
    name: &str,
) -> sqlx::Result<Rename> {
    let r =
        sqlx::query("UPDATE saved_filters SET name = ?, name_key = ? WHERE id = ? AND user_id = ?")
            .bind(name)
            .bind(name.to_lowercase())
            .bind(id)
            .bind(user_id)
            .execute(db)
            .await;
    match r {
        Ok(r) if r.rows_affected() == 1 => Ok(Rename::Done),
        Ok(_) => Ok(Rename::Missing),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Rename::Taken),
        Err(e) => Err(e),
    }
}

/// Deletes a user's saved filter; false when there was none.
pub async fn delete_saved_filter(db: &Db, user_id: i64, id: i64) -> sqlx::Result<bool> {
    let r = sqlx::query("DELETE FROM saved_filters WHERE id = ? AND user_id = ?")
        .bind(id)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(r.rows_affected() == 1)
}
