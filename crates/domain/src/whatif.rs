//! What-if yearly cost: a household's expected use of care, priced by the
//! cost-sharing engine under each plan, plus a year of premiums.
//!
//! * Use is a list of services per person ([`HouseholdUse`]): a preset
//!   ([`UsageLevel`]: low, medium, high, by adult or child), a custom list
//!   ("4 specialist visits, 1 MRI, 12 generic prescriptions, a baby"), or
//!   last year's actual claims (built by the server from the member's claims,
//!   with each claim's real allowed amount).
//! * Services are spread over the year: the `k`-th of `n` uses of an item
//!   (from 0) falls in month `(2k + 1) * 6 / n` (0 = January), so one use
//!   falls in July and twelve fall one a month. The whole household's
//!   services are priced in month order (the order within a month is the
//!   order of people, then items), in network, with accumulators carried
//!   across the year and the household.
//! * Yearly total = 12 x the monthly premium of the household's coverage
//!   tier + expected out-of-pocket (deductible + copays + coinsurance + not
//!   covered). Everything is integer cents; the only rounding is the
//!   engine's coinsurance rounding (half away from zero, per service).
//! * The cheapest plan is the one with the lowest total (the first listed
//!   on a tie).

use crate::claims::model::{Amounts, ClaimStatus, ClaimSummary, Network, ServiceCategory};
use crate::cost::{Accumulators, Benefit, Service};
use crate::money::Money;
use crate::plans::{CoverageTier, Plan};
use crate::problem::{push_error, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Most uses of one item a request may ask for.
pub const MAX_COUNT: i64 = 400;

/// How many times a service is asked about: a whole number from 1 to
/// [`MAX_COUNT`]. The one rule for the browser (as the member adds a
/// service, [`parse_count`]) and the server (each item of a request).
pub fn check_count(count: i64) -> Result<i64, FieldError> {
    if (1..=MAX_COUNT).contains(&count) {
        Ok(count)
    } else {
        Err(count_error())
    }
}

/// [`check_count`] on what the member typed.
pub fn parse_count(input: &str) -> Result<i64, FieldError> {
    input
        .trim()
        .parse::<i64>()
        .map_err(|_| count_error())
        .and_then(check_count)
}

fn count_error() -> FieldError {
    FieldError::new(
        "count.range",
        format!("Enter a whole number from 1 to {MAX_COUNT}."),
    )
}
/// Most services one what-if may price (all people together).
pub const MAX_SERVICES: i64 = 4_000;
/// Highest allowed amount one service may be given.
pub const MAX_ALLOWED: Money = Money::from_dollars(1_000_000);

/// Month names, for explanations.
pub use crate::dates::MONTHS;

/// A typical in-network allowed amount for one use of a benefit (demo
/// figures, of the order of US commercial prices), used when a use gives
/// no amount of its own.
pub fn typical_allowed(benefit: Benefit) -> Money {
    use Benefit::*;
    Money::from_dollars(match benefit {
        PrimaryCare => 150,
        Specialist => 250,
        UrgentCare => 200,
        EmergencyRoom => 2_200,
        InpatientStay => 15_000,
        OutpatientSurgery => 4_000,
        Lab => 100,
        Imaging => 900,
        Preventive => 220,
        GenericDrug => 15,
        PreferredBrand => 350,
        NonPreferredBrand => 600,
        SpecialtyDrug => 4_000,
        MentalHealth => 130,
        Therapy => 140,
        Maternity => 12_000,
        DurableMedicalEquipment => 300,
    })
}

/// How much care a person expects to use.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageLevel {
    /// A check-up and the odd visit.
    Low,
    /// Some visits, tests and a regular prescription.
    Medium,
    /// A chronic condition or a surgery.
    High,
}

