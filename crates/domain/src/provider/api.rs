//! The provider home's bodies: eligibility and benefits for one patient,
//! the status of the claims this provider billed, and the remittance
//! summary (payments to the provider, with the claims each covered).

use crate::claims::{ClaimStatus, Network};
use crate::member_id::MemberId;
use crate::money::Money;
use crate::problem::{push_error, FieldError, FieldErrors};
use crate::registration::validate_date_of_birth;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Claims in one page of claim status results.
pub const CLAIMS_PAGE: usize = 50;

/// Eligibility lookups a provider account may make per minute.
pub const ELIGIBILITY_PER_MINUTE: i64 = 30;

/// Consecutive lookups that find no member before lookups pause.
pub const ELIGIBILITY_MISSES: i64 = 10;

/// Days before today a date of service may be (claims can be filed for a year
/// after the service; a year and a half covers corrected claims).
pub const SERVICE_DAYS_BACK: i64 = 548;

/// Days after today a date of service may be (scheduled visits).
pub const SERVICE_DAYS_AHEAD: i64 = 90;

/// The organisation a provider account acts for.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSummary {
    /// Practice or organisation name.
    pub organization: String,
    /// The NPIs billed under its tax ID.
    pub npis: Vec<ProviderNpi>,
    /// Technical support for provider accounts.
    pub technical_support_phone: String,
}

/// One NPI of the provider's tax ID.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderNpi {
    /// Ten digits with a valid check digit.
    pub npi: String,
    /// The name it bills as.
    pub name: String,
}

/// `POST /api/v1/provider/eligibility`: the member ID and date of birth
/// must both match (sent in the body, never in the address).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EligibilityRequest {
    /// Member ID as typed (`12345678901`).
    pub member_id: String,
    /// The patient's date of birth, `YYYY-MM-DD`.
    pub date_of_birth: String,
    /// Date of service, `YYYY-MM-DD` (today when empty).
    pub date_of_service: String,
}

/// An eligibility request valid in form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidEligibility {
    /// The patient's member ID.
    pub member_id: MemberId,
    /// The patient's date of birth.
    pub date_of_birth: NaiveDate,
    /// The date of service.
    pub date_of_service: NaiveDate,
}

/// Validates an eligibility request against `today`.
pub fn validate_eligibility(
    req: &EligibilityRequest,
    today: NaiveDate,
) -> Result<ValidEligibility, FieldErrors> {
    let mut errors = FieldErrors::new();
    let id = MemberId::parse_typed(&req.member_id).map_err(|es| {
        for e in es {
            push_error(
                &mut errors,
                "member_id",
                FieldError::new(e.code(), patient_id_message(e)),
            );
        }
    });
    let dob = validate_date_of_birth(&req.date_of_birth, today).map_err(|e| {
        let e = FieldError::new(
            e.code.clone(),
            e.message
                .replace("Your date of birth", "The date of birth")
                .replace("your date of birth", "the patient's date of birth"),
        );
        push_error(&mut errors, "date_of_birth", e);
    });
    let dos = if req.date_of_service.trim().is_empty() {
        Ok(today)
    } else {
        match crate::dates::parse_iso(req.date_of_service.trim()) {
            None => Err(FieldError::new(
                "date_of_service.format",
                "Enter a real date as YYYY-MM-DD, for example 2026-11-30.",
            )),
            Some(d) if (today - d).num_days() > SERVICE_DAYS_BACK => Err(FieldError::new(
                "date_of_service.too_early",
                "Check eligibility for dates of service in the last 18 months.",
            )),
            Some(d) if (d - today).num_days() > SERVICE_DAYS_AHEAD => Err(FieldError::new(
                "date_of_service.too_late",
                "Check eligibility for dates of service up to 90 days ahead.",
            )),
            Some(d) => Ok(d),
        }
    }
    .map_err(|e| push_error(&mut errors, "date_of_service", e));
    match (id, dob, dos) {
        (Ok(member_id), Ok(date_of_birth), Ok(date_of_service)) => Ok(ValidEligibility {
            member_id,
            date_of_birth,
            date_of_service,
        }),
        _ => Err(errors),
    }
}

/// The member ID rule in words for the provider typing a patient's ID.
fn patient_id_message(e: crate::member_id::MemberIdError) -> String {
    e.message()
        .replace(
            "Enter your member ID as shown on your ID card.",
            "Enter the member ID as shown on the patient's ID card.",
        )
        .replace("on your ID card", "on the patient's ID card")
        .replace("Your member ID", "A member ID")
}

