//! The record of what a directory listing said (No Surprises Act reliance),
//! as a tagged PDF: when, for which plan, the listing's network standing,
//! address, phone and verification date, and the member's protection.

use crate::tagged_pdf::{long_date, TaggedPdf};
use portal_domain::care::directory::ProviderDetail;

/// What the record says.
pub struct RecordPrint<'a> {
    /// The reference number.
    pub reference: &'a str,
    /// When it was made, in words (UTC).
    pub made_at: &'a str,
    /// The listing as the member saw it.
    pub listing: &'a ProviderDetail,
    /// The plans' member services phone.
    pub phone: &'a str,
}

/// The PDF.
pub fn render(r: &RecordPrint<'_>) -> Vec<u8> {
    let l = r.listing;
    let mut doc = TaggedPdf::new(
        "Record of a provider directory listing",
        &format!("Evergreen Health - directory record {}", r.reference),
    );
    doc.heading(1, "Record of a provider directory listing");
    doc.paragraph(&format!(
        "Evergreen Health's provider directory showed this listing on {} (reference {}).",
        r.made_at, r.reference
    ));
    let mut facts: Vec<(&str, String)> = vec![
        ("Provider", l.name.clone()),
        ("NPI", l.npi.clone()),
        ("Specialty", l.specialty.clone()),
        (
            "Accepting new patients",
            if l.accepting_new { "Yes" } else { "No" }.to_string(),
        ),
        ("Last verified with the provider", long_date(l.verified_on)),
    ];
    if let Some(loc) = l.locations.first() {
        facts.push((
            "Address",
            format!("{}, {}, {} {}", loc.line, loc.city, loc.state, loc.zip),
        ));
        facts.push(("Phone", loc.phone.clone()));
    }
    doc.facts(&facts);
    doc.heading(2, "Network status the directory showed");
    let rows: Vec<(&str, String)> = l
        .networks
        .iter()
        .map(|n| {
            let status = if n.status.is_in() {
                format!("In network ({})", n.plan.network)
            } else {
                format!("Out of network ({})", n.plan.network)
            };
            (n.plan.plan_name.as_str(), status)
        })
        .collect();
    doc.facts(&rows);
    doc.heading(2, "Your protection");
    doc.paragraph(
        "If you get care from this provider because this directory said they were in your plan's network, and they were not, you pay no more than your in-network cost share, and what you pay counts toward your in-network deductible and out-of-pocket maximum (No Surprises Act; Public Health Service Act section 2799A-5).",
    );
    doc.paragraph(&format!(
        "If you are billed more, call Member Services at {} (TTY 711) and quote reference {}, or write to us from Messages in your account.",
        r.phone, r.reference
    ));
    doc.finish()
}
