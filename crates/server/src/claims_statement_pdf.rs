//! A claims statement as an accessible PDF (issue 16): every claim a filter
//! of the claims page matches (e.g. this year's prescriptions, for an HSA
//! or FSA), with the same totals as the page and the CSV (the claims
//! index's `totals`), laid out by [`crate::tagged_pdf`].

use crate::tagged_pdf::{Columns, TaggedPdf};
use chrono::NaiveDate;
use portal_domain::claims::{Amounts, ClaimStatus, ClaimSummary};

/// An amount the plan has decided, or "Pending" for a claim still being processed.
fn shown(c: &ClaimSummary, m: portal_domain::Money) -> String {
    if matches!(c.status, ClaimStatus::Received | ClaimStatus::InProcess) {
        "Pending".to_string()
    } else {
        m.to_string()
    }
}

use crate::tagged_pdf::long_date as long;

/// What the statement is for and who asked.
pub struct StatementHeader<'a> {
    /// Plan name.
    pub plan: &'a str,
    /// The member who asked (name and member ID).
    pub requested_by: String,
    /// The filter in words ([`portal_domain::claims::ClaimFilter::describe`]).
    pub criteria: Vec<String>,
    /// The day it was made.
    pub today: NaiveDate,
}

/// The statement of `claims` (already filtered and sorted) with `totals`.
pub fn render(h: &StatementHeader<'_>, claims: &[ClaimSummary], totals: &Amounts) -> Vec<u8> {
    let mut doc = TaggedPdf::new(
        &format!("Claims statement, {}", long(h.today)),
        &format!("{} - claims statement - {}", h.plan, long(h.today)),
    );
    doc.heading(1, "Claims statement");
    doc.strong_paragraph("This is not a bill. It lists the claims you chose and what each cost.");
    doc.facts(&[
        ("Plan", h.plan.to_string()),
        ("Requested by", h.requested_by.clone()),
        ("Made on", long(h.today)),
        ("Claims", claims.len().to_string()),
    ]);
    doc.heading(2, "Which claims");
    doc.list(&h.criteria);
    doc.heading(2, "Totals");
    doc.table(
        &Columns {
            headers: &[
                "Billed",
                "Allowed",
                "Plan paid",
                "Deductible",
                "Copay",
                "Coinsurance",
                "Not covered",
                "You may owe",
            ],
            widths: &[1.0; 8],
            right: &[0, 1, 2, 3, 4, 5, 6, 7],
        },
        &[vec![
            totals.billed.to_string(),
            totals.allowed.to_string(),
            totals.plan_paid.to_string(),
            totals.deductible.to_string(),
            totals.copay.to_string(),
            totals.coinsurance.to_string(),
            totals.not_covered.to_string(),
            totals.member_owes.to_string(),
        ]],
    );
    doc.paragraph("For a health savings or flexible spending account: \"You may owe\" is your share of each claim under the plan; keep this statement with your receipts. Claims still being processed show \"Pending\" for what the plan pays and what you may owe until they are decided.");
    doc.heading(2, "Claims");
    if claims.is_empty() {
        doc.paragraph("No claims match these choices.");
    } else {
        let rows: Vec<Vec<String>> = claims
            .iter()
            .map(|c| {
                vec![
                    c.service_start.format("%m/%d/%Y").to_string(),
                    c.claim_number.clone(),
                    c.patient_name.clone(),
                    c.provider.name.clone(),
                    c.status.label().to_string(),
                    c.amounts.billed.to_string(),
                    shown(c, c.amounts.plan_paid),
                    shown(c, c.amounts.member_owes),
                ]
            })
            .collect();
        doc.table(
            &Columns {
                headers: &[
                    "Service date",
                    "Claim",
                    "Patient",
                    "Provider",
                    "Status",
                    "Billed",
                    "Plan paid",
                    "You may owe",
                ],
                widths: &[0.95, 1.25, 1.1, 1.6, 1.0, 0.9, 0.9, 0.9],
                right: &[5, 6, 7],
            },
            &rows,
        );
    }
    doc.finish()
}
