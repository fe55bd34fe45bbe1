//! Alerts computed from a member's data: premium due, claim denied, claim
//! needs information, preventive care due, deductible met, out-of-pocket
//! maximum near, open enrollment. Pure: the server gathers the facts and
//! passes today's date; read state is stored by the server per user.
//!
//! Preventive care rules (each due when no matching service is found in the
//! member's claims within the interval):
//!
//! | service | who | how often | source |
//! |---|---|---|---|
//! | Annual preventive visit (physical) | adults 18+ | every 12 months | ACA §2713 preventive services with no cost sharing (HealthCare.gov "Preventive care benefits for adults"); the visit where USPSTF A/B screenings are done |
//! | Well-child visit | children under 18 | every 12 months (more often under 3) | AAP Bright Futures periodicity schedule, the HRSA-supported guideline under ACA §2713 |
//! | Flu vaccine | everyone 6 months and older (here: 1 year and older) | once each season, from August 1; reminded September to March | CDC ACIP, "Prevention and Control of Seasonal Influenza with Vaccines" (annual recommendation) |
//! | Mammogram | women 40 to 74 | every 24 months | USPSTF 2024, Breast Cancer: Screening (grade B) |
//! | Colonoscopy | adults 45 to 75 | every 10 years | USPSTF 2021, Colorectal Cancer: Screening (grade A for 50-75, B for 45-49) |

use crate::claims::ClaimStatus;
use crate::code_enum::code_enum;
use crate::estimate::Progress;
use crate::family::age_on;
use crate::money::Money;
use crate::plans::CoverageTier;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

code_enum! {
    /// The kinds of alert.
    AlertKind {
        /// A premium bill is due or overdue.
        PremiumDue = "premium_due" / "Premium due",
        /// A claim was denied.
        ClaimDenied = "claim_denied" / "Claim denied",
        /// A claim waits for information from the member.
        ClaimNeedsInfo = "claim_needs_info" / "Claim needs information",
        /// Preventive care is due.
        PreventiveCare = "preventive_care" / "Preventive care due",
        /// A deductible has been met.
        DeductibleMet = "deductible_met" / "Deductible met",
        /// Spending is near the out-of-pocket maximum.
        OopMaxNear = "oop_max_near" / "Out-of-pocket maximum near",
        /// The open enrollment window is open.
        OpenEnrollment = "open_enrollment" / "Open enrollment",
        /// A premium payment was received (a receipt).
        PaymentReceived = "payment_received" / "Payment received",
        /// A premium payment failed (autopay) or the bank returned it.
        PaymentFailed = "payment_failed" / "Payment failed or returned",
        /// Member services answered a message.
        MessageReply = "message_reply" / "Reply to your message",
        /// An archive from "Download all my data" is ready.
        DataExportReady = "data_export_ready" / "Your data download is ready",
        /// A booked virtual visit starts within a day.
        VirtualVisit = "virtual_visit" / "Virtual visit reminder",
    }
}

code_enum! {
    /// How much an alert matters (shown by text and icon, not colour alone).
    Severity {
        /// For information.
        Info = "info" / "For your information",
        /// Needs attention soon.
        Warning = "warning" / "Needs attention",
        /// Needs action now.
        Urgent = "urgent" / "Action needed",
    }
}

code_enum! {
    /// Preventive services the portal reminds about.
    PreventiveService {
        /// Annual preventive visit for adults.
        AnnualPhysical = "annual_physical" / "Annual preventive visit",
        /// Well-child visit.
        WellChild = "well_child" / "Well-child visit",
        /// Seasonal flu vaccine.
        FluShot = "flu_shot" / "Flu vaccine",
        /// Screening mammogram.
        Mammogram = "mammogram" / "Mammogram",
        /// Screening colonoscopy.
        Colonoscopy = "colonoscopy" / "Colorectal cancer screening (colonoscopy)",
    }
}

/// Sex recorded on the eligibility file (for sex-specific screenings).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
}

impl Sex {
    /// Parses `F`/`M` (any case) or `female`/`male`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "f" | "female" => Some(Self::Female),
            "m" | "male" => Some(Self::Male),
            _ => None,
        }
    }
}

/// How often a preventive service is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    /// Every this many months after the last one.
    Months(u32),
    /// Once per flu season (from August 1), reminded September to March.
    FluSeason,
}

/// One preventive care rule, with its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreventiveRule {
    /// The service.
    pub service: PreventiveService,
    /// Youngest age (years), inclusive.
    pub min_age: i32,
    /// Oldest age (years), inclusive.
    pub max_age: i32,
    /// Only for this sex, if any.
    pub sex: Option<Sex>,
    /// How often.
    pub interval: Interval,
    /// Procedure codes (CPT/HCPCS) that count as having had it.
    pub codes: &'static [&'static str],
    /// Where the rule comes from.
    pub source: &'static str,
}

