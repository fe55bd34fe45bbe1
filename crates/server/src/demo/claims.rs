//! Deterministic demo claims: 36 months of history for a household, priced
//! by the cost-sharing engine in date order with accumulators reset every
//! plan year, so every figure obeys the claim amount rules and agrees with
//! the engine.

use super::plan::silver_ppo;
use crate::db::claims::{NewClaim, NewLine};
use chrono::{Datelike, Duration, Months, NaiveDate};
use portal_domain::claims::{Amounts, ClaimStatus, ClaimType, Network, ServiceCategory};
use portal_domain::cost::{Accumulators, Benefit, PlanDesign, Service};
use portal_domain::Money;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A billable item.
#[derive(Clone, Copy)]
struct Item {
    code: &'static str,
    description: &'static str,
    benefit: Benefit,
    /// In-network allowed amount, cents.
    price: i64,
    quantity: i32,
}

const fn item(code: &'static str, description: &'static str, benefit: Benefit, price: i64) -> Item {
    Item {
        code,
        description,
        benefit,
        price,
        quantity: 1,
    }
}

/// Kinds of provider.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Primary,
    Pediatric,
    Specialist,
    Hospital,
    Urgent,
    Imaging,
    Lab,
    Pharmacy,
    Counseling,
    Therapy,
    Dental,
    Eye,
}

struct ProviderInfo {
    name: &'static str,
    specialty: &'static str,
    kind: Kind,
    network: Network,
    npi_base: u32,
}

const PROVIDERS: &[ProviderInfo] = &[
    ProviderInfo {
        name: "Cedar Family Medicine",
        specialty: "Family medicine",
        kind: Kind::Primary,
        network: Network::InNetwork,
        npi_base: 124_578_301,
    },
    ProviderInfo {
        name: "Northside Pediatrics",
        specialty: "Pediatrics",
        kind: Kind::Pediatric,
        network: Network::InNetwork,
        npi_base: 124_578_302,
    },
    ProviderInfo {
        name: "Harborview Cardiology",
        specialty: "Cardiology",
        kind: Kind::Specialist,
        network: Network::InNetwork,
        npi_base: 124_578_303,
    },
    ProviderInfo {
        name: "Summit Dermatology",
        specialty: "Dermatology",
        kind: Kind::Specialist,
        network: Network::OutOfNetwork,
        npi_base: 124_578_304,
    },
    ProviderInfo {
        name: "Lakeside Orthopedics",
        specialty: "Orthopedic surgery",
        kind: Kind::Specialist,
        network: Network::InNetwork,
        npi_base: 124_578_305,
    },
    ProviderInfo {
        name: "Evergreen Regional Hospital",
        specialty: "Acute care hospital",
        kind: Kind::Hospital,
        network: Network::InNetwork,
        npi_base: 124_578_306,
    },
    ProviderInfo {
        name: "QuickCare Urgent Care",
        specialty: "Urgent care",
        kind: Kind::Urgent,
        network: Network::InNetwork,
        npi_base: 124_578_307,
    },
    ProviderInfo {
        name: "ClearPath Imaging",
        specialty: "Diagnostic radiology",
        kind: Kind::Imaging,
        network: Network::InNetwork,
        npi_base: 124_578_308,
    },
    ProviderInfo {
        name: "Meridian Lab Services",
        specialty: "Clinical laboratory",
        kind: Kind::Lab,
        network: Network::InNetwork,
        npi_base: 124_578_309,
    },
    ProviderInfo {
        name: "Riverbend Pharmacy",
        specialty: "Pharmacy",
        kind: Kind::Pharmacy,
        network: Network::InNetwork,
        npi_base: 124_578_310,
    },
    ProviderInfo {
        name: "Mindful Path Counseling",
        specialty: "Clinical psychology",
        kind: Kind::Counseling,
        network: Network::InNetwork,
        npi_base: 124_578_311,
    },
    ProviderInfo {
        name: "Motion Physical Therapy",
        specialty: "Physical therapy",
        kind: Kind::Therapy,
        network: Network::InNetwork,
        npi_base: 124_578_312,
    },
    ProviderInfo {
        name: "Bright Smile Dental",
        specialty: "General dentistry",
        kind: Kind::Dental,
        network: Network::InNetwork,
        npi_base: 124_578_313,
    },
    ProviderInfo {
        name: "Vista Eye Care",
        specialty: "Optometry",
        kind: Kind::Eye,
        network: Network::InNetwork,
        npi_base: 124_578_314,
    },
    ProviderInfo {
        name: "St. Anne Medical Center",
        specialty: "Acute care hospital",
        kind: Kind::Hospital,
        network: Network::OutOfNetwork,
        npi_base: 124_578_315,
    },
];

