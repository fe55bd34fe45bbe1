//! Demo data of the member's home (issue 5): sex for the preventive care
//! rules, recorded sharing consent, premium bills, a claim waiting for
//! information and primary care providers.
//!
//! Consent: in the Morgan household Jordan (spouse) and Casey (19) share
//! with Alex, so `member1` sees everyone; in the Rivera household Taylor
//! (spouse) shares with Sam and Jamie (23) does not; in the Chen household
//! nobody has consented (`family1` sees Dana and Milo only); in the Quinn
//! (benchmark) household Robin shares with Pat.

use crate::db::claims::{insert, NewClaim, NewLine};
use chrono::{Datelike, Duration, NaiveDate};
use portal_domain::api::Relationship;
use portal_domain::claims::{Amounts, ClaimStatus, ClaimType, Network, ServiceCategory};
use portal_domain::cost::{Accumulators, Benefit, Service};
use portal_domain::plans::CoverageTier;
use portal_domain::Money;
use sqlx::{Sqlite, Transaction};

/// (household, suffix, sex).
const SEXES: &[(i64, &str, &str)] = &[
    (1, "01", "F"),
    (1, "02", "M"),
    (1, "03", "F"),
    (1, "04", "M"),
    (2, "01", "M"),
    (2, "02", "F"),
    (2, "03", "F"),
    (3, "01", "M"),
    (3, "02", "F"),
    (3, "03", "M"),
    (3, "04", "F"),
    (5, "01", "F"),
    (5, "02", "M"),
    (5, "03", "F"),
    (5, "04", "M"),
];

/// (household, grantor suffix, grantee suffix).
const CONSENTS: &[(i64, &str, &str)] = &[
    (1, "02", "01"),
    (1, "03", "01"),
    (2, "02", "01"),
    (3, "02", "01"),
];

/// (household, suffix, provider, phone).
pub(crate) const PCPS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "01",
        "Dr. Maya Ellison, Evergreen Family Medicine",
        "(555) 555-0110",
    ),
    (
        1,
        "04",
        "Dr. Priya Natarajan, Cedar Pediatrics",
        "(555) 555-0123",
    ),
    (
        5,
        "01",
        "Dr. Omar Haddad, Riverside Primary Care",
        "(555) 555-0131",
    ),
];

/// The households that get premium bills.
const BILLED: &[i64] = &[1, 2, 3, 5];

/// What a household pays each month: its plan's premium for its coverage
/// tier, taken from the one plan catalogue (`super::catalog`), so the bill
/// on the dashboard and in the alerts is the figure `/plans` shows (issue
/// 17: the bills said $1,284.00 while the plan said $560.00). `None` when
/// the household or its plan is not in the catalogue.
pub async fn monthly_premium(
    tx: &mut Transaction<'_, Sqlite>,
    household: i64,
) -> sqlx::Result<Option<Money>> {
    let plan_id: Option<String> = sqlx::query_scalar("SELECT plan_id FROM households WHERE id = ?")
        .bind(household)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(plan_id) = plan_id else {
        return Ok(None);
    };
    let relationships: Vec<String> =
        sqlx::query_scalar("SELECT relationship FROM members WHERE household_id = ?")
            .bind(household)
            .fetch_all(&mut **tx)
            .await?;
    let relationships: Vec<Relationship> = relationships
        .iter()
        .filter_map(|r| Relationship::parse(r))
        .collect();
    let tier = CoverageTier::of_household(&relationships);
    Ok(super::catalog::catalog()
        .into_iter()
        .find(|p| p.id == plan_id)
        .map(|p| p.premiums.monthly(tier)))
}

/// The message on the claim that waits for information.
pub const INFO_REQUEST: &str = "We need to know whether this care was for an accident or injury. \
     Complete the accident questionnaire (call Member Services) so we can process the claim.";

async fn member(
    tx: &mut Transaction<'_, Sqlite>,
    household: i64,
    suffix: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM members WHERE household_id = ? AND suffix = ?")
        .bind(household)
        .bind(suffix)
        .fetch_optional(&mut **tx)
        .await
}

fn first_of_month(day: NaiveDate, offset: i32) -> NaiveDate {
    let idx = day.year() * 12 + day.month0() as i32 + offset;
    NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1).unwrap_or(day)
}