/// Flu vaccine codes (CPT 906xx influenza products, HCPCS Q2035-Q2039).
const FLU_CODES: &[&str] = &[
    "90630", "90653", "90654", "90655", "90656", "90657", "90658", "90660", "90661", "90662",
    "90672", "90673", "90674", "90682", "90685", "90686", "90687", "90688", "90689", "90694",
    "90756", "Q2035", "Q2036", "Q2037", "Q2038", "Q2039",
];

/// The preventive care rules (see the module documentation for the table).
pub const PREVENTIVE_RULES: &[PreventiveRule] = &[
    PreventiveRule {
        service: PreventiveService::AnnualPhysical,
        min_age: 18,
        max_age: 150,
        sex: None,
        interval: Interval::Months(12),
        codes: &["99385", "99386", "99387", "99395", "99396", "99397", "G0438", "G0439"],
        source: "ACA §2713 preventive services (HealthCare.gov, preventive care benefits for adults)",
    },
    PreventiveRule {
        service: PreventiveService::WellChild,
        min_age: 0,
        max_age: 17,
        sex: None,
        interval: Interval::Months(12),
        codes: &[
            "99381", "99382", "99383", "99384", "99391", "99392", "99393", "99394",
        ],
        source: "AAP Bright Futures periodicity schedule (HRSA guideline under ACA §2713)",
    },
    PreventiveRule {
        service: PreventiveService::FluShot,
        min_age: 1,
        max_age: 150,
        sex: None,
        interval: Interval::FluSeason,
        codes: FLU_CODES,
        source: "CDC ACIP seasonal influenza vaccination recommendation (everyone 6 months and older, every season)",
    },
    PreventiveRule {
        service: PreventiveService::Mammogram,
        min_age: 40,
        max_age: 74,
        sex: Some(Sex::Female),
        interval: Interval::Months(24),
        codes: &["77063", "77065", "77066", "77067"],
        source: "USPSTF 2024, Breast Cancer: Screening (grade B): women 40 to 74 every 2 years",
    },
    PreventiveRule {
        service: PreventiveService::Colonoscopy,
        min_age: 45,
        max_age: 75,
        sex: None,
        interval: Interval::Months(120),
        codes: &["45378", "45380", "45381", "45384", "45385", "G0105", "G0121"],
        source: "USPSTF 2021, Colorectal Cancer: Screening (grade A 50 to 75, B 45 to 49): colonoscopy every 10 years",
    },
];

/// Every procedure code any preventive rule looks for.
pub fn preventive_codes() -> impl Iterator<Item = &'static str> {
    PREVENTIVE_RULES
        .iter()
        .flat_map(|r| r.codes.iter().copied())
}

/// The first day of the flu season that `day` belongs to (August 1).
fn flu_season_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 8 {
        day.year()
    } else {
        day.year() - 1
    };
    NaiveDate::from_ymd_opt(year, 8, 1).unwrap_or(day)
}

/// When `rule` is due for a person, if it applies to them and is due by
/// `today`: `Some(due date)` (the day it became due; `today` if never had).
/// `history` holds (procedure code, date of service) of the person's claims.
pub fn preventive_due(
    rule: &PreventiveRule,
    born: NaiveDate,
    sex: Option<Sex>,
    history: &[(String, NaiveDate)],
    today: NaiveDate,
) -> Option<NaiveDate> {
    let age = age_on(born, today);
    if age < rule.min_age || age > rule.max_age {
        return None;
    }
    if rule.sex.is_some() && rule.sex != sex {
        return None;
    }
    let last = history
        .iter()
        .filter(|(code, day)| rule.codes.contains(&code.as_str()) && *day <= today)
        .map(|(_, day)| *day)
        .max();
    match rule.interval {
        Interval::Months(m) => match last {
            None => Some(today),
            Some(l) => {
                let due = l.checked_add_months(Months::new(m)).unwrap_or(today);
                (due <= today).then_some(due)
            }
        },
        Interval::FluSeason => {
            let season = flu_season_start(today);
            let reminding = !(4..=8).contains(&today.month());
            let had = last.is_some_and(|l| l >= season);
            (reminding && !had).then(|| {
                NaiveDate::from_ymd_opt(season.year(), 9, 1)
                    .unwrap_or(season)
                    .min(today)
            })
        }
    }
}

/// A premium bill: what the household pays for a month of coverage. Its
/// amount is the plan's monthly premium for the household's coverage tier,
/// the same figure the plan catalogue (`/plans`) shows: one source of truth.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PremiumBill {
    /// Amount due.
    pub amount: Money,
    /// The coverage tier the premium is for (`None` when not known).
    #[serde(default)]
    pub tier: Option<CoverageTier>,
    /// Due date.
    #[serde(with = "crate::dates::iso")]
    pub due: NaiveDate,
    /// Paid already (or a payment covering it is processing).
    pub paid: bool,
    /// Last day of the grace period, when it is past due.
    #[serde(default, with = "crate::dates::iso_opt")]
    pub grace_ends: Option<NaiveDate>,
}