impl UsageLevel {
    /// Every level.
    pub const ALL: &'static [UsageLevel] = &[Self::Low, Self::Medium, Self::High];

    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.as_str() == s)
    }

    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "Low use",
            Self::Medium => "Medium use",
            Self::High => "High use",
        }
    }

    /// What the level means for one person (an adult or a child).
    pub fn items(self, adult: bool) -> Vec<UseItem> {
        use Benefit::*;
        let list: &[(Benefit, i64)] = match (self, adult) {
            (Self::Low, _) => &[(Preventive, 1), (PrimaryCare, 1), (GenericDrug, 2)],
            (Self::Medium, true) => &[
                (Preventive, 1),
                (PrimaryCare, 3),
                (Specialist, 2),
                (Lab, 2),
                (Imaging, 1),
                (GenericDrug, 12),
            ],
            (Self::Medium, false) => &[
                (Preventive, 1),
                (PrimaryCare, 3),
                (UrgentCare, 1),
                (Lab, 1),
                (GenericDrug, 4),
            ],
            (Self::High, true) => &[
                (Preventive, 1),
                (PrimaryCare, 4),
                (Specialist, 8),
                (Lab, 6),
                (Imaging, 2),
                (OutpatientSurgery, 1),
                (GenericDrug, 12),
                (PreferredBrand, 12),
                (Therapy, 10),
            ],
            (Self::High, false) => &[
                (Preventive, 1),
                (PrimaryCare, 5),
                (Specialist, 4),
                (UrgentCare, 2),
                (EmergencyRoom, 1),
                (Lab, 3),
                (Imaging, 1),
                (PreferredBrand, 12),
                (Therapy, 8),
            ],
        };
        list.iter()
            .map(|&(benefit, count)| UseItem {
                benefit,
                count,
                allowed_each: None,
            })
            .collect()
    }
}

/// Some uses of one benefit.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UseItem {
    /// The kind of care.
    pub benefit: Benefit,
    /// How many times in the year (1 to [`MAX_COUNT`], [`check_count`]).
    pub count: i64,
    /// Allowed amount of each use; the typical amount when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_each: Option<Money>,
}

impl UseItem {
    /// The allowed amount of one use.
    pub fn allowed(&self) -> Money {
        self.allowed_each
            .unwrap_or_else(|| typical_allowed(self.benefit))
    }
}

/// One person's expected use.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonUse {
    /// The household member (opaque member id).
    pub member: i64,
    /// Their uses.
    pub items: Vec<UseItem>,
}

/// The household's expected use: one entry per person.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdUse {
    /// Per person.
    pub people: Vec<PersonUse>,
}

impl HouseholdUse {
    /// Everyone at one level: `(member, adult)` per person.
    pub fn preset(level: UsageLevel, people: &[(i64, bool)]) -> Self {
        Self {
            people: people
                .iter()
                .map(|&(member, adult)| PersonUse {
                    member,
                    items: level.items(adult),
                })
                .collect(),
        }
    }