/// Where the patient stands this plan year in one network (the patient's
/// own amounts only: never the family's, which would reveal others' care).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitStanding {
    /// Individual deductible.
    pub deductible: Money,
    /// Deductible met.
    pub deductible_met: Money,
    /// Deductible still to meet (never below zero).
    pub deductible_remaining: Money,
    /// Individual out-of-pocket maximum.
    pub oop_max: Money,
    /// Out-of-pocket spending counted.
    pub oop_met: Money,
    /// Out-of-pocket still to reach the maximum (never below zero).
    pub oop_remaining: Money,
}

impl BenefitStanding {
    /// From the limits and the amounts met; the remaining amounts are the
    /// limit minus what was met, floored at zero.
    pub fn new(deductible: Money, deductible_met: Money, oop_max: Money, oop_met: Money) -> Self {
        let left = |limit: Money, met: Money| {
            if met >= limit {
                Money::ZERO
            } else {
                limit - met
            }
        };
        Self {
            deductible,
            deductible_met,
            deductible_remaining: left(deductible, deductible_met),
            oop_max,
            oop_met,
            oop_remaining: left(oop_max, oop_met),
        }
    }
}

/// A copay the plan charges, for the front desk.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopayLine {
    /// "Primary care visit", ...
    pub service: String,
    /// In network.
    pub amount: Money,
}

/// The answer to an eligibility lookup that found the patient.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    /// The lookup's reference (for the office's notes and the audit trail).
    pub reference: String,
    /// The patient's member ID, as printed.
    pub member_id: String,
    /// The patient's name.
    pub patient_name: String,
    /// The patient's date of birth.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date_of_birth: NaiveDate,
    /// The date of service asked about.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date_of_service: NaiveDate,
    /// Coverage is active on the date of service.
    pub active: bool,
    /// The sentence the page shows about it.
    pub status_text: String,
    /// First day of coverage.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub coverage_start: NaiveDate,
    /// Last day of coverage.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub coverage_end: NaiveDate,
    /// Plan name.
    pub plan_name: String,
    /// HMO, PPO, EPO or HDHP.
    pub plan_type: String,
    /// Network name.
    pub network: String,
    /// Group number.
    pub group_number: String,
    /// Whether this provider's NPIs are in the plan's network.
    pub provider_network: Network,
    /// The patient's primary care provider, where the plan has one on file.
    pub pcp: Option<String>,
    /// Why there is no PCP line, when there is none.
    pub pcp_note: Option<String>,
    /// The plan year the amounts are for.
    pub plan_year: i32,
    /// In network, this plan year.
    pub in_network: BenefitStanding,
    /// Out of network, this plan year.
    pub out_of_network: BenefitStanding,
    /// Copays in network.
    pub copays: Vec<CopayLine>,
    /// Provider services phone of the plan.
    pub provider_services_phone: String,
}

/// `POST /api/v1/provider/claims/search`: the claims this provider billed
/// (the search is in the body: a patient's name never goes in an address).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderClaimQuery {
    /// Part of the patient's first or last name, or their member ID.
    pub patient: String,
    /// A claim number, exact.
    pub claim_number: String,
    /// Only claims in this status.
    pub status: Option<ClaimStatus>,
    /// Service on or after, `YYYY-MM-DD`.
    pub from: String,
    /// Service on or before, `YYYY-MM-DD`.
    pub to: String,
    /// Only claims billed under this NPI (one of the provider's).
    pub npi: String,
    /// Page (from 0).
    pub page: u32,
}

/// A claim status query valid in form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidClaimQuery {
    /// Lowercased name part or compact member ID (empty: any patient).
    pub patient: String,
    /// Claim number (empty: any).
    pub claim_number: String,
    /// Status filter.
    pub status: Option<ClaimStatus>,
    /// From date.
    pub from: Option<NaiveDate>,
    /// To date.
    pub to: Option<NaiveDate>,
    /// NPI filter (empty: all of the provider's).
    pub npi: String,
    /// Page.
    pub page: u32,
}