impl PremiumBill {
    /// " for family coverage" (empty when the tier is not known), said
    /// after the amount.
    pub fn covers(&self) -> String {
        self.tier
            .map(|t| format!(" for {} coverage", t.label().to_lowercase()))
            .unwrap_or_default()
    }

    /// Unpaid and past its due date.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.paid && self.due < today
    }
}

/// A claim as the alert rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimFact {
    /// Opaque claim id.
    pub id: i64,
    /// Claim number.
    pub claim_number: String,
    /// Patient.
    pub patient_id: i64,
    /// Status.
    pub status: ClaimStatus,
    /// Date of the status.
    pub status_date: NaiveDate,
    /// First day of service.
    pub service_start: NaiveDate,
    /// Provider name.
    pub provider: String,
    /// Why it was denied, when denied.
    pub denial_reason: Option<String>,
    /// What the plan asked the member for, when it waits for information.
    pub info_request: Option<String>,
}

/// One person's facts for the alert rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonFacts {
    /// Opaque member id.
    pub id: i64,
    /// First name.
    pub first_name: String,
    /// Date of birth.
    pub born: NaiveDate,
    /// Sex, if recorded.
    pub sex: Option<Sex>,
    /// (procedure code, date of service) of their preventive-care claim lines.
    pub history: Vec<(String, NaiveDate)>,
    /// This year's in-network progress (with family totals).
    pub progress: Progress,
}

/// A payment (of premiums or of provider bills) as the alert rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentFact {
    /// It paid provider bills (not premiums): failing one never puts coverage at risk.
    pub provider: bool,
    /// Transaction ID.
    pub transaction_id: String,
    /// Amount.
    pub amount: Money,
    /// "Visa ending 4242".
    pub method: String,
    /// Where it stands.
    pub status: crate::billing::api::PaymentStatus,
    /// The day it was made.
    pub made_on: NaiveDate,
    /// Expected or actual posting day.
    pub posts_on: Option<NaiveDate>,
    /// Why it failed or was returned.
    pub failure: Option<String>,
    /// Made by autopay (or, for provider bills, a payment plan's instalment).
    pub autopay: bool,
}

/// Days a payment's receipt or failure stays an alert.
pub const PAYMENT_ALERT_DAYS: i64 = 14;

/// Everything the alert rules look at.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AlertFacts {
    /// Premium bills (only for the subscriber).
    pub premiums: Vec<PremiumBill>,
    /// Premium payments of the last weeks (only for the subscriber).
    pub payments: Vec<PaymentFact>,
    /// Claims of the people the viewer may see.
    pub claims: Vec<ClaimFact>,
    /// The people the viewer may see.
    pub people: Vec<PersonFacts>,
    /// Open enrollment's last day, when the window is open today.
    pub enrollment_open_until: Option<NaiveDate>,
    /// The plan year.
    pub year: i32,
}

/// One alert.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alert {
    /// Stable key (for read state): the same fact gives the same key.
    pub key: String,
    /// Kind.
    pub kind: AlertKind,
    /// Severity.
    pub severity: Severity,
    /// Short title.
    pub title: String,
    /// Plain message.
    pub message: String,
    /// Where to act (a site path).
    pub link: String,
    /// The link's text.
    pub link_text: String,
    /// Date the alert is about.
    #[serde(with = "crate::dates::iso")]
    pub date: NaiveDate,
    /// The household member it is about, if one.
    pub member: Option<i64>,
    /// Read by this user.
    pub read: bool,
}

/// `GET /api/v1/alerts`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertList {
    /// Alerts, most severe then newest first.
    pub items: Vec<Alert>,
    /// How many are unread.
    pub unread: u32,
}

/// `GET /api/v1/alerts/count`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertCount {
    /// Unread alerts.
    pub unread: u32,
}

/// Days a denial stays an alert.
pub const DENIED_ALERT_DAYS: i64 = 120;
/// Days before the due date a premium bill becomes an alert.
pub const PREMIUM_NOTICE_DAYS: i64 = 30;
/// Share of the out-of-pocket maximum (percent) from which it is "near".
pub const OOP_NEAR_PERCENT: i64 = 75;

#[allow(clippy::too_many_arguments)]
fn alert(
    key: String,
    kind: AlertKind,
    severity: Severity,
    title: String,
    message: String,
    link: String,
    link_text: &str,
    date: NaiveDate,
    member: Option<i64>,
) -> Alert {
    Alert {
        key,
        kind,
        severity,
        title,
        message,
        link,
        link_text: link_text.into(),
        date,
        member,
        read: false,
    }
}

pub(crate) fn long(d: NaiveDate) -> String {
    crate::dates::long_date(d)
}