    /// Checks counts and amounts, and that every person is one of
    /// `household`; errors are keyed like `people[0].items[1].count`.
    pub fn validate(&self, household: &[i64]) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut total: i64 = 0;
        for (p, person) in self.people.iter().enumerate() {
            if !household.contains(&person.member) {
                push_error(
                    &mut errors,
                    &format!("people[{p}].member"),
                    FieldError::new("member.invalid", "Choose a member of your household."),
                );
            }
            for (i, item) in person.items.iter().enumerate() {
                let field = |f: &str| format!("people[{p}].items[{i}].{f}");
                if let Err(e) = check_count(item.count) {
                    push_error(&mut errors, &field("count"), e);
                }
                if let Some(a) = item.allowed_each {
                    if a < Money::ZERO || a > MAX_ALLOWED {
                        push_error(
                            &mut errors,
                            &field("allowed_each"),
                            FieldError::new(
                                "allowed_each.range",
                                format!("Enter an amount from $0 to {MAX_ALLOWED}."),
                            ),
                        );
                    }
                }
                total = total.saturating_add(item.count.max(0));
            }
        }
        if total > MAX_SERVICES {
            push_error(
                &mut errors,
                "people",
                FieldError::new(
                    "people.too_many",
                    format!("Ask about at most {MAX_SERVICES} services in all."),
                ),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The year's services in the order they are priced: `(month, service)`.
    pub fn schedule(&self) -> Vec<(u8, Service)> {
        let mut out = Vec::new();
        for person in &self.people {
            for item in &person.items {
                let n = item.count.clamp(0, MAX_COUNT);
                let allowed = item.allowed();
                for k in 0..n {
                    let month = u8::try_from(((2 * k + 1) * 6 / n).clamp(0, 11)).unwrap_or(11);
                    out.push((
                        month,
                        Service {
                            person: person.member,
                            benefit: item.benefit,
                            network: Network::InNetwork,
                            billed: allowed,
                            allowed,
                        },
                    ));
                }
            }
        }
        out.sort_by_key(|(m, _)| *m);
        out
    }
}

/// The benefit a past claim stands for, from its category and allowed
/// amount (for the "last year's claims" preset): lab and imaging split at
/// $300, prescriptions at $50 (generic below, preferred brand above);
/// dental and vision count as preventive care.
pub fn benefit_for_claim(category: ServiceCategory, allowed: Money) -> Benefit {
    use ServiceCategory as C;
    match category {
        C::OfficeVisit => Benefit::PrimaryCare,
        C::Specialist | C::Other => Benefit::Specialist,
        C::Emergency => Benefit::EmergencyRoom,
        C::UrgentCare => Benefit::UrgentCare,
        C::HospitalStay => Benefit::InpatientStay,
        C::LabImaging if allowed >= Money::from_dollars(300) => Benefit::Imaging,
        C::LabImaging => Benefit::Lab,
        C::Prescription if allowed >= Money::from_dollars(50) => Benefit::PreferredBrand,
        C::Prescription => Benefit::GenericDrug,
        C::Preventive | C::Dental | C::Vision => Benefit::Preventive,
        C::MentalHealth => Benefit::MentalHealth,
        C::Therapy => Benefit::Therapy,
    }
}

impl HouseholdUse {
    /// Last year's actual care: one use per processed claim (with its real
    /// allowed amount), for each of `household`; claims still being
    /// processed or with nothing allowed are left out.
    pub fn from_claims<'a>(
        household: &[i64],
        claims: impl IntoIterator<Item = &'a ClaimSummary>,
    ) -> Self {
        let mut people: Vec<PersonUse> = household
            .iter()
            .map(|&member| PersonUse {
                member,
                items: Vec::new(),
            })
            .collect();
        for c in claims {
            let allowed = c.amounts.allowed;
            if allowed <= Money::ZERO
                || matches!(c.status, ClaimStatus::Received | ClaimStatus::InProcess)
            {
                continue;
            }
            if let Some(p) = people.iter_mut().find(|p| p.member == c.patient_id) {
                p.items.push(UseItem {
                    benefit: benefit_for_claim(c.category, allowed),
                    count: 1,
                    allowed_each: Some(allowed),
                });
            }
        }
        Self { people }
    }
}

/// What the member pays, by kind.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// Toward the deductible.
    pub deductible: Money,
    /// Copays.
    pub copay: Money,
    /// Coinsurance.
    pub coinsurance: Money,
    /// Care the plan does not cover.
    pub not_covered: Money,
}

/// One plan's estimated year.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCost {
    /// Plan code.
    pub plan_id: String,
    /// Plan name.
    pub plan_name: String,
    /// Monthly premium for the household's tier.
    pub monthly_premium: Money,
    /// Twelve months of it.
    pub premiums: Money,
    /// Expected out-of-pocket: the sum of the breakdown.
    pub expected_oop: Money,
    /// Premiums + expected out-of-pocket.
    pub total: Money,
    /// Out-of-pocket by kind.
    pub breakdown: Breakdown,
    /// What the plan would pay for the same care.
    pub plan_pays: Money,
    /// Month (0 = January) in which someone first has no deductible left.
    pub deductible_month: Option<u8>,
    /// Month in which someone first reaches the out-of-pocket maximum.
    pub oop_max_month: Option<u8>,
    /// The lowest total of those compared.
    pub cheapest: bool,
    /// Plain-language explanation, one sentence each.
    pub facts: Vec<String>,
}

/// `POST /api/v1/plans/what-if` answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhatIfResult {
    /// The coverage tier the premiums are for.
    pub tier: CoverageTier,
    /// Services priced per plan.
    pub services: u32,
    /// One per plan, in the order asked.
    pub results: Vec<PlanCost>,
}