/// Validates a claim status query.
pub fn validate_claim_query(q: &ProviderClaimQuery) -> Result<ValidClaimQuery, FieldErrors> {
    let mut errors = FieldErrors::new();
    let date = |field: &str, s: &str, errors: &mut FieldErrors| -> Option<NaiveDate> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let d = crate::dates::parse_iso(s);
        if d.is_none() {
            push_error(
                errors,
                field,
                FieldError::new(
                    format!("{field}.format"),
                    "Enter a real date as YYYY-MM-DD, for example 2026-11-30.",
                ),
            );
        }
        d
    };
    let from = date("from", &q.from, &mut errors);
    let to = date("to", &q.to, &mut errors);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            push_error(
                &mut errors,
                "to",
                FieldError::new("to.before_from", "The end date is before the start date."),
            );
        }
    }
    let patient = q.patient.trim();
    if patient.chars().count() > 60 {
        push_error(
            &mut errors,
            "patient",
            FieldError::new("patient.too_long", "Search with at most 60 characters."),
        );
    }
    let npi = q.npi.trim();
    if !npi.is_empty() && !super::identity::npi_valid(npi) {
        push_error(
            &mut errors,
            "npi",
            FieldError::new(
                "npi.invalid",
                "An NPI has 10 digits with a valid check digit.",
            ),
        );
    }
    let claim_number = q.claim_number.trim();
    if claim_number.chars().count() > 40 {
        push_error(
            &mut errors,
            "claim_number",
            FieldError::new(
                "claim_number.too_long",
                "A claim number has at most 40 characters.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let compact: String = patient
        .chars()
        .filter(|c| *c != '*' && !c.is_whitespace())
        .collect();
    let patient = if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        compact
    } else {
        patient.to_lowercase()
    };
    Ok(ValidClaimQuery {
        patient,
        claim_number: claim_number.to_uppercase(),
        status: q.status,
        from,
        to,
        npi: npi.to_string(),
        page: q.page,
    })
}

/// One claim as its billing provider sees it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderClaim {
    /// Claim number.
    pub claim_number: String,
    /// Patient's name.
    pub patient_name: String,
    /// Patient's member ID, as printed.
    pub member_id: String,
    /// First day of service.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub service_start: NaiveDate,
    /// Last day of service.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub service_end: NaiveDate,
    /// The NPI it was billed under.
    pub npi: String,
    /// The name billed as.
    pub billed_as: String,
    /// Status.
    pub status: ClaimStatus,
    /// Date of the latest status.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub status_date: NaiveDate,
    /// Billed.
    pub billed: Money,
    /// Allowed.
    pub allowed: Money,
    /// Paid by the plan.
    pub paid: Money,
    /// Patient responsibility (deductible, copay, coinsurance, not covered).
    pub patient_responsibility: Money,
    /// Why it was denied, in words, for denied claims.
    pub denial_reason: Option<String>,
    /// The remittance that paid it, if paid.
    pub payment_number: Option<String>,
}

/// One page of claim status results.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderClaimsPage {
    /// The claims, newest service first.
    pub claims: Vec<ProviderClaim>,
    /// How many matched in all.
    pub total: u32,
    /// This page (from 0).
    pub page: u32,
    /// Claims per page.
    pub page_size: u32,
}

/// One payment to the provider: the claims paid under one NPI on one day
/// (an EFT trace number, as on an 835 remittance).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remittance {
    /// The payment's trace number.
    pub payment_number: String,
    /// The day it was paid.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub paid_on: NaiveDate,
    /// The NPI paid.
    pub npi: String,
    /// The total paid: the sum of the claims' paid amounts.
    pub total: Money,
    /// The claims it covered.
    pub claims: Vec<RemittanceClaim>,
}

/// A claim in a remittance.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemittanceClaim {
    /// Claim number.
    pub claim_number: String,
    /// Patient's name.
    pub patient_name: String,
    /// First day of service.
    #[serde(with = "crate::dates::iso")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub service_start: NaiveDate,
    /// Billed.
    pub billed: Money,
    /// Allowed.
    pub allowed: Money,
    /// Paid.
    pub paid: Money,
    /// Patient responsibility.
    pub patient_responsibility: Money,
}

/// `GET /api/v1/provider/remittances`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemittanceList {
    /// Payments, newest first.
    pub remittances: Vec<Remittance>,
    /// The sum of every payment listed.
    pub total: Money,
}

/// The trace number of the payment for `npi` on `day`: stable, so the CSV,
/// the list and the claims agree.
pub fn payment_number(npi: &str, day: NaiveDate) -> String {
    format!(
        "EFT{}{}",
        crate::dates::to_iso(day).replace('-', ""),
        &npi[npi.len().saturating_sub(4)..]
    )
}

/// The columns of the remittance CSV, one row per claim.
pub const REMITTANCE_CSV_HEADER: [&str; 10] = [
    "Payment number",
    "Paid on",
    "NPI",
    "Claim number",
    "Patient",
    "Service date",
    "Billed",
    "Allowed",
    "Paid",
    "Patient responsibility",
];