/// Where a preventive-care alert leads: the estimator with the screening
/// version of the service chosen (priced at $0 in network) for that person,
/// or, for care the estimator does not price (well-child visits, flu
/// vaccines), the ID card to show at an in-network visit.
pub fn preventive_link(service: PreventiveService, age: i32, member: i64) -> String {
    let estimate = |q: &str| format!("/estimate?{q}&member={member}");
    match service {
        PreventiveService::Mammogram => estimate("service=77067&purpose=screening"),
        PreventiveService::Colonoscopy => estimate("service=45378&purpose=screening"),
        PreventiveService::AnnualPhysical if age < 40 => estimate("service=99385"),
        PreventiveService::AnnualPhysical if age < 65 => estimate("service=99386"),
        PreventiveService::AnnualPhysical => estimate("q=check-up"),
        PreventiveService::WellChild | PreventiveService::FluShot => "/id-card".into(),
    }
}

/// The text of [`preventive_link`].
pub fn preventive_link_text(service: PreventiveService) -> &'static str {
    match service {
        PreventiveService::WellChild | PreventiveService::FluShot => {
            "See your ID card to show at the visit"
        }
        _ => "Find in-network care and its cost",
    }
}

/// The alert for a reply from member services not read yet: thread
/// `thread_id` (reference `reference`), reply `message_id`, written on `date`.
pub fn message_reply(thread_id: i64, reference: &str, message_id: i64, date: NaiveDate) -> Alert {
    alert(
        format!("message-reply:{thread_id}:{message_id}"),
        AlertKind::MessageReply,
        Severity::Info,
        "Member Services replied".into(),
        format!("You have a new reply to your message {reference}."),
        crate::routes::message_href(thread_id),
        "Read the reply",
        date,
        None,
    )
}

/// The alert for a ready "Download all my data" archive `export_id`, ready
/// on `ready`. The download page shows the exact time it is deleted, in the
/// member's own time zone (the server does not know it).
pub fn data_export_ready(export_id: i64, ready: NaiveDate) -> Alert {
    alert(
        format!("data-export:{export_id}"),
        AlertKind::DataExportReady,
        Severity::Info,
        "Your data download is ready".into(),
        format!(
            "The copy of your health plan data you asked for is ready. You can download it for {} days; \
             the download page shows when it will be deleted.",
            crate::data_export::EXPORT_KEEP_DAYS
        ),
        crate::routes::Page::AccountData.href().into(),
        "Download your data",
        ready,
        None,
    )
}

/// The reminder for booked virtual visit `reference` with `provider`,
/// starting `when` (in the provider's time zone, with its abbreviation:
/// "Tuesday, December 8 at 10:30 AM PST"), shown from a day before.
pub fn virtual_visit_reminder(
    reference: &str,
    provider: &str,
    when: &str,
    date: NaiveDate,
) -> Alert {
    alert(
        format!("virtual-visit:{reference}"),
        AlertKind::VirtualVisit,
        Severity::Info,
        "Your virtual visit is coming up".into(),
        format!(
            "Your virtual visit with {provider} starts {when}. You can join from {} minutes before.",
            crate::care::virtual_visit::JOIN_OPENS_MINUTES
        ),
        crate::routes::visit_href(reference),
        "See the visit",
        date,
        None,
    )
}

/// Orders alerts as [`compute`] does: most severe first, then newest.
pub fn sort(alerts: &mut [Alert]) {
    alerts.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.date.cmp(&a.date)));
}