/// Prices a year of `schedule` under one plan.
pub fn price_year(
    plan: &Plan,
    tier: CoverageTier,
    covered_people: u32,
    schedule: &[(u8, Service)],
) -> PlanCost {
    let design = &plan.design;
    let mut acc = Accumulators::new(covered_people);
    let mut total = Amounts::default();
    let mut deductible_month = None;
    let mut oop_max_month = None;
    for (month, s) in schedule {
        let a = design.adjudicate(&mut acc, s).amounts;
        total = total.add(&a);
        if deductible_month.is_none()
            && a.deductible > Money::ZERO
            && design.deductible_left(&acc, s.person, true, s.benefit.is_drug()) == Money::ZERO
            && !(s.benefit.is_drug() && design.rx_deductible.is_some())
        {
            deductible_month = Some(*month);
        }
        if oop_max_month.is_none()
            && a.member_owes > a.not_covered
            && design.oop_left(&acc, s.person, true) == Money::ZERO
        {
            oop_max_month = Some(*month);
        }
    }
    let breakdown = Breakdown {
        deductible: total.deductible,
        copay: total.copay,
        coinsurance: total.coinsurance,
        not_covered: total.not_covered,
    };
    let expected_oop = total.member_owes;
    let premiums = plan.premiums.yearly(tier);
    let monthly = plan.premiums.monthly(tier);
    let family = covered_people > 1;
    let mut facts = vec![format!(
        "Premiums: {monthly} a month for {} coverage, {premiums} a year.",
        tier.label()
    )];
    let limits = design.in_network;
    let ded = if family {
        format!(
            "{} per person, {} for the family",
            limits.deductible_individual, limits.deductible_family
        )
    } else {
        limits.deductible_individual.to_string()
    };
    facts.push(match deductible_month {
        Some(m) if family => format!(
            "Someone in your household would reach the deductible ({ded}) in {}.",
            MONTHS[usize::from(m)]
        ),
        Some(m) => format!(
            "You would reach the deductible ({ded}) in {}.",
            MONTHS[usize::from(m)]
        ),
        None => format!("With this use you would not reach the deductible ({ded})."),
    });
    if let Some(m) = oop_max_month {
        facts.push(format!(
            "You would reach the out-of-pocket maximum in {}; after that the plan pays all covered in-network care.",
            MONTHS[usize::from(m)]
        ));
    }
    facts.push(format!(
        "You would pay {expected_oop} for care ({} deductible, {} copays, {} coinsurance); the plan would pay {}.",
        breakdown.deductible, breakdown.copay, breakdown.coinsurance, total.plan_paid
    ));
    if breakdown.not_covered > Money::ZERO {
        facts.push(format!(
            "{} is for care this plan does not cover (limits or exclusions).",
            breakdown.not_covered
        ));
    }
    if plan.hsa_eligible {
        facts.push(
            "HSA-eligible: you can set money aside before tax in a health savings account to pay these costs."
                .into(),
        );
    }
    PlanCost {
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        monthly_premium: monthly,
        premiums,
        expected_oop,
        total: premiums + expected_oop,
        breakdown,
        plan_pays: total.plan_paid,
        deductible_month,
        oop_max_month,
        cheapest: false,
        facts,
    }
}

