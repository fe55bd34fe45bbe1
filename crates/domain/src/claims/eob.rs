//! The words of an Explanation of Benefits: what the claim cost, the
//! surprise-billing protection where it applies, what a claim still being
//! processed waits for, and for a denied claim the real appeal deadline and
//! what the member can still do once it has passed. Pure: the server passes
//! the open information request and today's date, and sends the result with
//! the claim, so every sentence is true for that claim on that day.
//!
//! Rules:
//! * No Surprises Act (Public Health Service Act §§ 2799A-1, 2799B-1; 45 CFR
//!   149.110 to 149.130): out-of-network emergency care, out-of-network care
//!   at an in-network hospital or surgery center, and out-of-network air
//!   ambulance are charged at the in-network cost share, and the provider may
//!   not bill the member for more: such a claim never warns of balance
//!   billing, and says how to report a surprise bill (the No Surprises Help
//!   Desk, 1-800-985-3059).
//! * Premium grace period: a claim not yet processed whose care was in the
//!   part of a grace period whose claims are held, while that premium is
//!   unpaid, says that it is on hold because the premium is past due, that
//!   it is not denied, and that it is processed once the premium is paid,
//!   which must be by the end of the grace period
//!   ([`crate::billing::holds`] decides when that is true).
//! * Appeals: 180 days from the notice of the decision (29 CFR
//!   2560.503-1(h)(3)(i), 45 CFR 147.136); the notice date is the claim's
//!   status date. After an appeal's final decision, an external review may be
//!   asked for within 4 months (45 CFR 147.136(d)).

use super::model::{Claim, ClaimStatus, Network, ServiceCategory};
use crate::alerts::long;
use crate::billing::holds::PremiumHold;
use crate::money::Money;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days after the notice of a decision within which it may be appealed.
pub const APPEAL_DAYS: i64 = 180;
/// Member Services.
pub const MEMBER_SERVICES: &str = "1-800-555-0142";
/// The federal No Surprises Help Desk.
pub const NO_SURPRISES_HELP_DESK: &str = "1-800-985-3059";
/// The heading of a claim held because the premium is past due.
pub const HOLD_TITLE: &str = "This claim is on hold until the premium is paid";

/// Why the No Surprises Act protects a claim from balance billing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    /// Emergency care (the emergency room, and what was done there).
    Emergency,
    /// Air ambulance.
    AirAmbulance,
    /// Out-of-network care at an in-network hospital or surgery center.
    InNetworkFacility,
}

/// Emergency room visit codes (CPT 99281-99285, hospital revenue codes
/// 0450-0459, HCPCS G0380-G0384 for critical access emergency departments).
fn is_emergency_code(code: &str) -> bool {
    matches!(code, "99281" | "99282" | "99283" | "99284" | "99285")
        || (code.len() == 4 && code.starts_with("045"))
        || matches!(code, "G0380" | "G0381" | "G0382" | "G0383" | "G0384")
}

/// Air ambulance codes (HCPCS A0430, A0431, A0435, A0436).
fn is_air_ambulance_code(code: &str) -> bool {
    matches!(code, "A0430" | "A0431" | "A0435" | "A0436")
}

/// The No Surprises Act protection of an out-of-network claim, if any.
/// `at_in_network_facility`: the care was given at an in-network hospital
/// or ambulatory surgery center.
pub fn protection(claim: &Claim, at_in_network_facility: bool) -> Option<Protection> {
    if claim.summary.provider.network != Network::OutOfNetwork {
        return None;
    }
    if claim.lines.iter().any(|l| is_air_ambulance_code(&l.code)) {
        Some(Protection::AirAmbulance)
    } else if claim.summary.category == ServiceCategory::Emergency
        || claim.lines.iter().any(|l| is_emergency_code(&l.code))
    {
        Some(Protection::Emergency)
    } else if at_in_network_facility {
        Some(Protection::InNetworkFacility)
    } else {
        None
    }
}

/// A titled block of text.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Heading.
    pub title: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// A list after the paragraphs (may be empty).
    pub items: Vec<String>,
}

/// The appeal facts of a denied claim.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealInfo {
    /// The notice date (the decision).
    #[serde(with = "crate::dates::iso")]
    pub notice_date: NaiveDate,
    /// The last day to appeal (180 days after the notice).
    #[serde(with = "crate::dates::iso")]
    pub deadline: NaiveDate,
    /// Whether the deadline has passed.
    pub passed: bool,
}

