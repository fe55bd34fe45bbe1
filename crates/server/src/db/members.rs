//! Eligibility: households, members, plans.

use super::Db;
use chrono::NaiveDate;
use portal_domain::api::{CardCopay, IdCard, MemberSummary, PlanSummary, Relationship};
use portal_domain::{MemberId, Money};
use sqlx::FromRow;

/// A member row, with the household's member ID base.
#[derive(Clone, Debug, FromRow)]
pub struct MemberRow {
    /// Row id.
    pub id: i64,
    /// Household row id.
    pub household_id: i64,
    /// Household's nine-digit member ID base.
    pub member_id_base: String,
    /// Two-digit suffix.
    pub suffix: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Date of birth (stored as `YYYY-MM-DD`).
    pub date_of_birth: NaiveDate,
    /// Last four of SSN (used only for identity matching; never returned or logged).
    pub ssn_last4: String,
    /// Relationship to the subscriber (stored as `subscriber`, `spouse` or `child`).
    #[sqlx(try_from = "String")]
    pub relationship: Relationship,
    /// Still eligible.
    pub eligible: bool,
}

impl MemberRow {
    /// This member as the family privacy rules see them.
    pub fn person(&self) -> portal_domain::family::Person {
        portal_domain::family::Person {
            id: self.id,
            relationship: self.relationship,
            born: self.date_of_birth,
        }
    }

    /// The API view of this member.
    pub fn summary(&self) -> Option<MemberSummary> {
        Some(MemberSummary {
            id: self.id,
            member_id: MemberId::from_parts(&self.member_id_base, &self.suffix)?,
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            relationship: self.relationship,
        })
    }
}

const MEMBER_COLUMNS: &str =
    "m.id, m.household_id, h.member_id_base, m.suffix, m.first_name, m.last_name, \
     m.date_of_birth, m.ssn_last4, m.relationship, m.eligible";

/// The member with this member ID, if any.
pub async fn by_member_id(db: &Db, id: &MemberId) -> sqlx::Result<Option<MemberRow>> {
    sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM members m JOIN households h ON h.id = m.household_id \
         WHERE h.member_id_base = ? AND m.suffix = ?"
    ))
    .bind(id.base())
    .bind(id.suffix())
    .fetch_optional(db)
    .await
}

/// The member with this row id, if any.
pub async fn by_id(db: &Db, id: i64) -> sqlx::Result<Option<MemberRow>> {
    sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = ?"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Everyone in a household, subscriber first.
pub async fn household(db: &Db, household_id: i64) -> sqlx::Result<Vec<MemberRow>> {
    sqlx::query_as(&format!(
        "SELECT {MEMBER_COLUMNS} FROM members m JOIN households h ON h.id = m.household_id \
         WHERE m.household_id = ? ORDER BY m.suffix"
    ))
    .bind(household_id)
    .fetch_all(db)
    .await
}

#[derive(FromRow)]
struct PlanRow {
    id: String,
    name: String,
    year: i32,
    plan_type: String,
    network: String,
    group_number: String,
    rx_bin: String,
    rx_pcn: String,
    rx_group: String,
    copay_primary_cents: i64,
    copay_specialist_cents: i64,
    copay_urgent_cents: i64,
    copay_er_cents: i64,
    member_services_phone: String,
    provider_services_phone: String,
    coverage_start: chrono::NaiveDate,
    coverage_end: chrono::NaiveDate,
}

/// The ID card of a member (its household's plan).
pub async fn id_card(
    db: &Db,
    member: &MemberRow,
    today: chrono::NaiveDate,
) -> anyhow::Result<Option<IdCard>> {
    let plan: Option<PlanRow> = sqlx::query_as(
        "SELECT p.* FROM plans p JOIN households h ON h.plan_id = p.id WHERE h.id = ?",
    )
    .bind(member.household_id)
    .fetch_optional(db)
    .await?;
    let (Some(p), Some(summary)) = (plan, member.summary()) else {
        return Ok(None);
    };
    let design = super::plans::catalog(db)
        .await?
        .into_iter()
        .find(|c| c.id == p.id)
        .map(|c| c.design);
    let Some(design) = design else {
        return Ok(None);
    };
    let pcp = super::home::pcps(db, member.household_id, today)
        .await?
        .remove(&member.id);
    let pcp_change = super::home::pending_pcps(db, member.household_id, today)
        .await?
        .into_iter()
        .find(|c| c.member_id == member.id);
    let copay = |label: &str, cents: i64| CardCopay {
        label: label.into(),
        amount: Money::from_cents(cents),
    };
    Ok(Some(IdCard {
        member: summary,
        plan: PlanSummary {
            id: p.id,
            name: p.name,
            year: p.year,
            plan_type: p.plan_type,
            network: p.network,
        },
        group_number: p.group_number,
        rx_bin: p.rx_bin,
        rx_pcn: p.rx_pcn,
        rx_group: p.rx_group,
        copays: vec![
            copay("Primary care", p.copay_primary_cents),
            copay("Specialist", p.copay_specialist_cents),
            copay("Urgent care", p.copay_urgent_cents),
            copay("Emergency room", p.copay_er_cents),
        ],
        member_services_phone: p.member_services_phone,
        provider_services_phone: p.provider_services_phone,
        coverage_start: p.coverage_start,
        coverage_end: p.coverage_end,
        limits: portal_domain::api::CardLimits {
            in_network: design.in_network,
            out_of_network: design.out_of_network,
        },
        website: portal_domain::api::PLAN_WEBSITE.to_string(),
        pcp,
        pcp_change,
    }))
}
