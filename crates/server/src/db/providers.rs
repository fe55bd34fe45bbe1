//! The plan's provider file (organisations, their NPIs, the people who may
//! register), provider accounts, and the claims providers billed.

use super::Db;
use portal_domain::claims::ClaimStatus;
use portal_domain::dates::parse_iso;
use portal_domain::provider::{
    payment_number, ProviderClaim, ProviderId, ProviderNpi, Remittance, RemittanceClaim,
    ValidClaimQuery, CLAIMS_PAGE,
};
use portal_domain::{MemberId, Money};
use sqlx::{FromRow, QueryBuilder, Row, Sqlite};

/// A person in the plan's provider file, with their organisation.
#[derive(Clone, Debug, FromRow)]
pub struct ProviderRecord {
    /// Row id.
    pub id: i64,
    /// The organisation.
    pub org_id: i64,
    /// Organisation name.
    pub org_name: String,
    /// `ein` or `ssn`.
    pub tax_id_kind: String,
    /// Nine digits (matched only; never returned or logged).
    pub tax_id: String,
    /// `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// Email of the credentialing record (where codes go).
    pub email: Option<String>,
    /// Still credentialed with the plan.
    pub active: bool,
}

const RECORD_COLUMNS: &str = "r.id, r.org_id, o.name AS org_name, o.tax_id_kind, o.tax_id, \
     r.date_of_birth, r.email, r.active";

/// The provider file's entry for a provider ID.
pub async fn record(db: &Db, id: &ProviderId) -> sqlx::Result<Option<ProviderRecord>> {
    sqlx::query_as(&format!(
        "SELECT {RECORD_COLUMNS} FROM provider_records r JOIN provider_orgs o ON o.id = r.org_id \
         WHERE r.provider_id_base = ? AND r.provider_id_suffix = ?"
    ))
    .bind(id.base())
    .bind(id.suffix())
    .fetch_optional(db)
    .await
}

/// The account registered for a provider record, if any.
pub async fn user_for_record(
    db: &Db,
    record_id: i64,
) -> sqlx::Result<Option<super::accounts::UserRow>> {
    sqlx::query_as(
        "SELECT id, member_id, username, password_hash, role FROM users WHERE provider_id = ?",
    )
    .bind(record_id)
    .fetch_optional(db)
    .await
}

/// Creates a provider account in one transaction (the user with the
/// record's email as its contact, and the first password-history row).
pub async fn create_account(
    db: &Db,
    record: &ProviderRecord,
    username: &str,
    password_hash: &str,
    now: i64,
) -> Result<i64, super::accounts::CreateError> {
    let mut tx = super::begin_write(db).await?;
    let inserted = sqlx::query(
        "INSERT INTO users (member_id, provider_id, role, username, password_hash, email, created_at, password_changed_at) \
         VALUES (NULL, ?, 'provider', ?, ?, ?, ?, ?)",
    )
    .bind(record.id)
    .bind(username)
    .bind(password_hash)
    .bind(record.email.as_deref())
    .bind(now)
    .bind(now)
    .execute(&mut *tx)
    .await;
    let user_id = match inserted {
        Ok(r) => r.last_insert_rowid(),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(super::accounts::create_conflict(e.as_ref()));
        }
        Err(e) => return Err(e.into()),
    };
    super::accounts::first_password(&mut tx, user_id, password_hash, now).await?;
    tx.commit().await?;
    Ok(user_id)
}

/// The organisation a provider account acts for: (name, in network).
pub async fn org_of_user(db: &Db, user_id: i64) -> sqlx::Result<Option<(i64, String, bool)>> {
    sqlx::query_as(
        "SELECT o.id, o.name, o.in_network FROM users u JOIN provider_records r ON r.id = u.provider_id \
         JOIN provider_orgs o ON o.id = r.org_id WHERE u.id = ? AND u.role = 'provider' AND r.active = 1",
    )
    .bind(user_id)
    .fetch_optional(db)
    .await
}