/// Seeds the home data for the households present (inside the demo seed's transaction).
pub async fn seed(tx: &mut Transaction<'_, Sqlite>, today: NaiveDate) -> anyhow::Result<()> {
    for (h, suffix, sex) in SEXES {
        sqlx::query("UPDATE members SET sex = ? WHERE household_id = ? AND suffix = ?")
            .bind(sex)
            .bind(h)
            .bind(suffix)
            .execute(&mut **tx)
            .await?;
    }
    let ts = chrono::Utc::now().timestamp();
    for (h, from, to) in CONSENTS {
        if let (Some(g), Some(r)) = (member(tx, *h, from).await?, member(tx, *h, to).await?) {
            sqlx::query("INSERT INTO sharing_consents (grantor_member_id, grantee_member_id, granted_at) VALUES (?, ?, ?)")
                .bind(g)
                .bind(r)
                .bind(ts)
                .execute(&mut **tx)
                .await?;
        }
    }
    for (h, suffix, name, phone) in PCPS {
        if let Some(m) = member(tx, *h, suffix).await? {
            sqlx::query(
                "INSERT INTO primary_care (member_id, provider_name, phone) VALUES (?, ?, ?)",
            )
            .bind(m)
            .bind(name)
            .bind(phone)
            .execute(&mut **tx)
            .await?;
        }
    }
    // Premiums: the Morgans' bill of the 1st of last month is paid, the next
    // is overdue (due 10 days ago) and one more is coming; the others are
    // paid up and have one bill coming within the notice period. The payer
    // households (issue 15's end-to-end specs) are billed like the Morgans.
    // Each statement is charged in the ledger; each paid one was paid by a
    // check that has posted.
    for h in BILLED.iter().chain(super::PAYER_HOUSEHOLDS) {
        let Some(amount) = monthly_premium(tx, *h).await? else {
            continue;
        };
        let bills: Vec<(NaiveDate, bool)> = if *h == 1 || super::PAYER_HOUSEHOLDS.contains(h) {
            vec![
                (first_of_month(today, -1), true),
                (today - Duration::days(10), false),
                (today + Duration::days(20), false),
            ]
        } else {
            vec![
                (today - Duration::days(20), true),
                (today + Duration::days(8 + *h), false),
            ]
        };
        for (due, paid) in bills {
            let id = sqlx::query(
                "INSERT INTO premium_bills (household_id, due_date, amount_cents) VALUES (?, ?, ?)",
            )
            .bind(h)
            .bind(due)
            .bind(amount.cents())
            .execute(&mut **tx)
            .await?
            .last_insert_rowid();
            crate::payments::issue_statement(tx, *h, id, amount).await?;
            if paid {
                seed_check_payment(tx, *h, id, amount, due - Duration::days(5)).await?;
            }
        }
    }
    // The Morgans' and the Chens' newest claim still being processed waits for information.
    for h in [1i64, 5] {
        let claim: Option<(i64, NaiveDate)> = sqlx::query_as(
            "SELECT id, status_date FROM claims WHERE household_id = ? AND status IN ('received', 'in_process') \
             ORDER BY service_start DESC, id DESC LIMIT 1",
        )
        .bind(h)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some((id, on)) = claim {
            sqlx::query("INSERT INTO claim_info_requests (claim_id, requested_on, message) VALUES (?, ?, ?)")
                .bind(id)
                .bind(on)
                .bind(INFO_REQUEST)
                .execute(&mut **tx)
                .await?;
        }
    }
    recent_denial(tx, today).await?;
    big_claim(tx, today).await?;
    Ok(())
}