/// The CSV rows (after the header) of `remittances`: amounts as plain
/// decimals (`1234.50`), dates ISO, one row per claim.
pub fn remittance_rows(remittances: &[Remittance]) -> Vec<[String; 10]> {
    remittances
        .iter()
        .flat_map(|r| {
            r.claims.iter().map(move |c| {
                [
                    r.payment_number.clone(),
                    crate::dates::to_iso(r.paid_on),
                    r.npi.clone(),
                    c.claim_number.clone(),
                    c.patient_name.clone(),
                    crate::dates::to_iso(c.service_start),
                    c.billed.to_decimal_string(),
                    c.allowed.to_decimal_string(),
                    c.paid.to_decimal_string(),
                    c.patient_responsibility.to_decimal_string(),
                ]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    #[test]
    fn eligibility_needs_both() {
        let e = validate_eligibility(&EligibilityRequest::default(), today()).expect_err("empty");
        assert!(e.contains_key("member_id") && e.contains_key("date_of_birth"));
        let ok = validate_eligibility(
            &EligibilityRequest {
                member_id: "10020030001".into(),
                date_of_birth: "1980-04-12".into(),
                date_of_service: String::new(),
            },
            today(),
        )
        .expect("valid");
        assert_eq!(ok.date_of_service, today());
        let star = validate_eligibility(
            &EligibilityRequest {
                member_id: "100200300*01".into(),
                date_of_birth: "1980-04-12".into(),
                ..Default::default()
            },
            today(),
        )
        .expect_err("asterisk");
        assert_eq!(star["member_id"][0].code, "member_id.asterisk");
        assert!(e["member_id"][0].message.contains("patient's ID card"));
    }

    #[test]
    fn service_dates_bounded() {
        let req = |d: &str| EligibilityRequest {
            member_id: "10020030001".into(),
            date_of_birth: "1980-04-12".into(),
            date_of_service: d.into(),
        };
        let code = |d: &str| {
            validate_eligibility(&req(d), today())
                .err()
                .map(|e| e["date_of_service"][0].code.clone())
        };
        assert_eq!(code("2026-12-01"), None);
        assert_eq!(code("2027-02-28"), None);
        assert_eq!(
            code("2027-03-15").as_deref(),
            Some("date_of_service.too_late")
        );
        assert_eq!(
            code("2024-12-01").as_deref(),
            Some("date_of_service.too_early")
        );
        assert_eq!(
            code("2026-02-30").as_deref(),
            Some("date_of_service.format")
        );
    }

    #[test]
    fn standing_floors_at_zero() {
        let s = BenefitStanding::new(
            Money::from_cents(150_000),
            Money::from_cents(40_000),
            Money::from_cents(600_000),
            Money::from_cents(700_000),
        );
        assert_eq!(s.deductible_remaining, Money::from_cents(110_000));
        assert_eq!(s.oop_remaining, Money::ZERO);
    }

    #[test]
    fn claim_queries() {
        let ok = validate_claim_query(&ProviderClaimQuery {
            patient: " 100200300*01 ".into(),
            claim_number: "c-1".into(),
            ..Default::default()
        })
        .expect("valid");
        assert_eq!(
            (ok.patient.as_str(), ok.claim_number.as_str()),
            ("10020030001", "C-1")
        );
        let name = validate_claim_query(&ProviderClaimQuery {
            patient: "Rivera".into(),
            ..Default::default()
        })
        .expect("valid");
        assert_eq!(name.patient, "rivera");
        let bad = validate_claim_query(&ProviderClaimQuery {
            from: "2026-05-01".into(),
            to: "2026-04-01".into(),
            npi: "1234567890".into(),
            ..Default::default()
        })
        .expect_err("bad");
        assert_eq!(bad["to"][0].code, "to.before_from");
        assert_eq!(bad["npi"][0].code, "npi.invalid");
    }

    #[test]
    fn csv_rows_and_payment_numbers() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 4).expect("date");
        let n = payment_number("1245783012", day);
        assert_eq!(n, "EFT202603043012");
        let r = Remittance {
            payment_number: n,
            paid_on: day,
            npi: "1245783012".into(),
            total: Money::from_cents(12_345),
            claims: vec![RemittanceClaim {
                claim_number: "C1".into(),
                patient_name: "Ana Rivera".into(),
                service_start: day,
                billed: Money::from_cents(20_000),
                allowed: Money::from_cents(15_000),
                paid: Money::from_cents(12_345),
                patient_responsibility: Money::from_cents(2_655),
            }],
        };
        let rows = remittance_rows(&[r]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0][8], "123.45");
        assert_eq!(rows[0][9], "26.55");
    }
}