/// The NPIs billed under an organisation's tax ID, in order.
pub async fn npis(db: &Db, org_id: i64) -> sqlx::Result<Vec<ProviderNpi>> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT npi, name FROM provider_npis WHERE org_id = ? ORDER BY name, npi")
            .bind(org_id)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(npi, name)| ProviderNpi { npi, name })
        .collect())
}

/// A member found by member ID and date of birth (both must match).
pub async fn patient(
    db: &Db,
    member_id: &MemberId,
    date_of_birth: chrono::NaiveDate,
) -> sqlx::Result<Option<super::members::MemberRow>> {
    Ok(super::members::by_member_id(db, member_id)
        .await?
        .filter(|m| m.date_of_birth == date_of_birth))
}

/// Appends the claim query's conditions (always limited to `npis`).
fn push_filters(q: &mut QueryBuilder<'_, Sqlite>, npis: &[String], f: &ValidClaimQuery) {
    q.push(" WHERE c.provider_npi IN (");
    let mut list = q.separated(", ");
    for n in npis {
        list.push_bind(n.clone());
    }
    list.push_unseparated(")");
    if !f.npi.is_empty() {
        q.push(" AND c.provider_npi = ").push_bind(f.npi.clone());
    }
    if !f.claim_number.is_empty() {
        q.push(" AND upper(c.claim_number) = ")
            .push_bind(f.claim_number.clone());
    }
    if let Some(s) = f.status {
        q.push(" AND c.status = ").push_bind(s.as_str());
    }
    if let Some(d) = f.from {
        q.push(" AND c.service_start >= ")
            .push_bind(portal_domain::dates::to_iso(d));
    }
    if let Some(d) = f.to {
        q.push(" AND c.service_start <= ")
            .push_bind(portal_domain::dates::to_iso(d));
    }
    if !f.patient.is_empty() {
        if f.patient.chars().all(|c| c.is_ascii_digit()) {
            q.push(" AND (h.member_id_base || m.suffix) = ")
                .push_bind(f.patient.clone());
        } else {
            let like = format!(
                "%{}%",
                f.patient
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            q.push(" AND (lower(m.first_name || ' ' || m.last_name) LIKE ")
                .push_bind(like)
                .push(" ESCAPE '\\')");
        }
    }
}

const CLAIM_FROM: &str = " FROM claims c JOIN members m ON m.id = c.patient_member_id \
     JOIN households h ON h.id = m.household_id";

/// Statuses whose claims carry a payment to the provider.
const PAID_STATUSES: &str = "('paid', 'partially_paid', 'adjusted')";

/// One page of the claims billed under `npis` matching `f`, newest service
/// first, and how many match in all.
pub async fn claims(
    db: &Db,
    npis: &[String],
    f: &ValidClaimQuery,
) -> sqlx::Result<(Vec<ProviderClaim>, u32)> {
    if npis.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let mut count = QueryBuilder::<Sqlite>::new(format!("SELECT COUNT(*){CLAIM_FROM}"));
    push_filters(&mut count, npis, f);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT c.claim_number, m.first_name, m.last_name, h.member_id_base, m.suffix, \
         c.service_start, c.service_end, c.provider_npi, c.provider_name, c.status, c.status_date, \
         c.billed_cents, c.allowed_cents, c.plan_paid_cents, c.member_owes_cents, c.denial_reason{CLAIM_FROM}"
    ));
    push_filters(&mut q, npis, f);
    q.push(" ORDER BY c.service_start DESC, c.claim_number LIMIT ")
        .push_bind(i64::try_from(CLAIMS_PAGE).unwrap_or(50))
        .push(" OFFSET ")
        .push_bind(i64::from(f.page) * i64::try_from(CLAIMS_PAGE).unwrap_or(50));
    let rows = q.build().fetch_all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let status =
            ClaimStatus::parse(r.try_get::<&str, _>("status")?).unwrap_or(ClaimStatus::Received);
        let date = |col: &str| -> sqlx::Result<chrono::NaiveDate> {
            Ok(parse_iso(r.try_get::<&str, _>(col)?).unwrap_or_default())
        };
        let npi: String = r.try_get("provider_npi")?;
        let status_date = date("status_date")?;
        let paid = Money::from_cents(r.try_get("plan_paid_cents")?);
        let pays = matches!(
            status,
            ClaimStatus::Paid | ClaimStatus::PartiallyPaid | ClaimStatus::Adjusted
        ) && paid > Money::ZERO;
        let member_id = MemberId::from_parts(r.try_get("member_id_base")?, r.try_get("suffix")?)
            .map(|m| m.printed())
            .unwrap_or_default();
        out.push(ProviderClaim {
            claim_number: r.try_get("claim_number")?,
            patient_name: format!(
                "{} {}",
                r.try_get::<&str, _>("first_name")?,
                r.try_get::<&str, _>("last_name")?
            ),
            member_id,
            service_start: date("service_start")?,
            service_end: date("service_end")?,
            billed_as: r.try_get("provider_name")?,
            status,
            status_date,
            billed: Money::from_cents(r.try_get("billed_cents")?),
            allowed: Money::from_cents(r.try_get("allowed_cents")?),
            paid,
            patient_responsibility: Money::from_cents(r.try_get("member_owes_cents")?),
            denial_reason: r.try_get("denial_reason")?,
            payment_number: pays.then(|| payment_number(&npi, status_date)),
            npi,
        });
    }
    Ok((out, u32::try_from(total).unwrap_or(u32::MAX)))
}