/// The words of one claim's explanation of benefits.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the claim cost, in plain words.
    pub story: Vec<String>,
    /// The No Surprises Act protection, when it applies.
    pub protection: Option<Notice>,
    /// For a claim not yet processed: where it stands and what is needed.
    pub pending: Option<Notice>,
    /// For a denied or appealed claim: why, and what the member can do.
    pub denial: Option<Notice>,
    /// The appeal deadline of a denied claim.
    pub appeal: Option<AppealInfo>,
}

fn protection_notice(p: Protection) -> Notice {
    let what = match p {
        Protection::Emergency => "This was emergency care",
        Protection::AirAmbulance => "This was an air ambulance",
        Protection::InNetworkFacility => {
            "This care was given at an in-network hospital or surgery center"
        }
    };
    Notice {
        title: "You're protected from surprise bills".into(),
        paragraphs: vec![
            format!("{what}, so the federal No Surprises Act protects you even though the provider is out of your plan's network: you can't be billed more than your in-network cost share (your deductible, copay and coinsurance), and what you pay counts toward your in-network deductible and out-of-pocket maximum."),
            "The provider may not bill you for the difference between their charge and what your plan allowed. If you get a bill for more than what you owe here, don't pay the extra: call the provider and us, and tell them the No Surprises Act applies.".into(),
            format!("To report a surprise bill, call the No Surprises Help Desk at {NO_SURPRISES_HELP_DESK} or visit cms.gov/nosurprises, or call Member Services at {MEMBER_SERVICES}."),
        ],
        items: Vec::new(),
    }
}

/// Why a claim is on hold in a premium grace period, and what happens next.
fn hold_paragraphs(claim: &Claim, hold: &PremiumHold) -> Vec<String> {
    let first_month = hold.paid_until.map_or(String::new(), |d| {
        format!(
            " after its first month (claims for care up to {} are paid as usual)",
            long(d)
        )
    });
    vec![
        format!(
            "This claim is on hold (pended) because the premium is past due: statement {} was due on {} and is not paid yet, and this care, on {}, was during its grace period{first_month}.",
            hold.statement,
            long(hold.due),
            long(claim.summary.service_start),
        ),
        format!(
            "The claim is not denied. When the premium is paid, it will be processed as usual. The grace period ends on {}: pay the premium by then to keep your coverage (on Billing and payments, or call Member Services at {MEMBER_SERVICES}).",
            long(hold.grace_ends)
        ),
    ]
}

/// The explanation of `claim` on `today`. `info_request`: what the plan
/// asked for, while the claim waits for information; `at_in_network_facility`:
/// as for [`protection`]; `hold`: the premium grace period holding it, from
/// [`crate::billing::holds::premium_hold`].
pub fn explain(
    claim: &Claim,
    info_request: Option<&str>,
    at_in_network_facility: bool,
    hold: Option<&PremiumHold>,
    today: NaiveDate,
) -> Explanation {
    let s = &claim.summary;
    let a = s.amounts;
    let provider = &s.provider.name;
    let protected = protection(claim, at_in_network_facility);
    let mut story = vec![format!("{provider} billed {}.", a.billed)];
    let mut out = Explanation {
        protection: protected.map(protection_notice),
        ..Explanation::default()
    };
    match s.status {
        ClaimStatus::Received | ClaimStatus::InProcess => {
            story.push(format!(
                "We haven't finished processing this claim (it was {} on {}), so the allowed amount, what your plan pays and what you owe are not known yet. They will show here once it is processed.",
                if s.status == ClaimStatus::Received { "received" } else { "still in process" },
                long(s.status_date),
            ));
            story.push("If the provider sends you a bill for this care before then, you can wait to pay it until you can compare it with what this page says you owe.".into());
            let held = hold.map(|h| hold_paragraphs(claim, h));
            out.pending = Some(Notice {
                title: match (info_request, &held) {
                    (Some(_), _) => "We need information to process this claim".into(),
                    (None, Some(_)) => HOLD_TITLE.into(),
                    (None, None) => "Where this claim stands".into(),
                },
                paragraphs: match (info_request, held) {
                    (Some(r), held) => {
                        let mut p = vec![
                            r.to_string(),
                            format!("The claim can't be processed until we have it. Questions? Call Member Services at {MEMBER_SERVICES}."),
                        ];
                        p.extend(held.unwrap_or_default());
                        p
                    }
                    (None, Some(held)) => held,
                    (None, None) => vec!["We don't need anything from you for this claim right now. Most claims are processed within 30 days of being received.".into()],
                },
                items: Vec::new(),
            });
            out.story = story;
            return out;
        }
        ClaimStatus::Denied | ClaimStatus::UnderAppeal => {
            story
                .push("Your plan did not pay this claim: see “Why this claim was denied” for the reason and what you can do.".into());
        }
        _ => {
            let discount = a.discount();
            story.push(if discount == Money::ZERO {
                format!("Your plan's allowed amount for this care is {}.", a.allowed)
            } else if s.provider.network == Network::InNetwork {
                format!(
                    "Your plan's allowed amount for this care is {}. Because this provider is in your plan's network, they agreed to that rate: the network discount of {discount} comes off the bill, and you don't pay it.",
                    a.allowed
                )
            } else if protected.is_some() {
                format!(
                    "Your plan's allowed amount for this care is {}, {discount} less than the bill. The provider may not bill you for that difference (see “You're protected from surprise bills”).",
                    a.allowed
                )
            } else {
                format!(
                    "Your plan's allowed amount for this care is {}, {discount} less than the bill. This provider is out of your plan's network, so they may bill you for that difference as well (balance billing).",
                    a.allowed
                )
            });
        }
    }
    if a.not_covered != Money::ZERO {
        story.push(format!(
            "{} of the charges aren't covered by your plan.",
            a.not_covered
        ));
    }
    story.push(format!("Your plan paid {}.", a.plan_paid));
    out.story = story;
    if matches!(s.status, ClaimStatus::Denied | ClaimStatus::UnderAppeal) {
        let (notice, appeal) = denial(claim, today);
        out.denial = Some(notice);
        out.appeal = appeal;
    }
    out
}

