//! Claim types and the amount rules every claim and line obeys.
//!
//! Amount rules (checked by [`Amounts::check`], property-tested):
//! 1. `deductible + copay + coinsurance + not_covered == member_owes`
//! 2. `plan_paid + member_owes == allowed + not_covered`: what the plan
//!    allowed is split between plan and member; amounts the plan does not cover
//!    are not part of the allowed amount and fall to the member on top of it
//!    (the documented exception: with `not_covered == 0`, plan paid + member
//!    owes = allowed).
//! 3. A claim's totals equal the sum of its lines (reversal lines carry
//!    negative amounts, so a reversed claim nets to zero).

use crate::code_enum::code_enum;
use crate::member_id::MemberId;
use crate::money::Money;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

code_enum! {
    /// The kind of claim, as in the CARIN Blue Button profiles.
    ClaimType {
        /// Doctor or other professional.
        Professional = "professional" / "Professional",
        /// Hospital admission.
        InstitutionalInpatient = "inpatient" / "Hospital inpatient",
        /// Hospital outpatient.
        InstitutionalOutpatient = "outpatient" / "Hospital outpatient",
        /// Pharmacy.
        Pharmacy = "pharmacy" / "Pharmacy",
        /// Dental.
        Dental = "dental" / "Dental",
        /// Vision.
        Vision = "vision" / "Vision",
    }
}

code_enum! {
    /// Service category, for filtering and the spending picture.
    ServiceCategory {
        /// Primary care office visit.
        OfficeVisit = "office_visit" / "Office visit",
        /// Specialist visit.
        Specialist = "specialist" / "Specialist",
        /// Emergency room.
        Emergency = "emergency" / "Emergency",
        /// Urgent care.
        UrgentCare = "urgent_care" / "Urgent care",
        /// Hospital stay.
        HospitalStay = "hospital_stay" / "Hospital stay",
        /// Lab tests and imaging.
        LabImaging = "lab_imaging" / "Lab and imaging",
        /// Prescriptions.
        Prescription = "prescription" / "Prescription",
        /// Preventive care.
        Preventive = "preventive" / "Preventive care",
        /// Mental health.
        MentalHealth = "mental_health" / "Mental health",
        /// Dental.
        Dental = "dental" / "Dental",
        /// Vision.
        Vision = "vision" / "Vision",
        /// Physical, occupational or speech therapy.
        Therapy = "therapy" / "Therapy",
        /// Anything else.
        Other = "other" / "Other",
    }
}

code_enum! {
    /// Where a claim stands.
    ClaimStatus {
        /// Received, not yet reviewed.
        Received = "received" / "Received",
        /// Being processed.
        InProcess = "in_process" / "In process",
        /// Paid in full by the plan (after cost sharing).
        Paid = "paid" / "Paid",
        /// Partly paid; part not covered.
        PartiallyPaid = "partially_paid" / "Partially paid",
        /// Denied.
        Denied = "denied" / "Denied",
        /// Adjusted or reversed after processing.
        Adjusted = "adjusted" / "Adjusted or reversed",
        /// The member has appealed.
        UnderAppeal = "under_appeal" / "Under appeal",
    }
}

code_enum! {
    /// Whether the provider is in the plan's network.
    Network {
        /// In network.
        InNetwork = "in" / "In network",
        /// Out of network.
        OutOfNetwork = "out" / "Out of network",
    }
}

/// Amounts by adjudication category.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amounts {
    /// What the provider charged.
    pub billed: Money,
    /// What the plan allows for covered services.
    pub allowed: Money,
    /// What the plan paid.
    pub plan_paid: Money,
    /// Member's share applied to the deductible.
    pub deductible: Money,
    /// Member's copay.
    pub copay: Money,
    /// Member's coinsurance.
    pub coinsurance: Money,
    /// Not covered by the plan (limits or exclusions).
    pub not_covered: Money,
    /// What the member owes in all.
    pub member_owes: Money,
}

/// Which amount rule a value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountRule {
    /// deductible + copay + coinsurance + not covered = member owes.
    MemberParts,
    /// plan paid + member owes = allowed + not covered.
    AllowedSplit,
}

impl Amounts {
    /// The member's share computed from its parts.
    pub fn member_parts(&self) -> Money {
        self.deductible + self.copay + self.coinsurance + self.not_covered
    }

    /// Every amount rule these amounts break (empty when consistent).
    pub fn check(&self) -> Vec<AmountRule> {
        let mut broken = Vec::new();
        if self.member_parts() != self.member_owes {
            broken.push(AmountRule::MemberParts);
        }
        if self.plan_paid + self.member_owes != self.allowed + self.not_covered {
            broken.push(AmountRule::AllowedSplit);
        }
        broken
    }