/// The alerts for these facts, most severe first, then newest.
pub fn compute(facts: &AlertFacts, today: NaiveDate) -> Vec<Alert> {
    let mut out = Vec::new();
    let name = |id: i64| {
        facts
            .people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.first_name.clone())
            .unwrap_or_else(|| "A family member".into())
    };
    for bill in facts.premiums.iter().filter(|b| !b.paid) {
        let days = (bill.due - today).num_days();
        if days > PREMIUM_NOTICE_DAYS {
            continue;
        }
        let overdue = bill.overdue(today);
        out.push(alert(
            format!("premium:{}", bill.due),
            AlertKind::PremiumDue,
            if overdue {
                Severity::Urgent
            } else {
                Severity::Warning
            },
            if overdue {
                format!("Premium overdue: {}", bill.amount)
            } else {
                format!("Premium due: {}", bill.amount)
            },
            if let (true, Some(ends)) = (overdue, bill.grace_ends.filter(|g| *g >= today)) {
                format!(
                    "Your premium of {}{} was due on {}. You are in the grace period until {}: your coverage continues, but claims for care in this time may be held until the premium is paid.",
                    bill.amount,
                    bill.covers(),
                    long(bill.due),
                    long(ends)
                )
            } else if overdue {
                format!(
                    "Your premium of {}{} was due on {}. Pay it soon to keep your coverage.",
                    bill.amount,
                    bill.covers(),
                    long(bill.due)
                )
            } else {
                format!(
                    "Your premium of {}{} is due on {}.",
                    bill.amount,
                    bill.covers(),
                    long(bill.due)
                )
            },
            crate::routes::Page::Billing.href().into(),
            "Pay your premium",
            bill.due,
            None,
        ));
    }
    for p in &facts.payments {
        use crate::billing::api::PaymentStatus;
        if (today - p.made_on).num_days() > PAYMENT_ALERT_DAYS {
            continue;
        }
        let href = crate::routes::receipt_href(&p.transaction_id);
        match p.status {
            PaymentStatus::Pending | PaymentStatus::Posted => out.push(alert(
                format!("payment:{}", p.transaction_id),
                AlertKind::PaymentReceived,
                Severity::Info,
                format!("Payment received: {}", p.amount),
                match (p.status, p.posts_on) {
                    (PaymentStatus::Pending, Some(on)) => format!(
                        "We received your payment of {} from {} on {} (transaction ID {}). It should post by {}.",
                        p.amount, p.method, long(p.made_on), p.transaction_id, long(on)
                    ),
                    _ => format!(
                        "Your payment of {} from {} made on {} has posted (transaction ID {}).",
                        p.amount, p.method, long(p.made_on), p.transaction_id
                    ),
                },
                href,
                "See the receipt",
                p.made_on,
                None,
            )),
            PaymentStatus::Failed if p.autopay && p.provider => out.push(alert(
                format!("payment-failed:{}", p.transaction_id),
                AlertKind::PaymentFailed,
                Severity::Warning,
                format!("Payment plan instalment not charged: {}", p.amount),
                format!(
                    "Your payment plan could not charge {} on {}. {} What it would have paid is still due to your provider: pay it from your provider bills.",
                    p.method,
                    long(p.made_on),
                    p.failure.as_deref().unwrap_or("Nothing was charged.")
                ),
                crate::routes::Page::ProviderBills.href().into(),
                "See your provider bills",
                p.made_on,
                None,
            )),
            PaymentStatus::Returned if p.provider => out.push(alert(
                format!("payment-returned:{}", p.transaction_id),
                AlertKind::PaymentFailed,
                Severity::Warning,
                format!("Payment returned: {}", p.amount),
                format!(
                    "Your bank returned the payment of {} from {} made on {} (transaction ID {}). The provider bills it paid are open again.",
                    p.amount, p.method, long(p.made_on), p.transaction_id
                ),
                crate::routes::Page::ProviderBills.href().into(),
                "See your provider bills",
                p.made_on,
                None,
            )),
            PaymentStatus::Failed if p.autopay => out.push(alert(
                format!("payment-failed:{}", p.transaction_id),
                AlertKind::PaymentFailed,
                Severity::Urgent,
                format!("Automatic payment failed: {}", p.amount),
                format!(
                    "Autopay could not charge {} on {}. {} Pay the statement yourself to keep your coverage.",
                    p.method,
                    long(p.made_on),
                    p.failure.as_deref().unwrap_or("Nothing was charged.")
                ),
                crate::routes::Page::Billing.href().into(),
                "Pay your premium",
                p.made_on,
                None,
            )),
            PaymentStatus::Returned => out.push(alert(
                format!("payment-returned:{}", p.transaction_id),
                AlertKind::PaymentFailed,
                Severity::Urgent,
                format!("Payment returned: {}", p.amount),
                format!(
                    "Your bank returned the payment of {} from {} made on {} (transaction ID {}). The statements it paid are open again: pay them to keep your coverage.",
                    p.amount, p.method, long(p.made_on), p.transaction_id
                ),
                crate::routes::Page::Billing.href().into(),
                "Pay your premium",
                p.made_on,
                None,
            )),
            PaymentStatus::Failed => {}
        }
    }
    for c in &facts.claims {
        if let Some(request) = &c.info_request {
            out.push(alert(
                format!("claim-info:{}", c.id),
                AlertKind::ClaimNeedsInfo,
                Severity::Urgent,
                format!("Claim {} needs information", c.claim_number),
                format!(
                    "{}'s claim from {} ({}) is waiting: {request}",
                    name(c.patient_id),
                    c.provider,
                    long(c.service_start)
                ),
                format!("/claims/{}", c.id),
                "See the claim",
                c.status_date,
                Some(c.patient_id),
            ));
        }
        if c.status == ClaimStatus::Denied
            && (today - c.status_date).num_days() <= DENIED_ALERT_DAYS
        {
            let reason = c
                .denial_reason
                .clone()
                .unwrap_or_else(|| "See the claim for the reason.".into());
            out.push(alert(
                format!("claim-denied:{}", c.id),
                AlertKind::ClaimDenied,
                Severity::Warning,
                format!("Claim {} was denied", c.claim_number),
                format!(
                    "{}'s claim from {} ({}) was denied. Reason: {reason}",
                    name(c.patient_id),
                    c.provider,
                    long(c.service_start)
                ),
                format!("/claims/{}", c.id),
                "See the claim and your options",
                c.status_date,
                Some(c.patient_id),
            ));
        }
    }
    for p in &facts.people {
        for rule in PREVENTIVE_RULES {
            if let Some(due) = preventive_due(rule, p.born, p.sex, &p.history, today) {
                out.push(alert(
                    format!("preventive:{}:{}:{due}", p.id, rule.service.as_str()),
                    AlertKind::PreventiveCare,
                    Severity::Info,
                    format!("{} due for {}", rule.service.label(), p.first_name),
                    format!(
                        "Our records show {} may be due for: {}. In network it is covered at no cost to you. Rule: {}.",
                        p.first_name,
                        rule.service.label().to_lowercase(),
                        rule.source
                    ),
                    preventive_link(rule.service, age_on(p.born, today), p.id),
                    preventive_link_text(rule.service),
                    due,
                    Some(p.id),
                ));
            }
        }
        let pr = &p.progress;
        if pr.deductible > Money::ZERO && pr.deductible_met >= pr.deductible {
            out.push(alert(
                format!("deductible-met:{}:{}", p.id, facts.year),
                AlertKind::DeductibleMet,
                Severity::Info,
                format!("{} met the deductible", p.first_name),
                format!(
                    "{} has met the {} in-network deductible for {}. The plan now shares the cost of covered care.",
                    p.first_name, pr.deductible, facts.year
                ),
                format!("/?member={}", p.id),
                "See progress",
                today,
                Some(p.id),
            ));
        }
        if pr.oop_max > Money::ZERO
            && pr.oop_met.cents() * 100 >= pr.oop_max.cents() * OOP_NEAR_PERCENT
        {
            let reached = pr.oop_met >= pr.oop_max;
            out.push(alert(
                format!("oop-near:{}:{}", p.id, facts.year),
                AlertKind::OopMaxNear,
                Severity::Info,
                if reached {
                    format!("{} reached the out-of-pocket maximum", p.first_name)
                } else {
                    format!("{} is near the out-of-pocket maximum", p.first_name)
                },
                format!(
                    "{} has spent {} of the {} in-network out-of-pocket maximum for {}.{}",
                    p.first_name,
                    pr.oop_met.min(pr.oop_max),
                    pr.oop_max,
                    facts.year,
                    if reached {
                        " Covered in-network care costs nothing more this year."
                    } else {
                        ""
                    }
                ),
                format!("/?member={}", p.id),
                "See progress",
                today,
                Some(p.id),
            ));
        }
    }
    if let Some(first) = facts.people.first() {
        let pr = &first.progress;
        if pr.family_oop_max > Money::ZERO
            && pr.family_oop_met.cents() * 100 >= pr.family_oop_max.cents() * OOP_NEAR_PERCENT
        {
            out.push(alert(
                format!("oop-near:family:{}", facts.year),
                AlertKind::OopMaxNear,
                Severity::Info,
                "Your family is near the out-of-pocket maximum".into(),
                format!(
                    "Your family has spent {} of the {} family out-of-pocket maximum for {}.",
                    pr.family_oop_met.min(pr.family_oop_max),
                    pr.family_oop_max,
                    facts.year
                ),
                "/?member=all".into(),
                "See progress",
                today,
                None,
            ));
        }
    }
    if let Some(end) = facts.enrollment_open_until {
        out.push(alert(
            format!("open-enrollment:{end}"),
            AlertKind::OpenEnrollment,
            Severity::Info,
            "Open enrollment is open".into(),
            format!(
                "You can compare plans and change yours for next year until {}.",
                long(end)
            ),
            "/plans".into(),
            "Compare plans",
            today,
            None,
        ));
    }
    out.sort_by(|a, b| b.severity.cmp(&a.severity).then(b.date.cmp(&a.date)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn rule(s: PreventiveService) -> &'static PreventiveRule {
        PREVENTIVE_RULES
            .iter()
            .find(|r| r.service == s)
            .expect("rule")
    }

    /// (service, born, sex, history, expected due date).
    type Case = (
        PreventiveService,
        NaiveDate,
        Option<Sex>,
        Vec<(String, NaiveDate)>,
        Option<NaiveDate>,
    );

    #[test]
    fn preventive_rules_table() {
        use PreventiveService::*;
        let today = d(2026, 11, 23);
        let h = |code: &str, day: NaiveDate| vec![(code.to_string(), day)];
        let none: Vec<(String, NaiveDate)> = Vec::new();
        let cases: Vec<Case> = vec![
            // annual physical: never had -> due today; within a year -> not due; a year ago -> due then
            (
                AnnualPhysical,
                d(1984, 3, 14),
                None,
                none.clone(),
                Some(today),
            ),
            (
                AnnualPhysical,
                d(1984, 3, 14),
                None,
                h("99396", d(2026, 3, 20)),
                None,
            ),
            (
                AnnualPhysical,
                d(1984, 3, 14),
                None,
                h("99396", d(2025, 10, 1)),
                Some(d(2026, 10, 1)),
            ),
            (AnnualPhysical, d(2015, 11, 30), None, none.clone(), None),
            // well-child: children only
            (
                WellChild,
                d(2015, 11, 30),
                None,
                h("99393", d(2025, 11, 2)),
                Some(d(2026, 11, 2)),
            ),
            (WellChild, d(2007, 5, 9), None, none.clone(), None),
            // flu: this season (from Aug 1) counts; last season does not
            (
                FluShot,
                d(1984, 3, 14),
                None,
                h("90686", d(2026, 3, 10)),
                Some(d(2026, 9, 1)),
            ),
            (
                FluShot,
                d(1984, 3, 14),
                None,
                h("90686", d(2026, 10, 2)),
                None,
            ),
            (FluShot, d(2026, 1, 2), None, none.clone(), None),
            // mammogram: women 40-74, two years
            (
                Mammogram,
                d(1984, 3, 14),
                Some(Sex::Female),
                none.clone(),
                Some(today),
            ),
            (
                Mammogram,
                d(1984, 3, 14),
                Some(Sex::Male),
                none.clone(),
                None,
            ),
            (Mammogram, d(1984, 3, 14), None, none.clone(), None),
            (
                Mammogram,
                d(1990, 3, 14),
                Some(Sex::Female),
                none.clone(),
                None,
            ),
            (
                Mammogram,
                d(1975, 1, 1),
                Some(Sex::Female),
                h("77067", d(2025, 2, 1)),
                None,
            ),
            // colonoscopy: 45-75, ten years
            (
                Colonoscopy,
                d(1979, 2, 11),
                Some(Sex::Male),
                none.clone(),
                Some(today),
            ),
            (Colonoscopy, d(1984, 3, 14), None, none.clone(), None),
            (
                Colonoscopy,
                d(1960, 1, 1),
                None,
                h("45378", d(2018, 6, 1)),
                None,
            ),
            (Colonoscopy, d(1950, 1, 1), None, none.clone(), None),
        ];
        for (service, born, sex, history, expected) in cases {
            assert_eq!(
                preventive_due(rule(service), born, sex, &history, today),
                expected,
                "{service:?} born {born} sex {sex:?} history {history:?}"
            );
        }
    }

    #[test]
    fn flu_not_reminded_in_summer() {
        let r = rule(PreventiveService::FluShot);
        assert_eq!(
            preventive_due(r, d(1980, 1, 1), None, &[], d(2026, 6, 1)),
            None
        );
        assert_eq!(
            preventive_due(r, d(1980, 1, 1), None, &[], d(2027, 2, 1)),
            Some(d(2026, 9, 1))
        );
    }

    fn progress(ded_met: i64, ded: i64, oop_met: i64, oop: i64) -> Progress {
        Progress {
            deductible_met: Money::from_dollars(ded_met),
            deductible: Money::from_dollars(ded),
            oop_met: Money::from_dollars(oop_met),
            oop_max: Money::from_dollars(oop),
            family_deductible_met: Money::from_dollars(ded_met),
            family_deductible: Money::from_dollars(ded * 2),
            family_oop_met: Money::from_dollars(oop_met),
            family_oop_max: Money::from_dollars(oop * 2),
            family_withheld: false,
        }
    }

    fn person(id: i64, p: Progress) -> PersonFacts {
        PersonFacts {
            id,
            first_name: format!("P{id}"),
            born: d(2015, 11, 30),
            sex: None,
            history: vec![
                ("99393".into(), d(2026, 11, 1)),
                ("90686".into(), d(2026, 11, 1)),
            ],
            progress: p,
        }
    }

    fn claim(id: i64, status: ClaimStatus, status_date: NaiveDate) -> ClaimFact {
        ClaimFact {
            id,
            claim_number: format!("C{id}"),
            patient_id: 1,
            status,
            status_date,
            service_start: status_date,
            provider: "Clinic".into(),
            denial_reason: Some("Not medically necessary.".into()),
            info_request: None,
        }
    }

    #[test]
    fn each_kind_from_facts() {
        let today = d(2026, 11, 23);
        let mut needs_info = claim(3, ClaimStatus::InProcess, d(2026, 11, 1));
        needs_info.info_request = Some("Send the accident details.".into());
        let facts = AlertFacts {
            payments: Vec::new(),
            premiums: vec![
                PremiumBill {
                    amount: Money::from_dollars(612),
                    tier: None,
                    due: d(2026, 11, 1),
                    paid: false,
                    grace_ends: None,
                },
                PremiumBill {
                    amount: Money::from_dollars(612),
                    tier: None,
                    due: d(2026, 12, 1),
                    paid: false,
                    grace_ends: None,
                },
                PremiumBill {
                    amount: Money::from_dollars(612),
                    tier: None,
                    due: d(2026, 10, 1),
                    paid: true,
                    grace_ends: None,
                },
                PremiumBill {
                    amount: Money::from_dollars(612),
                    tier: None,
                    due: d(2027, 3, 1),
                    paid: false,
                    grace_ends: None,
                },
            ],
            claims: vec![
                claim(1, ClaimStatus::Denied, d(2026, 10, 1)),
                claim(2, ClaimStatus::Denied, d(2025, 1, 1)),
                needs_info,
                claim(4, ClaimStatus::Paid, d(2026, 10, 1)),
            ],
            people: vec![
                person(1, progress(1500, 1500, 2900, 3500)),
                person(2, progress(100, 1500, 100, 3500)),
            ],
            enrollment_open_until: Some(d(2026, 12, 15)),
            year: 2026,
        };
        let alerts = compute(&facts, today);
        let keys: Vec<&str> = alerts.iter().map(|a| a.key.as_str()).collect();
        let expected = [
            (
                "premium:2026-11-01",
                AlertKind::PremiumDue,
                Severity::Urgent,
            ),
            (
                "premium:2026-12-01",
                AlertKind::PremiumDue,
                Severity::Warning,
            ),
            ("claim-info:3", AlertKind::ClaimNeedsInfo, Severity::Urgent),
            ("claim-denied:1", AlertKind::ClaimDenied, Severity::Warning),
            (
                "deductible-met:1:2026",
                AlertKind::DeductibleMet,
                Severity::Info,
            ),
            ("oop-near:1:2026", AlertKind::OopMaxNear, Severity::Info),
            (
                "open-enrollment:2026-12-15",
                AlertKind::OpenEnrollment,
                Severity::Info,
            ),
        ];
        for (key, kind, severity) in expected {
            let a = alerts
                .iter()
                .find(|a| a.key == key)
                .unwrap_or_else(|| panic!("{key} missing from {keys:?}"));
            assert_eq!((a.kind, a.severity), (kind, severity), "{key}");
        }
        for absent in [
            "claim-denied:2",
            "claim-denied:4",
            "premium:2026-10-01",
            "premium:2027-03-01",
            "deductible-met:2:2026",
            "oop-near:2:2026",
        ] {
            assert!(!keys.contains(&absent), "{absent} in {keys:?}");
        }
        assert!(alerts
            .iter()
            .any(|a| a.message.contains("Not medically necessary.")));
        // most severe first
        assert!(alerts.windows(2).all(|w| w[0].severity >= w[1].severity));
        // same facts, same keys
        assert_eq!(compute(&facts, today), alerts);
    }

    #[test]
    fn codes_are_unique_per_rule() {
        for r in PREVENTIVE_RULES {
            let mut c = r.codes.to_vec();
            c.sort_unstable();
            c.dedup();
            assert_eq!(c.len(), r.codes.len(), "{:?}", r.service);
        }
        assert!(preventive_codes().count() > 30);
    }

    #[test]
    fn preventive_links_land_on_a_priced_screening() {
        assert_eq!(
            preventive_link(PreventiveService::Mammogram, 52, 7),
            "/estimate?service=77067&purpose=screening&member=7"
        );
        assert_eq!(
            preventive_link(PreventiveService::Colonoscopy, 50, 7),
            "/estimate?service=45378&purpose=screening&member=7"
        );
        assert_eq!(
            preventive_link(PreventiveService::AnnualPhysical, 45, 7),
            "/estimate?service=99386&member=7"
        );
        assert_eq!(
            preventive_link(PreventiveService::FluShot, 9, 7),
            "/id-card"
        );
    }

    #[test]
    fn payment_receipts_and_failures() {
        use crate::billing::api::PaymentStatus;
        let today = d(2026, 11, 23);
        let pay = |id: &str, status, autopay, made_on| PaymentFact {
            provider: false,
            transaction_id: id.into(),
            amount: Money::from_dollars(180),
            method: "Visa ending 4242".into(),
            status,
            made_on,
            posts_on: Some(d(2026, 11, 24)),
            failure: Some("Nothing was charged.".into()),
            autopay,
        };
        let facts = AlertFacts {
            payments: vec![
                pay("PMT-A", PaymentStatus::Pending, false, today),
                pay("PMT-B", PaymentStatus::Failed, false, today),
                pay("PMT-C", PaymentStatus::Failed, true, today),
                pay("PMT-D", PaymentStatus::Returned, false, d(2026, 11, 20)),
                pay("PMT-E", PaymentStatus::Posted, false, d(2026, 10, 1)),
            ],
            ..AlertFacts::default()
        };
        let got: Vec<(String, AlertKind)> = compute(&facts, today)
            .into_iter()
            .map(|a| (a.key, a.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("payment-failed:PMT-C".to_string(), AlertKind::PaymentFailed),
                (
                    "payment-returned:PMT-D".to_string(),
                    AlertKind::PaymentFailed
                ),
                ("payment:PMT-A".to_string(), AlertKind::PaymentReceived),
            ]
        );
        let all = compute(&facts, today);
        let receipt = &all[2];
        assert!(receipt.message.contains("PMT-A"));
        assert!(receipt
            .message
            .contains("It should post by November 24, 2026."));
        assert_eq!(receipt.link, "/billing/receipts/PMT-A");
    }
}

/// `POST /api/v1/alerts/read`: marks alerts read (or unread).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarkRead {
    /// Alert keys (from the list).
    pub keys: Vec<String>,
    /// Read (`true`, the default) or unread.
    pub read: Option<bool>,
}