/// The demo provider called `name` as a claim stores it: name, NPI,
/// specialty and network.
pub fn provider_named(name: &str) -> Option<(&'static str, String, &'static str, Network)> {
    PROVIDERS
        .iter()
        .find(|p| p.name == name)
        .map(|p| (p.name, npi(p.npi_base), p.specialty, p.network))
}

/// An NPI with its Luhn check digit (computed with the 80840 prefix, as CMS specifies).
pub fn npi(base9: u32) -> String {
    let body = format!("{base9:09}");
    let digits: Vec<u32> = format!("80840{body}")
        .chars()
        .filter_map(|c| c.to_digit(10))
        .collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// What happened: a kind of encounter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scenario {
    OfficeVisit,
    Preventive,
    Specialist,
    Urgent,
    Emergency,
    HospitalStay,
    Lab,
    Imaging,
    GenericRx,
    BrandRx,
    MentalHealth,
    Therapy,
    Dental,
    Vision,
}

impl Scenario {
    fn shape(self, adult: bool) -> (ClaimType, ServiceCategory, Kind, Vec<Item>) {
        use Benefit as B;
        match self {
            Self::OfficeVisit => (
                ClaimType::Professional,
                ServiceCategory::OfficeVisit,
                if adult {
                    Kind::Primary
                } else {
                    Kind::Pediatric
                },
                vec![item(
                    "99213",
                    "Office visit, established patient, low complexity",
                    B::PrimaryCare,
                    14_000,
                )],
            ),
            Self::Preventive => (
                ClaimType::Professional,
                ServiceCategory::Preventive,
                if adult {
                    Kind::Primary
                } else {
                    Kind::Pediatric
                },
                vec![
                    if adult {
                        item(
                            "99396",
                            "Annual preventive visit, age 40-64",
                            B::Preventive,
                            21_000,
                        )
                    } else {
                        item("99392", "Well-child visit, age 1-4", B::Preventive, 17_500)
                    },
                    item(
                        "90686",
                        "Flu vaccine, preservative free",
                        B::Preventive,
                        4_000,
                    ),
                ],
            ),
            Self::Specialist => (
                ClaimType::Professional,
                ServiceCategory::Specialist,
                Kind::Specialist,
                vec![item(
                    "99214",
                    "Specialist visit, moderate complexity",
                    B::Specialist,
                    19_000,
                )],
            ),
            Self::Urgent => (
                ClaimType::Professional,
                ServiceCategory::UrgentCare,
                Kind::Urgent,
                vec![item(
                    "S9083",
                    "Urgent care center visit",
                    B::UrgentCare,
                    18_000,
                )],
            ),
            Self::Emergency => (
                ClaimType::InstitutionalOutpatient,
                ServiceCategory::Emergency,
                Kind::Hospital,
                vec![
                    item(
                        "99284",
                        "Emergency department visit, moderately severe",
                        B::EmergencyRoom,
                        110_000,
                    ),
                    item("73110", "X-ray of wrist, 3 views", B::Imaging, 12_000),
                    item(
                        "29125",
                        "Short arm splint",
                        B::DurableMedicalEquipment,
                        16_000,
                    ),
                ],
            ),
            Self::HospitalStay => (
                ClaimType::InstitutionalInpatient,
                ServiceCategory::HospitalStay,
                Kind::Hospital,
                vec![
                    item(
                        "DRG 343",
                        "Appendectomy without complications, 2-day stay",
                        B::InpatientStay,
                        1_450_000,
                    ),
                    item("0250", "Pharmacy, inpatient", B::InpatientStay, 38_000),
                ],
            ),
            Self::Lab => (
                ClaimType::Professional,
                ServiceCategory::LabImaging,
                Kind::Lab,
                vec![
                    item("80053", "Comprehensive metabolic panel", B::Lab, 4_500),
                    item(
                        "85025",
                        "Complete blood count with differential",
                        B::Lab,
                        2_500,
                    ),
                    item("80061", "Lipid panel", B::Lab, 4_000),
                ],
            ),
            Self::Imaging => (
                ClaimType::Professional,
                ServiceCategory::LabImaging,
                Kind::Imaging,
                vec![item(
                    "73721",
                    "MRI of knee without contrast",
                    B::Imaging,
                    85_000,
                )],
            ),
            Self::GenericRx => (
                ClaimType::Pharmacy,
                ServiceCategory::Prescription,
                Kind::Pharmacy,
                vec![Item {
                    quantity: 30,
                    ..item(
                        "00093-5057-01",
                        "Atorvastatin 20 mg tablet (generic), 30-day supply",
                        B::GenericDrug,
                        60,
                    )
                }],
            ),
            Self::BrandRx => (
                ClaimType::Pharmacy,
                ServiceCategory::Prescription,
                Kind::Pharmacy,
                vec![item(
                    "00173-0696-00",
                    "Fluticasone-salmeterol inhaler (preferred brand)",
                    B::PreferredBrand,
                    38_000,
                )],
            ),
            Self::MentalHealth => (
                ClaimType::Professional,
                ServiceCategory::MentalHealth,
                Kind::Counseling,
                vec![item(
                    "90834",
                    "Psychotherapy, 45 minutes",
                    B::MentalHealth,
                    13_000,
                )],
            ),
            Self::Therapy => (
                ClaimType::Professional,
                ServiceCategory::Therapy,
                Kind::Therapy,
                vec![
                    Item {
                        quantity: 2,
                        ..item(
                            "97110",
                            "Therapeutic exercise, 15 minutes",
                            B::Therapy,
                            14_000,
                        )
                    },
                    item("97140", "Manual therapy, 15 minutes", B::Therapy, 6_000),
                ],
            ),
            Self::Dental => (
                ClaimType::Dental,
                ServiceCategory::Dental,
                Kind::Dental,
                vec![
                    item(
                        "D1110",
                        "Dental cleaning (prophylaxis), adult",
                        B::Preventive,
                        11_000,
                    ),
                    item("D0120", "Periodic oral evaluation", B::Preventive, 6_000),
                ],
            ),
            Self::Vision => (
                ClaimType::Vision,
                ServiceCategory::Vision,
                Kind::Eye,
                vec![item(
                    "92014",
                    "Comprehensive eye exam, established patient",
                    B::Preventive,
                    15_000,
                )],
            ),
        }
    }
}