/// Why a claim was denied and what the member can do, on `today`.
fn denial(claim: &Claim, today: NaiveDate) -> (Notice, Option<AppealInfo>) {
    let s = &claim.summary;
    let reason = claim
        .denial_reason
        .clone()
        .unwrap_or_else(|| "The plan did not give a reason. Call Member Services to ask.".into());
    if s.status == ClaimStatus::UnderAppeal {
        return (
            Notice {
                title: "Why this claim was denied".into(),
                paragraphs: vec![
                    reason,
                    format!("Your appeal is being reviewed. We'll write to you with the decision. Questions? Call Member Services at {MEMBER_SERVICES}."),
                    "If we keep the denial, you can ask for an external review by an independent reviewer within 4 months of our final decision; the decision letter will tell you how.".into(),
                ],
                items: Vec::new(),
            },
            None,
        );
    }
    let deadline = s.status_date + Duration::days(APPEAL_DAYS);
    let passed = today > deadline;
    let appeal = AppealInfo {
        notice_date: s.status_date,
        deadline,
        passed,
    };
    let notice = if passed {
        Notice {
            title: "Why this claim was denied".into(),
            paragraphs: vec![
                reason,
                format!(
                    "The deadline to appeal this decision was {} ({APPEAL_DAYS} days after our notice of {}), and it has passed. You can still:",
                    long(deadline),
                    long(s.status_date)
                ),
            ],
            items: vec![
                format!("send an appeal with the reason it is late (for example a serious illness): call Member Services at {MEMBER_SERVICES}, and we will tell you in writing whether we can still review it"),
                "ask your provider's billing office whether they can send a corrected claim or the missing information, if the claim was billed wrongly or was missing something".into(),
                "ask the provider for an itemized bill, and about a payment plan or financial assistance, if you have a bill for this care".into(),
                "get free help from your state's health insurance consumer assistance office or department of insurance; if your plan is through a private employer, also from the U.S. Department of Labor's Employee Benefits Security Administration at 1-866-444-3272".into(),
            ],
        }
    } else {
        let left = (deadline - today).num_days();
        Notice {
            title: "Why this claim was denied".into(),
            paragraphs: vec![
                reason,
                format!(
                    "How to appeal: if you think this decision is wrong, you can ask us to review it. You have {APPEAL_DAYS} days from our notice of {}: until {} ({}). Call Member Services at {MEMBER_SERVICES}, or write to us. Have these ready, or send them with your written appeal:",
                    long(s.status_date),
                    long(deadline),
                    match left {
                        0 => "today is the last day".to_string(),
                        1 => "1 day left".to_string(),
                        n => format!("{n} days left"),
                    }
                ),
            ],
            items: vec![
                format!("the claim number ({}) and the patient's member ID", s.claim_number),
                "why you think the claim should be paid".into(),
                "a letter from your doctor and any medical records that support it".into(),
                "copies of bills or receipts".into(),
            ],
        }
    };
    (notice, Some(appeal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::model::{Amounts, ClaimLine, ClaimSummary, ClaimType, Provider};
    use crate::member_id::MemberId;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn claim(
        status: ClaimStatus,
        network: Network,
        category: ServiceCategory,
        code: &str,
        a: Amounts,
    ) -> Claim {
        Claim {
            summary: ClaimSummary {
                id: 1,
                claim_number: "EV26010001".into(),
                patient_id: 1,
                patient_name: "Alex Morgan".into(),
                claim_type: ClaimType::InstitutionalOutpatient,
                category,
                service_start: d(2026, 3, 1),
                service_end: d(2026, 3, 1),
                provider: Provider {
                    name: "St. Anne Medical Center".into(),
                    npi: "1245783155".into(),
                    specialty: "Acute care hospital".into(),
                    network,
                },
                status,
                status_date: d(2026, 3, 20),
                amounts: a,
            },
            patient_member_id: MemberId::from_parts("100200300", "01")
                .unwrap_or_else(|| unreachable!()),
            denial_reason: (status == ClaimStatus::Denied)
                .then(|| "Needed prior authorization.".into()),
            lines: vec![ClaimLine {
                line_no: 1,
                code: code.into(),
                description: "x".into(),
                quantity: 1,
                amounts: a,
            }],
            explanation: None,
            care_team: Vec::new(),
        }
    }

    fn paid() -> Amounts {
        Amounts {
            billed: Money::from_dollars(2000),
            allowed: Money::from_dollars(935),
            plan_paid: Money::from_dollars(585),
            copay: Money::from_dollars(350),
            member_owes: Money::from_dollars(350),
            ..Amounts::default()
        }
    }

    #[test]
    fn out_of_network_emergency_never_warns_of_balance_billing() {
        let c = claim(
            ClaimStatus::Paid,
            Network::OutOfNetwork,
            ServiceCategory::Emergency,
            "99284",
            paid(),
        );
        let e = explain(&c, None, false, None, d(2026, 12, 1));
        let all = format!("{:?}", e);
        assert!(!all.contains("may bill you for that difference"), "{all}");
        let p = e.protection.unwrap_or_default();
        assert!(p.paragraphs.iter().any(|t| t.contains("No Surprises Act")));
        assert!(p
            .paragraphs
            .iter()
            .any(|t| t.contains(NO_SURPRISES_HELP_DESK)));
        assert!(e
            .story
            .iter()
            .any(|t| t.contains("may not bill you for that difference")));
        // air ambulance, and care at an in-network facility, too
        let air = claim(
            ClaimStatus::Paid,
            Network::OutOfNetwork,
            ServiceCategory::Other,
            "A0431",
            paid(),
        );
        assert_eq!(protection(&air, false), Some(Protection::AirAmbulance));
        let anes = claim(
            ClaimStatus::Paid,
            Network::OutOfNetwork,
            ServiceCategory::Other,
            "01967",
            paid(),
        );
        assert_eq!(protection(&anes, true), Some(Protection::InNetworkFacility));
        // an ordinary out-of-network visit still warns
        assert_eq!(protection(&anes, false), None);
        let e = explain(&anes, None, false, None, d(2026, 12, 1));
        assert!(e.story.iter().any(|t| t.contains("balance billing")) && e.protection.is_none());
        // in network: no protection notice needed
        let inn = claim(
            ClaimStatus::Paid,
            Network::InNetwork,
            ServiceCategory::Emergency,
            "99284",
            paid(),
        );
        assert_eq!(protection(&inn, false), None);
    }

    #[test]
    fn a_received_claim_never_says_the_provider_agreed_to_nothing() {
        let a = Amounts {
            billed: Money::from_dollars(480),
            ..Amounts::default()
        };
        let c = claim(
            ClaimStatus::Received,
            Network::InNetwork,
            ServiceCategory::LabImaging,
            "80053",
            a,
        );
        let e = explain(
            &c,
            Some("We need to know whether this care was for an accident."),
            false,
            None,
            d(2026, 3, 21),
        );
        let all = format!("{:?}", e);
        assert!(!all.contains("agreed") && !all.contains("$0.00"), "{all}");
        let p = e.pending.unwrap_or_default();
        assert_eq!(p.title, "We need information to process this claim");
        assert!(p.paragraphs[0].contains("accident"));
        let e = explain(&c, None, false, None, d(2026, 3, 21));
        assert_eq!(
            e.pending.map(|p| p.title).as_deref(),
            Some("Where this claim stands")
        );
        assert!(e.denial.is_none() && e.appeal.is_none());
    }

    #[test]
    fn appeal_deadline_is_180_days_from_the_notice_and_says_what_to_do_after() {
        let a = Amounts {
            billed: Money::from_dollars(480),
            not_covered: Money::from_dollars(300),
            member_owes: Money::from_dollars(300),
            ..Amounts::default()
        };
        let c = claim(
            ClaimStatus::Denied,
            Network::InNetwork,
            ServiceCategory::LabImaging,
            "80053",
            a,
        );
        // notice March 20, 2026: deadline September 16, 2026
        let open = explain(&c, None, false, None, d(2026, 9, 16));
        let appeal = open.appeal.clone().unwrap_or_else(|| unreachable!());
        assert_eq!((appeal.deadline, appeal.passed), (d(2026, 9, 16), false));
        let text = open.denial.unwrap_or_default().paragraphs.join(" ");
        assert!(
            text.contains("until September 16, 2026 (today is the last day)"),
            "{text}"
        );
        let early = explain(&c, None, false, None, d(2026, 9, 6));
        assert!(early.denial.unwrap_or_default().paragraphs[1].contains("(10 days left)"));
        assert!(!open.story.join(" ").contains("agreed"));
        let late = explain(&c, None, false, None, d(2026, 9, 17));
        assert_eq!(late.appeal.map(|a| a.passed), Some(true));
        let n = late.denial.unwrap_or_default();
        assert!(n.paragraphs[1].contains("has passed"), "{:?}", n.paragraphs);
        assert!(!n.paragraphs.join(" ").contains("How to appeal"));
        assert_eq!(n.items.len(), 4);
    }

    #[test]
    fn a_claim_held_in_the_grace_period_says_why_and_that_it_is_not_denied() {
        let a = Amounts {
            billed: Money::from_dollars(480),
            ..Amounts::default()
        };
        let c = claim(
            ClaimStatus::Received,
            Network::InNetwork,
            ServiceCategory::LabImaging,
            "80053",
            a,
        );
        let hold = PremiumHold {
            statement: "PS-000002".into(),
            due: d(2026, 2, 20),
            grace_ends: d(2026, 3, 23),
            paid_until: None,
        };
        let e = explain(&c, None, false, Some(&hold), d(2026, 3, 5));
        let p = e.pending.unwrap_or_default();
        assert_eq!(p.title, HOLD_TITLE);
        let text = p.paragraphs.join(" ");
        for want in [
            "on hold (pended) because the premium is past due",
            "statement PS-000002 was due on February 20, 2026",
            "this care, on March 1, 2026, was during its grace period.",
            "The claim is not denied.",
            "When the premium is paid, it will be processed as usual.",
            "The grace period ends on March 23, 2026",
        ] {
            assert!(text.contains(want), "{want}: {text}");
        }
        assert!(!text.contains("Most claims are processed within 30 days"));
        // An information request keeps its heading and adds the hold.
        let e = explain(
            &c,
            Some("Send the accident form."),
            false,
            Some(&hold),
            d(2026, 3, 5),
        );
        let p = e.pending.unwrap_or_default();
        assert_eq!(p.title, "We need information to process this claim");
        assert_eq!(p.paragraphs.len(), 4);
        assert!(p.paragraphs[2].contains("because the premium is past due"));
        // A subsidised grace period says the first month is paid.
        let sub = PremiumHold {
            paid_until: Some(d(2026, 2, 28)),
            ..hold.clone()
        };
        let e = explain(&c, None, false, Some(&sub), d(2026, 3, 5));
        assert!(e.pending.unwrap_or_default().paragraphs[0].contains(
            "after its first month (claims for care up to February 28, 2026 are paid as usual)"
        ));
        // No hold: the usual words.
        let e = explain(&c, None, false, None, d(2026, 3, 5));
        assert_eq!(
            e.pending.map(|p| p.title).as_deref(),
            Some("Where this claim stands")
        );
        // Processed claims never carry it (the rule gives none; the words ignore one).
        let paid_claim = claim(
            ClaimStatus::Paid,
            Network::InNetwork,
            ServiceCategory::LabImaging,
            "80053",
            paid(),
        );
        let e = explain(&paid_claim, None, false, Some(&hold), d(2026, 3, 5));
        assert!(!format!("{e:?}").contains("on hold"));
    }
}