    /// What the provider wrote off (billed above allowed and not covered):
    /// the network discount the member does not pay.
    pub fn discount(&self) -> Money {
        self.billed - self.allowed - self.not_covered
    }

    /// Component-wise sum.
    pub fn add(&self, o: &Amounts) -> Amounts {
        Amounts {
            billed: self.billed + o.billed,
            allowed: self.allowed + o.allowed,
            plan_paid: self.plan_paid + o.plan_paid,
            deductible: self.deductible + o.deductible,
            copay: self.copay + o.copay,
            coinsurance: self.coinsurance + o.coinsurance,
            not_covered: self.not_covered + o.not_covered,
            member_owes: self.member_owes + o.member_owes,
        }
    }

    /// Every amount negated (a reversal).
    pub fn negated(&self) -> Amounts {
        Amounts {
            billed: -self.billed,
            allowed: -self.allowed,
            plan_paid: -self.plan_paid,
            deductible: -self.deductible,
            copay: -self.copay,
            coinsurance: -self.coinsurance,
            not_covered: -self.not_covered,
            member_owes: -self.member_owes,
        }
    }

    /// Sum of many.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a Amounts>) -> Amounts {
        items
            .into_iter()
            .fold(Amounts::default(), |acc, a| acc.add(a))
    }
}

/// The provider of a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provider {
    /// Name.
    pub name: String,
    /// National Provider Identifier (10 digits).
    pub npi: String,
    /// Specialty.
    pub specialty: String,
    /// In or out of network.
    pub network: Network,
}

/// One service line of a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimLine {
    /// Line number, from 1.
    pub line_no: u32,
    /// Procedure, drug or revenue code (CPT/HCPCS, NDC, CDT, MS-DRG).
    pub code: String,
    /// Plain description.
    pub description: String,
    /// Units.
    pub quantity: i32,
    /// Amounts (negative on a reversal line).
    pub amounts: Amounts,
}

/// A claim as it appears in lists (no lines).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSummary {
    /// Opaque id, used in paths.
    pub id: i64,
    /// The payer's claim number.
    pub claim_number: String,
    /// The patient's opaque member id.
    pub patient_id: i64,
    /// The patient's name.
    pub patient_name: String,
    /// Kind of claim.
    pub claim_type: ClaimType,
    /// Service category.
    pub category: ServiceCategory,
    /// First day of service.
    #[serde(with = "crate::dates::iso")]
    pub service_start: NaiveDate,
    /// Last day of service.
    #[serde(with = "crate::dates::iso")]
    pub service_end: NaiveDate,
    /// Provider.
    pub provider: Provider,
    /// Status.
    pub status: ClaimStatus,
    /// When the status was set.
    #[serde(with = "crate::dates::iso")]
    pub status_date: NaiveDate,
    /// Totals.
    pub amounts: Amounts,
}

/// A whole claim: the Explanation of Benefits.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// The list view of it.
    #[serde(flatten)]
    pub summary: ClaimSummary,
    /// The patient's member ID.
    pub patient_member_id: MemberId,
    /// Why it was denied, in plain language.
    pub denial_reason: Option<String>,
    /// Service lines.
    pub lines: Vec<ClaimLine>,
    /// The words of its explanation for the member on the day asked
    /// (`GET /api/v1/claims/{id}` only; see [`super::eob`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<super::eob::Explanation>,
    /// The clinicians on the claim, when the claim names them (the billing
    /// provider is [`ClaimSummary::provider`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub care_team: Vec<Clinician>,
}

code_enum! {
    /// What a clinician did for a claim (CARIN Blue Button's
    /// `C4BBClaimCareTeamRole` codes).
    CareRole {
        /// Performed the service (professional, dental and vision claims).
        Performing = "performing" / "Performed the service",
        /// Was responsible for the patient's care in the hospital.
        Attending = "attending" / "Attending clinician",
        /// Wrote the prescription.
        Prescribing = "prescribing" / "Prescribed it",
        /// Referred the patient, or ordered the test (lab and imaging claims).
        Referring = "referring" / "Ordered or referred it",
    }
}

/// An individual clinician on a claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clinician {
    /// Order on the claim (1 first).
    pub sequence: u32,
    /// What they did.
    pub role: CareRole,
    /// Their individual (type 1) NPI.
    pub npi: String,
    /// Family name.
    pub family_name: String,
    /// Given name.
    pub given_name: String,
    /// Credential (MD, DO, NP, DDS, OD...).
    pub credential: String,
}

