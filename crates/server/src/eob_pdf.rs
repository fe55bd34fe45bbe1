//! The explanation of benefits as an accessible PDF (issue 16): the same
//! claim, lines, totals and words (`portal_domain::claims::eob`) as the EOB
//! page, laid out by [`crate::tagged_pdf`] with headings, tables with
//! header cells, and the document's title and language set.

use crate::tagged_pdf::{Columns, TaggedPdf};
use chrono::NaiveDate;
use portal_domain::api::IdCard;
use portal_domain::claims::eob::{Notice, MEMBER_SERVICES};
use portal_domain::claims::{Amounts, Claim, ClaimStatus, Network};

/// Whether the plan has decided what it pays (else amounts are pending).
fn decided(status: ClaimStatus) -> bool {
    !matches!(status, ClaimStatus::Received | ClaimStatus::InProcess)
}

use crate::tagged_pdf::long_date as long;

fn amount_cells(a: &Amounts, decided: bool) -> Vec<String> {
    let shown = |m: portal_domain::Money| {
        if decided {
            m.to_string()
        } else {
            "Pending".to_string()
        }
    };
    vec![
        a.billed.to_string(),
        shown(a.allowed),
        shown(a.plan_paid),
        shown(a.deductible),
        shown(a.copay),
        shown(a.coinsurance),
        shown(a.not_covered),
        shown(a.member_owes),
    ]
}

fn notice(doc: &mut TaggedPdf, n: &Notice) {
    doc.heading(2, &n.title);
    for p in &n.paragraphs {
        doc.paragraph(p);
    }
    doc.list(&n.items);
}

/// The EOB of `claim` (with its `explanation` filled in) for the member on
/// `card` (the patient's ID card: plan, group, member services), printed on `today`.
pub fn render(claim: &Claim, card: &IdCard, today: NaiveDate) -> Vec<u8> {
    let s = &claim.summary;
    let title = format!("Explanation of benefits: claim {}", s.claim_number);
    let mut doc = TaggedPdf::new(
        &title,
        &format!(
            "{} - claim {} - printed {}",
            card.plan.name,
            s.claim_number,
            long(today)
        ),
    );
    doc.heading(1, "Explanation of benefits");
    doc.strong_paragraph("This is not a bill. It explains how your plan handled this claim.");
    let service = if s.service_start == s.service_end {
        long(s.service_start)
    } else {
        format!("{} to {}", long(s.service_start), long(s.service_end))
    };
    let network = match s.provider.network {
        Network::InNetwork => "In network",
        Network::OutOfNetwork => "Out of network",
    };
    let mut facts = vec![
        (
            "Plan",
            format!("{} (group {})", card.plan.name, card.group_number),
        ),
        ("Patient", s.patient_name.clone()),
        ("Member ID", claim.patient_member_id.printed()),
        ("Claim number", s.claim_number.clone()),
        (
            "Provider",
            format!(
                "{} ({}), NPI {}",
                s.provider.name, s.provider.specialty, s.provider.npi
            ),
        ),
        ("Network", network.to_string()),
        ("Date of service", service),
        (
            "Status",
            format!("{} on {}", s.status.label(), long(s.status_date)),
        ),
    ];
    // The clinicians the claim names, after the billing provider.
    for (i, t) in claim.care_team.iter().enumerate() {
        facts.insert(
            5 + i,
            (
                "Clinician",
                format!("{} ({}), NPI {}", t.display_name(), t.role.label(), t.npi),
            ),
        );
    }
    doc.facts(&facts);
    let decided = decided(s.status);
    let explanation = claim.explanation.clone().unwrap_or_default();
    doc.heading(2, "What it cost");
    for p in &explanation.story {
        doc.paragraph(p);
    }
    doc.heading(2, "Services on this claim");
    let mut rows: Vec<Vec<String>> = claim
        .lines
        .iter()
        .map(|l| {
            let mut r = vec![format!(
                "{} ({}){}",
                l.description,
                l.code,
                if l.quantity > 1 {
                    format!(", {} units", l.quantity)
                } else {
                    String::new()
                }
            )];
            r.extend(amount_cells(&l.amounts, decided));
            r
        })
        .collect();
    let mut total = vec!["Total".to_string()];
    total.extend(amount_cells(&s.amounts, decided));
    rows.push(total);
    doc.table(
        &Columns {
            headers: &[
                "Service",
                "Billed",
                "Allowed",
                "Plan paid",
                "Deductible",
                "Copay",
                "Coinsurance",
                "Not covered",
                "You may owe",
            ],
            widths: &[2.6, 1.0, 1.0, 1.0, 1.05, 0.9, 1.1, 1.05, 1.05],
            right: &[1, 2, 3, 4, 5, 6, 7, 8],
        },
        &rows,
    );
    doc.heading(3, "What the columns mean");
    doc.list(&[
        "Billed: what the provider charged.".to_string(),
        "Allowed: the most the plan pays for the service; an in-network provider can't bill you more than your share of it.".to_string(),
        "Plan paid: what the plan paid the provider.".to_string(),
        "Deductible, Copay, Coinsurance: your share of the allowed amount.".to_string(),
        "Not covered: what the plan did not cover (see below if the claim was denied).".to_string(),
        "You may owe: your share plus what was not covered. The provider bills you for it; what you paid at the visit counts.".to_string(),
    ]);
    for n in [
        &explanation.protection,
        &explanation.pending,
        &explanation.denial,
    ]
    .into_iter()
    .flatten()
    {
        notice(&mut doc, n);
    }
    doc.heading(2, "Questions");
    doc.paragraph(&format!(
        "Call Member Services at {MEMBER_SERVICES} (TTY 711), or write to us from Messages in your account. Quote the claim number {}.",
        s.claim_number
    ));
    doc.finish()
}