/// An outpatient knee surgery for Dana Chen 15 days ago ($16,000 allowed,
/// priced by the cost-sharing engine after this year's other claims), so the
/// Chen household shows "deductible met" and "out-of-pocket maximum near".
async fn big_claim(tx: &mut Transaction<'_, Sqlite>, today: NaiveDate) -> anyhow::Result<()> {
    let Some(dana) = member(tx, 5, "01").await? else {
        return Ok(());
    };
    let design = super::plan::silver_ppo();
    type Row = (
        i64,
        String,
        String,
        String,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
        i64,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT patient_member_id, network, category, service_start, billed_cents, allowed_cents, plan_paid_cents, \
         deductible_cents, copay_cents, coinsurance_cents, not_covered_cents, member_owes_cents \
         FROM claims WHERE household_id = 5",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut acc = Accumulators::new(4);
    for (patient, network, category, start, b, a, pp, d, c, co, nc, mo) in rows {
        if !start.starts_with(&today.year().to_string()) {
            continue;
        }
        let amounts = Amounts {
            billed: Money::from_cents(b),
            allowed: Money::from_cents(a),
            plan_paid: Money::from_cents(pp),
            deductible: Money::from_cents(d),
            copay: Money::from_cents(c),
            coinsurance: Money::from_cents(co),
            not_covered: Money::from_cents(nc),
            member_owes: Money::from_cents(mo),
        };
        let (Some(network), Some(category)) =
            (Network::parse(&network), ServiceCategory::parse(&category))
        else {
            continue;
        };
        acc.record_claim(&design, patient, network, category, &amounts);
    }
    let Some(provider) = super::claims::provider_named("Lakeside Orthopedics") else {
        return Ok(());
    };
    let service = Service {
        person: dana,
        benefit: Benefit::OutpatientSurgery,
        network: Network::InNetwork,
        billed: Money::from_dollars(34_000),
        allowed: Money::from_dollars(16_000),
    };
    let amounts = design.adjudicate(&mut acc, &service).amounts;
    let start = (today - Duration::days(15))
        .max(NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let claim = NewClaim {
        patient: dana,
        number: format!("EV{:02}05900001", start.year() % 100),
        claim_type: ClaimType::InstitutionalOutpatient,
        category: ServiceCategory::Other,
        start,
        end: start,
        provider,
        status: ClaimStatus::Paid,
        status_date: start.max(today - Duration::days(1)),
        denial_reason: None,
        lines: vec![NewLine {
            code: "29881",
            description: "Knee arthroscopy with meniscectomy, outpatient",
            quantity: 1,
            amounts,
        }],
    };
    insert(tx, 5, &[claim]).await?;
    Ok(())
}

/// The reason on the demo's recent denial.
pub const RECENT_DENIAL_REASON: &str =
    "This test needs prior authorization from the plan and none was on file. \
     Your doctor can ask for it and send the claim again, or you can appeal.";

/// A denial three weeks old for Alex Morgan (a lab test without prior
/// authorization), so the "claim denied" alert always has a recent one to
/// show. Denied amounts count toward nothing: allowed 0, all not covered.
async fn recent_denial(tx: &mut Transaction<'_, Sqlite>, today: NaiveDate) -> anyhow::Result<()> {
    let Some(alex) = member(tx, 1, "01").await? else {
        return Ok(());
    };
    let Some(provider) = super::claims::provider_named("Meridian Lab Services") else {
        return Ok(());
    };
    let start = today - Duration::days(35);
    let billed = Money::from_cents(48_000);
    let claim = NewClaim {
        patient: alex,
        number: format!("EV{:02}01900001", start.year() % 100),
        claim_type: ClaimType::Professional,
        category: ServiceCategory::LabImaging,
        start,
        end: start,
        provider,
        status: ClaimStatus::Denied,
        status_date: today - Duration::days(21),
        denial_reason: Some(RECENT_DENIAL_REASON),
        lines: vec![NewLine {
            code: "81479",
            description: "Molecular pathology procedure, unlisted",
            quantity: 1,
            amounts: Amounts {
                billed,
                not_covered: billed,
                member_owes: billed,
                ..Amounts::default()
            },
        }],
    };
    insert(tx, 1, &[claim]).await?;
    Ok(())
}

/// A check that paid a statement in full and has posted (the demo's paid bills).
async fn seed_check_payment(
    tx: &mut Transaction<'_, Sqlite>,
    household: i64,
    statement: i64,
    amount: Money,
    made_on: NaiveDate,
) -> anyhow::Result<()> {
    use crate::db::billing::{post, statement_account, Entry, CASH, CLEARING};
    let now = chrono::Utc::now().timestamp();
    let payment = sqlx::query(
        "INSERT INTO payments (household_id, idempotency_key, fingerprint, transaction_id, method_label, amount_cents, \
         allocation_json, status, made_on, posts_on, created_at, updated_at) \
         VALUES (?, ?, '', ?, 'Check', ?, ?, 'posted', ?, ?, ?, ?)",
    )
    .bind(household)
    .bind(format!("demo-check-statement-{statement:06}"))
    .bind(format!("PMT-CHK{statement:07}"))
    .bind(amount.cents())
    .bind(format!("[[{statement},{}]]", amount.cents()))
    .bind(made_on)
    .bind(made_on + Duration::days(2))
    .bind(now)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .last_insert_rowid();
    let c = amount.cents();
    post(
        tx,
        household,
        Some(payment),
        "payment accepted",
        &[
            Entry {
                account: CLEARING.into(),
                cents: c,
            },
            Entry {
                account: statement_account(statement),
                cents: -c,
            },
        ],
        now,
    )
    .await?;
    post(
        tx,
        household,
        Some(payment),
        "payment posted",
        &[
            Entry {
                account: CASH.into(),
                cents: c,
            },
            Entry {
                account: CLEARING.into(),
                cents: -c,
            },
        ],
        now,
    )
    .await
}