impl Clinician {
    /// "Adaeze Okafor, MD".
    pub fn display_name(&self) -> String {
        format!(
            "{} {}, {}",
            self.given_name, self.family_name, self.credential
        )
    }
}

impl Claim {
    /// Whether the claim's totals equal the sum of its lines and every
    /// amount rule holds for the claim and each line.
    pub fn is_consistent(&self) -> bool {
        self.summary.amounts == Amounts::sum(self.lines.iter().map(|l| &l.amounts))
            && self.summary.amounts.check().is_empty()
            && self.lines.iter().all(|l| l.amounts.check().is_empty())
    }

    /// Lower-cased text that the free-text filter searches: see [`search_text`].
    pub fn search_text(&self) -> String {
        search_text(
            &self.summary,
            self.lines
                .iter()
                .map(|l| (l.code.as_str(), l.description.as_str())),
        )
    }
}

/// Lower-cased text that the free-text filter searches: claim number,
/// provider name and NPI, and every line's code and description (`lines`:
/// `(code, description)` in line order). The server's claims index builds
/// it from rows with this same function.
pub fn search_text<'a>(
    summary: &ClaimSummary,
    lines: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> String {
    let mut s = format!(
        "{} {} {}",
        summary.claim_number, summary.provider.name, summary.provider.npi
    );
    for (code, description) in lines {
        s.push(' ');
        s.push_str(code);
        s.push(' ');
        s.push_str(description);
    }
    s.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m(c: i64) -> Money {
        Money::from_cents(c)
    }

    #[test]
    fn amount_rule_table() {
        // billed 200, allowed 125 before the deductible: member pays all 125
        let before = Amounts {
            billed: m(20000),
            allowed: m(12500),
            plan_paid: m(0),
            deductible: m(12500),
            copay: m(0),
            coinsurance: m(0),
            not_covered: m(0),
            member_owes: m(12500),
        };
        assert!(before.check().is_empty());
        assert_eq!(before.discount(), m(7500));
        // 20% coinsurance of 75
        let after = Amounts {
            billed: m(9000),
            allowed: m(7500),
            plan_paid: m(6000),
            deductible: m(0),
            copay: m(0),
            coinsurance: m(1500),
            not_covered: m(0),
            member_owes: m(1500),
        };
        assert!(after.check().is_empty());
        // not covered on top of the allowed amount
        let excl = Amounts {
            billed: m(30000),
            allowed: m(10000),
            plan_paid: m(8000),
            deductible: m(0),
            copay: m(2000),
            coinsurance: m(0),
            not_covered: m(5000),
            member_owes: m(7000),
        };
        assert!(excl.check().is_empty());
        let bad = Amounts {
            member_owes: m(1),
            ..after
        };
        assert_eq!(
            bad.check(),
            vec![AmountRule::MemberParts, AmountRule::AllowedSplit]
        );
        assert!(after.add(&after.negated()) == Amounts::default());
    }

    #[test]
    fn enums_roundtrip_codes() {
        for s in ClaimStatus::ALL {
            assert_eq!(ClaimStatus::parse(s.as_str()), Some(*s));
            assert_eq!(
                serde_json::to_string(s).expect("ser"),
                format!("\"{}\"", s.as_str())
            );
        }
        for c in ServiceCategory::ALL {
            assert_eq!(ServiceCategory::parse(c.as_str()), Some(*c));
        }
        assert_eq!(ServiceCategory::ALL.len(), 13);
        assert_eq!(ClaimStatus::ALL.len(), 7);
        assert_eq!(ClaimType::ALL.len(), 6);
    }

    proptest! {
        #[test]
        fn sums_of_consistent_amounts_stay_consistent(parts in proptest::collection::vec((0i64..100_000, 0i64..5_000, 0i64..5_000, 0i64..5_000, 0i64..5_000, 0i64..50_000), 1..8)) {
            let lines: Vec<Amounts> = parts.iter().map(|&(plan, d, c, co, nc, disc)| {
                let owes = d + c + co + nc;
                let allowed = plan + d + c + co;
                Amounts { billed: m(allowed + nc + disc), allowed: m(allowed), plan_paid: m(plan), deductible: m(d), copay: m(c), coinsurance: m(co), not_covered: m(nc), member_owes: m(owes) }
            }).collect();
            for l in &lines { prop_assert!(l.check().is_empty()); }
            let total = Amounts::sum(lines.iter());
            prop_assert!(total.check().is_empty());
            prop_assert!(total.discount() >= Money::ZERO);
            let reversed = total.add(&total.negated());
            prop_assert_eq!(reversed, Amounts::default());
        }
    }
}