/// Every payment to `npis`: the paid claims grouped by NPI and paid date
/// (the claim's status date), newest first.
pub async fn remittances(db: &Db, npis: &[String]) -> sqlx::Result<Vec<Remittance>> {
    if npis.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT c.provider_npi, c.status_date, c.claim_number, m.first_name, m.last_name, c.service_start, \
         c.billed_cents, c.allowed_cents, c.plan_paid_cents, c.member_owes_cents{CLAIM_FROM} \
         WHERE c.plan_paid_cents > 0 AND c.status IN {PAID_STATUSES} AND c.provider_npi IN ("
    ));
    let mut list = q.separated(", ");
    for n in npis {
        list.push_bind(n.clone());
    }
    list.push_unseparated(")");
    q.push(" ORDER BY c.status_date DESC, c.provider_npi, c.claim_number");
    let rows = q.build().fetch_all(db).await?;
    let mut out: Vec<Remittance> = Vec::new();
    for r in rows {
        let npi: String = r.try_get("provider_npi")?;
        let paid_on = parse_iso(r.try_get::<&str, _>("status_date")?).unwrap_or_default();
        let claim = RemittanceClaim {
            claim_number: r.try_get("claim_number")?,
            patient_name: format!(
                "{} {}",
                r.try_get::<&str, _>("first_name")?,
                r.try_get::<&str, _>("last_name")?
            ),
            service_start: parse_iso(r.try_get::<&str, _>("service_start")?).unwrap_or_default(),
            billed: Money::from_cents(r.try_get("billed_cents")?),
            allowed: Money::from_cents(r.try_get("allowed_cents")?),
            paid: Money::from_cents(r.try_get("plan_paid_cents")?),
            patient_responsibility: Money::from_cents(r.try_get("member_owes_cents")?),
        };
        match out.last_mut() {
            Some(last) if last.npi == npi && last.paid_on == paid_on => {
                last.total += claim.paid;
                last.claims.push(claim);
            }
            _ => out.push(Remittance {
                payment_number: payment_number(&npi, paid_on),
                paid_on,
                npi,
                total: claim.paid,
                claims: vec![claim],
            }),
        }
    }
    Ok(out)
}