/// Runs the household's use through each plan and marks the cheapest.
pub fn run(plans: &[&Plan], tier: CoverageTier, usage: &HouseholdUse) -> WhatIfResult {
    let schedule = usage.schedule();
    let covered = u32::try_from(usage.people.len()).unwrap_or(1).max(1);
    let mut results: Vec<PlanCost> = plans
        .iter()
        .map(|p| price_year(p, tier, covered, &schedule))
        .collect();
    if let Some(min) = results.iter().map(|r| r.total).min() {
        if let Some(r) = results.iter_mut().find(|r| r.total == min) {
            r.cheapest = true;
        }
    }
    WhatIfResult {
        tier,
        services: u32::try_from(schedule.len()).unwrap_or(u32::MAX),
        results,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::{CostShare, Limits, PlanDesign};
    use crate::plans::{MetalTier, PlanType, Premiums};
    use proptest::prelude::*;

    fn d(x: i64) -> Money {
        Money::from_dollars(x)
    }

    fn plan(id: &str, ded: i64, oop: i64, premium: i64, primary: CostShare) -> Plan {
        let co = CostShare::coinsurance_after_deductible(2000);
        let mut benefits: std::collections::BTreeMap<_, _> = Benefit::ALL
            .iter()
            .map(|b| (*b, (co, CostShare::NOT_COVERED)))
            .collect();
        benefits.insert(Benefit::PrimaryCare, (primary, CostShare::NOT_COVERED));
        benefits.insert(
            Benefit::Preventive,
            (CostShare::FREE, CostShare::NOT_COVERED),
        );
        Plan {
            id: id.into(),
            name: id.into(),
            year: 2027,
            plan_type: PlanType::Ppo,
            metal: MetalTier::Silver,
            hsa_eligible: false,
            network: "Test".into(),
            premiums: Premiums {
                member_only: d(premium),
                member_spouse: d(premium * 2),
                member_children: d(premium * 2),
                family: d(premium * 3),
            },
            design: PlanDesign {
                in_network: Limits {
                    deductible_individual: d(ded),
                    deductible_family: d(ded * 2),
                    oop_individual: d(oop),
                    oop_family: d(oop * 2),
                },
                out_of_network: None,
                embedded_deductible: true,
                rx_deductible: None,
                benefits,
                telehealth: Default::default(),
            },
        }
    }

    #[test]
    fn schedule_spreads_uses_over_the_year() {
        let use_ = |benefit, count| UseItem {
            benefit,
            count,
            allowed_each: None,
        };
        let u = HouseholdUse {
            people: vec![PersonUse {
                member: 1,
                items: vec![use_(Benefit::Maternity, 1), use_(Benefit::GenericDrug, 12)],
            }],
        };
        let months: Vec<u8> = u.schedule().iter().map(|(m, _)| *m).collect();
        assert_eq!(months.len(), 13);
        // twelve refills one a month, the baby in July (after June's refill)
        let baby = u
            .schedule()
            .iter()
            .position(|(_, s)| s.benefit == Benefit::Maternity);
        assert_eq!(u.schedule()[baby.unwrap_or(0)].0, 6);
        assert!(months.windows(2).all(|w| w[0] <= w[1]));
        let four: Vec<u8> = HouseholdUse {
            people: vec![PersonUse {
                member: 1,
                items: vec![use_(Benefit::Specialist, 4)],
            }],
        }
        .schedule()
        .iter()
        .map(|(m, _)| *m)
        .collect();
        assert_eq!(four, vec![1, 4, 7, 10]);
    }

    /// Worked what-if: one person, 4 specialist visits ($250), 1 MRI ($900),
    /// 12 generics ($15), a baby ($12,000); $1,000 deductible, 20%, $4,000 max.
    #[test]
    fn worked_year_totals_and_facts() {
        let p = plan("A", 1000, 4000, 300, CostShare::copay(25));
        let usage = HouseholdUse {
            people: vec![PersonUse {
                member: 1,
                items: vec![
                    UseItem {
                        benefit: Benefit::Specialist,
                        count: 4,
                        allowed_each: None,
                    },
                    UseItem {
                        benefit: Benefit::Imaging,
                        count: 1,
                        allowed_each: None,
                    },
                    UseItem {
                        benefit: Benefit::GenericDrug,
                        count: 12,
                        allowed_each: None,
                    },
                    UseItem {
                        benefit: Benefit::Maternity,
                        count: 1,
                        allowed_each: None,
                    },
                ],
            }],
        };
        let r = run(&[&p], CoverageTier::MemberOnly, &usage);
        let c = &r.results[0];
        // Jan $15 (ded), Feb $15 + $250 (ded 280), Mar 15 (295), Apr 15 (310),
        // May 15 + 250 (575), Jun 15 (590), Jul 15 (605) then MRI 900: 395 ded
        // (1,000 met in July) + 20% of 505 = 101; baby 12,000: 20% = 2,400;
        // Aug..Dec: 5 refills x $3, Aug and Nov visits 2 x $50.
        assert_eq!(c.deductible_month, Some(6));
        assert_eq!(c.breakdown.deductible, d(1000));
        assert_eq!(c.breakdown.copay, Money::ZERO);
        assert_eq!(
            c.breakdown.coinsurance,
            Money::from_cents(10_100 + 240_000 + 5 * 300 + 2 * 5_000)
        );
        assert_eq!(c.expected_oop, Money::from_cents(100_000 + 261_600));
        assert_eq!(c.premiums, d(3600));
        assert_eq!(c.total, c.premiums + c.expected_oop);
        assert!(c.cheapest);
        assert!(
            c.facts.iter().any(|f| f.contains("in July")),
            "{:?}",
            c.facts
        );
        assert_eq!(r.services, 18);
    }

    #[test]
    fn cheapest_is_the_lowest_total_first_on_ties() {
        let a = plan("A", 500, 3000, 350, CostShare::copay(20));
        let b = plan(
            "B",
            3000,
            7000,
            250,
            CostShare::coinsurance_after_deductible(2000),
        );
        let c = plan(
            "C",
            3000,
            7000,
            250,
            CostShare::coinsurance_after_deductible(2000),
        );
        let people = [(1, true), (2, true), (3, false), (4, false)];
        let low = run(
            &[&a, &b, &c],
            CoverageTier::Family,
            &HouseholdUse::preset(UsageLevel::Low, &people),
        );
        let cheapest: Vec<&str> = low
            .results
            .iter()
            .filter(|r| r.cheapest)
            .map(|r| r.plan_id.as_str())
            .collect();
        assert_eq!(
            cheapest,
            vec!["B"],
            "low use: the low premium wins, first on a tie"
        );
        let high = run(
            &[&a, &b],
            CoverageTier::Family,
            &HouseholdUse::preset(UsageLevel::High, &people),
        );
        assert!(
            high.results[0].cheapest,
            "high use: the low deductible wins"
        );
        assert!(high
            .results
            .iter()
            .all(|r| r.total == r.premiums + r.expected_oop));
    }

    #[test]
    fn counts_are_one_rule_for_typed_and_sent_values() {
        for (typed, want) in [
            ("1", Ok(1)),
            (" 12 ", Ok(12)),
            ("400", Ok(400)),
            ("0", Err("count.range")),
            ("401", Err("count.range")),
            ("-3", Err("count.range")),
            ("2.5", Err("count.range")),
            ("", Err("count.range")),
        ] {
            let got = parse_count(typed).map_err(|e| e.code);
            assert_eq!(got, want.map_err(str::to_string), "{typed:?}");
            if let Ok(n) = want {
                assert_eq!(check_count(n), Ok(n));
            }
        }
    }

    #[test]
    fn validation_names_the_field() {
        let u = HouseholdUse {
            people: vec![PersonUse {
                member: 9,
                items: vec![
                    UseItem {
                        benefit: Benefit::Lab,
                        count: -1,
                        allowed_each: None,
                    },
                    UseItem {
                        benefit: Benefit::Lab,
                        count: 2,
                        allowed_each: Some(Money::from_cents(-5)),
                    },
                ],
            }],
        };
        let e = u.validate(&[1, 2]).err().unwrap_or_default();
        let keys: Vec<&str> = e.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            vec![
                "people[0].items[0].count",
                "people[0].items[1].allowed_each",
                "people[0].member"
            ]
        );
        assert!(HouseholdUse::preset(UsageLevel::High, &[(1, true)])
            .validate(&[1])
            .is_ok());
    }

    proptest! {
        #[test]
        fn totals_add_up_and_respect_the_family_maximum(counts in proptest::collection::vec((0usize..17, 0i64..30, 1usize..5), 0..30)) {
            let p = plan("A", 1500, 5000, 400, CostShare::copay(30));
            let mut people: Vec<PersonUse> = (1..=4).map(|m| PersonUse { member: m, items: vec![] }).collect();
            for (b, count, who) in counts {
                people[who - 1].items.push(UseItem { benefit: Benefit::ALL[b], count, allowed_each: None });
            }
            let r = run(&[&p], CoverageTier::Family, &HouseholdUse { people });
            let c = &r.results[0];
            let b = c.breakdown;
            prop_assert_eq!(b.deductible + b.copay + b.coinsurance + b.not_covered, c.expected_oop);
            prop_assert!(c.expected_oop - b.not_covered <= p.design.in_network.oop_family);
            prop_assert_eq!(c.total, c.premiums + c.expected_oop);
        }
    }
}