const DENIAL_REASONS: &[&str] = &[
    "This service needed prior authorization, which we did not receive before the service.",
    "Your plan does not cover this service (it is listed as an exclusion in your plan documents).",
    "We need more information from your provider to process this claim.",
    "The provider is out of network, and your plan does not cover this service out of network.",
];

/// One household member for generation.
#[derive(Clone, Copy)]
pub struct Patient {
    /// Member row id.
    pub member_id: i64,
    /// Date of birth.
    pub born: NaiveDate,
}

struct Event {
    date: NaiveDate,
    patient: Patient,
    scenario: Scenario,
}

use portal_domain::family::age_on;

/// The scripted history of the demo household: routine care by age, monthly
/// refills, an ER visit with follow-up therapy, a hospital stay, counselling.
fn scripted_events(
    patients: &[Patient],
    start: NaiveDate,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Vec<Event> {
    let mut events = Vec::new();
    let months = 36;
    for (idx, p) in patients.iter().enumerate() {
        for m in 0..=months {
            let Some(month_start) = start.checked_add_months(Months::new(m)) else {
                continue;
            };
            let day = |rng: &mut ChaCha8Rng| month_start + Duration::days(rng.gen_range(0..28));
            let adult = age_on(p.born, month_start) >= 18;
            let mut push = |date: NaiveDate, scenario: Scenario| {
                if date >= start && date <= today {
                    events.push(Event {
                        date,
                        patient: *p,
                        scenario,
                    });
                }
            };
            if idx == 0 {
                push(day(rng), Scenario::GenericRx);
                if rng.gen_bool(0.5) {
                    push(day(rng), Scenario::GenericRx);
                }
            }
            if idx == 1 && m % 2 == 0 {
                push(day(rng), Scenario::BrandRx);
            }
            if idx == 1 && (8..18).contains(&m) {
                push(day(rng), Scenario::MentalHealth);
            }
            if month_start.month() == p.born.month() {
                push(day(rng), Scenario::Preventive);
                if !adult || idx > 1 {
                    push(day(rng), Scenario::Vision);
                }
            }
            if m % 6 == 3 {
                push(day(rng), Scenario::Dental);
            }
            let roll: f64 = rng.gen();
            let office = if adult { 0.22 } else { 0.3 };
            let table = [
                (Scenario::OfficeVisit, office),
                (Scenario::Specialist, 0.08),
                (Scenario::Lab, 0.12),
                (Scenario::Urgent, 0.05),
                (Scenario::Imaging, 0.025),
            ];
            let mut acc = 0.0;
            for (s, p_s) in table {
                acc += p_s;
                if roll < acc {
                    push(day(rng), s);
                    break;
                }
            }
        }
    }
    // A broken wrist: ER visit, then eight weeks of therapy (third member).
    if let Some(p) = patients.get(2) {
        let er = today - Duration::days(400);
        events.push(Event {
            date: er,
            patient: *p,
            scenario: Scenario::Emergency,
        });
        for w in 1..=8 {
            events.push(Event {
                date: er + Duration::days(7 * w + 7),
                patient: *p,
                scenario: Scenario::Therapy,
            });
        }
    }
    // An appendectomy (second member), and a recent ER visit (first member).
    if let Some(p) = patients.get(1) {
        events.push(Event {
            date: today - Duration::days(620),
            patient: *p,
            scenario: Scenario::HospitalStay,
        });
    }
    if let Some(p) = patients.first() {
        events.push(Event {
            date: today - Duration::days(75),
            patient: *p,
            scenario: Scenario::Emergency,
        });
    }
    // Recent care still being processed.
    if let (Some(a), Some(b)) = (patients.last(), patients.get(1)) {
        events.push(Event {
            date: today - Duration::days(3),
            patient: *a,
            scenario: Scenario::OfficeVisit,
        });
        events.push(Event {
            date: today - Duration::days(9),
            patient: *b,
            scenario: Scenario::Lab,
        });
    }
    events
}

/// `n` events spread uniformly over the 36 months (for the benchmark household).
fn uniform_events(
    patients: &[Patient],
    n: usize,
    start: NaiveDate,
    today: NaiveDate,
    rng: &mut ChaCha8Rng,
) -> Vec<Event> {
    const MIX: &[(Scenario, u32)] = &[
        (Scenario::OfficeVisit, 20),
        (Scenario::GenericRx, 22),
        (Scenario::BrandRx, 8),
        (Scenario::Lab, 12),
        (Scenario::Specialist, 9),
        (Scenario::Preventive, 5),
        (Scenario::Dental, 6),
        (Scenario::Vision, 3),
        (Scenario::Urgent, 4),
        (Scenario::MentalHealth, 5),
        (Scenario::Therapy, 4),
        (Scenario::Imaging, 1),
        (Scenario::Emergency, 1),
    ];
    let total: u32 = MIX.iter().map(|(_, w)| w).sum();
    let span = (today - start).num_days().max(1);
    (0..n)
        .map(|_| {
            let mut roll = rng.gen_range(0..total);
            let scenario = MIX
                .iter()
                .find(|(_, w)| {
                    if roll < *w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .map_or(Scenario::OfficeVisit, |(s, _)| *s);
            Event {
                date: start + Duration::days(rng.gen_range(0..=span)),
                patient: patients[rng.gen_range(0..patients.len())],
                scenario,
            }
        })
        .collect()
}

/// Generates a household's claims. `count`: `None` for the scripted
/// history, `Some(n)` for exactly `n` claims spread uniformly.
pub fn generate(
    household_id: i64,
    patients: &[Patient],
    today: NaiveDate,
    count: Option<usize>,
) -> Vec<NewClaim> {
    let mut rng = ChaCha8Rng::seed_from_u64(0x5EED_0000 + u64::try_from(household_id).unwrap_or(0));
    let start = today
        .checked_sub_months(Months::new(36))
        .and_then(|d| d.succ_opt())
        .unwrap_or(today);
    if patients.is_empty() {
        return Vec::new();
    }
    let mut events = match count {
        None => scripted_events(patients, start, today, &mut rng),
        Some(n) => uniform_events(patients, n, start, today, &mut rng),
    };
    events.retain(|e| e.date >= start && e.date <= today);
    events.sort_by_key(|e| (e.date, e.patient.member_id));
    let plan: PlanDesign = silver_ppo();
    let covered = u32::try_from(patients.len()).unwrap_or(1);
    let mut year = 0;
    let mut acc = Accumulators::new(covered);
    let mut out = Vec::with_capacity(events.len());
    for (seq, e) in events.into_iter().enumerate() {
        if e.date.year() != year {
            year = e.date.year();
            acc = Accumulators::new(covered);
        }
        let adult = age_on(e.patient.born, e.date) >= 18;
        let (claim_type, category, kind, items) = e.scenario.shape(adult);
        let candidates: Vec<&ProviderInfo> = PROVIDERS.iter().filter(|p| p.kind == kind).collect();
        let prov = candidates[rng.gen_range(0..candidates.len())];
        let network = if e.scenario == Scenario::Specialist && rng.gen_bool(0.15) {
            Network::OutOfNetwork
        } else {
            prov.network
        };
        let days_ago = (today - e.date).num_days();
        let end = if e.scenario == Scenario::HospitalStay {
            e.date + Duration::days(2)
        } else {
            e.date
        };
        let end = end.min(today);
        let status = if days_ago <= 5 {
            ClaimStatus::Received
        } else if days_ago <= 14 {
            ClaimStatus::InProcess
        } else {
            match rng.gen_range(0..100) {
                0..=3 => ClaimStatus::Denied,
                4..=5 => ClaimStatus::UnderAppeal,
                6..=9 if items.len() > 1 => ClaimStatus::PartiallyPaid,
                10..=12 => ClaimStatus::Adjusted,
                _ => ClaimStatus::Paid,
            }
        };
        let mut lines = Vec::new();
        let mut denial_reason = None;
        for (i, it) in items.iter().enumerate() {
            let variation = rng.gen_range(90..=115);
            let unit = it.price * variation / 100;
            let allowed = Money::from_cents(unit * i64::from(it.quantity));
            let markup = if network == Network::OutOfNetwork {
                rng.gen_range(130..=180)
            } else {
                rng.gen_range(150..=260)
            };
            let billed = Money::from_cents(allowed.cents() * markup / 100);
            let allowed_here = if network == Network::OutOfNetwork {
                Money::from_cents(allowed.cents() * 85 / 100)
            } else {
                allowed
            };
            let line_denied = matches!(status, ClaimStatus::Denied | ClaimStatus::UnderAppeal)
                || (status == ClaimStatus::PartiallyPaid && i == items.len() - 1);
            let amounts = match status {
                ClaimStatus::Received | ClaimStatus::InProcess => Amounts {
                    billed,
                    ..Amounts::default()
                },
                _ if line_denied => Amounts {
                    billed,
                    not_covered: allowed_here,
                    member_owes: allowed_here,
                    ..Amounts::default()
                },
                _ => {
                    // Everything done in an emergency is charged at the
                    // in-network cost share (No Surprises Act), wherever it happens.
                    let service = Service {
                        person: e.patient.member_id,
                        benefit: it.benefit,
                        network: if category == ServiceCategory::Emergency {
                            Network::InNetwork
                        } else {
                            network
                        },
                        billed,
                        allowed: allowed_here,
                    };
                    plan.adjudicate(&mut acc, &service).amounts
                }
            };
            if line_denied {
                denial_reason = Some(DENIAL_REASONS[rng.gen_range(0..DENIAL_REASONS.len())]);
            }
            if status == ClaimStatus::Adjusted && i == 0 {
                // First processed with the wrong units, reversed, then processed again.
                lines.push(NewLine {
                    code: it.code,
                    description: it.description,
                    quantity: it.quantity,
                    amounts,
                });
                lines.push(NewLine {
                    code: it.code,
                    description: "Reversal of line 1 (corrected claim)",
                    quantity: -it.quantity,
                    amounts: amounts.negated(),
                });
            }
            lines.push(NewLine {
                code: it.code,
                description: it.description,
                quantity: it.quantity,
                amounts,
            });
        }
        let status_date = match status {
            ClaimStatus::Received | ClaimStatus::InProcess => (end + Duration::days(1)).min(today),
            ClaimStatus::UnderAppeal => (end + Duration::days(40)).min(today),
            _ => (end + Duration::days(rng.gen_range(9..30))).min(today),
        };
        out.push(NewClaim {
            patient: e.patient.member_id,
            number: format!(
                "EV{:02}{:02}{:06}",
                e.date.year() % 100,
                household_id % 100,
                seq + 1
            ),
            claim_type,
            category,
            start: e.date,
            end,
            provider: (prov.name, npi(prov.npi_base), prov.specialty, network),
            status,
            status_date,
            denial_reason,
            lines,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> Vec<Patient> {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        vec![
            Patient {
                member_id: 1,
                born: d("1984-03-14"),
            },
            Patient {
                member_id: 2,
                born: d("1986-07-22"),
            },
            Patient {
                member_id: 3,
                born: d("2007-05-09"),
            },
            Patient {
                member_id: 4,
                born: d("2015-11-30"),
            },
        ]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
    }

    #[test]
    fn npi_check_digit_matches_cms_example() {
        // CMS's worked example: 123456789 -> check digit 3
        assert_eq!(npi(123_456_789), "1234567893");
    }

    #[test]
    fn scripted_history_is_realistic_and_consistent() {
        let claims = generate(1, &household(), today(), None);
        assert!((200..=500).contains(&claims.len()), "{}", claims.len());
        for s in ClaimStatus::ALL {
            assert!(
                claims.iter().any(|c| c.status == *s),
                "status {s:?} present"
            );
        }
        for c in ServiceCategory::ALL
            .iter()
            .filter(|c| **c != ServiceCategory::Other)
        {
            assert!(
                claims.iter().any(|cl| cl.category == *c),
                "category {c:?} present"
            );
        }
        for c in &claims {
            let t = c.totals();
            assert!(t.check().is_empty(), "{} {:?}", c.number, t);
            for l in &c.lines {
                assert!(l.amounts.check().is_empty());
            }
            assert!(c.start >= today() - Duration::days(36 * 31) && c.start <= today());
            if c.status == ClaimStatus::Denied {
                assert!(c.denial_reason.is_some());
            }
        }
        assert!(
            claims
                .iter()
                .any(|c| c.lines.iter().any(|l| l.amounts.billed < Money::ZERO)),
            "a reversal line"
        );
    }

    #[test]
    fn deterministic_and_exact_count() {
        let a = generate(9, &household(), today(), Some(1000));
        let b = generate(9, &household(), today(), Some(1000));
        assert_eq!(a.len(), 1000);
        assert_eq!(
            a.iter().map(|c| c.number.clone()).collect::<Vec<_>>(),
            b.iter().map(|c| c.number.clone()).collect::<Vec<_>>()
        );
        assert_eq!(
            a.iter().map(|c| c.totals()).collect::<Vec<_>>(),
            b.iter().map(|c| c.totals()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn plan_year_totals_respect_the_out_of_pocket_maximum() {
        let claims = generate(7, &household(), today(), Some(3000));
        for year in [2024, 2025, 2026] {
            let oop: Money = claims
                .iter()
                .filter(|c| c.start.year() == year)
                .map(|c| {
                    let t = c.totals();
                    t.member_owes - t.not_covered
                })
                .sum();
            assert!(
                oop <= Money::from_dollars(10_000) + Money::from_dollars(20_000),
                "{year}: {oop}"
            );
        }
    }
}
