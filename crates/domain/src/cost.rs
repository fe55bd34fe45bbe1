//! The cost-sharing engine: what a covered service costs the member and the
//! plan, given the plan design and what the household has already spent this
//! plan year.
//!
//! Order of adjudication (as in the CMS coverage-examples calculator):
//! 1. the allowed amount;
//! 2. covered or not (limits and exclusions, visit limits): what is not
//!    covered goes to the member as "not covered" and counts toward nothing;
//! 3. the deductible, where it applies (the separate drug deductible for
//!    drugs when the plan has one), limited by both the individual and, for
//!    family coverage, the family amount still to meet;
//! 4. the copay, then the coinsurance on what remains;
//! 5. the out-of-pocket maximum (individual and family): the member's share
//!    is capped at what is left before either is reached; the cap cuts
//!    coinsurance first, then the copay, then the deductible part (the parts
//!    applied last are the ones the cap reaches);
//! 6. the plan pays the rest of the allowed amount.
//!
//! Rounding: coinsurance is `Money::percent_bps`, half away from zero to the
//! cent; every other step is exact integer cents.
//!
//! Deductibles: *embedded* means each person stops paying deductible when
//! their own individual amount is met **or** the family amount is met;
//! *aggregate* (non-embedded) family coverage has only the family amount.
//! In- and out-of-network amounts accumulate separately.

use crate::claims::model::{Amounts, Network, ServiceCategory};
use crate::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Benefit categories of a plan design (the rows of a Summary of Benefits).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    /// Primary care visit.
    PrimaryCare,
    /// Specialist visit.
    Specialist,
    /// Urgent care.
    UrgentCare,
    /// Emergency room.
    EmergencyRoom,
    /// Inpatient hospital stay.
    InpatientStay,
    /// Outpatient surgery.
    OutpatientSurgery,
    /// Lab tests.
    Lab,
    /// Imaging (X-ray, MRI, CT).
    Imaging,
    /// Preventive care.
    Preventive,
    /// Generic drugs.
    GenericDrug,
    /// Preferred brand drugs.
    PreferredBrand,
    /// Non-preferred brand drugs.
    NonPreferredBrand,
    /// Specialty drugs.
    SpecialtyDrug,
    /// Mental health outpatient.
    MentalHealth,
    /// Physical, occupational, speech therapy.
    Therapy,
    /// Maternity (delivery and facility).
    Maternity,
    /// Durable medical equipment.
    DurableMedicalEquipment,
}

impl Benefit {
    /// Every benefit, in Summary-of-Benefits order.
    pub const ALL: &'static [Benefit] = &[
        Self::PrimaryCare,
        Self::Specialist,
        Self::UrgentCare,
        Self::EmergencyRoom,
        Self::InpatientStay,
        Self::OutpatientSurgery,
        Self::Lab,
        Self::Imaging,
        Self::Preventive,
        Self::GenericDrug,
        Self::PreferredBrand,
        Self::NonPreferredBrand,
        Self::SpecialtyDrug,
        Self::MentalHealth,
        Self::Therapy,
        Self::Maternity,
        Self::DurableMedicalEquipment,
    ];

    /// Whether this is a prescription drug benefit (the drug deductible applies).
    pub fn is_drug(self) -> bool {
        matches!(
            self,
            Self::GenericDrug
                | Self::PreferredBrand
                | Self::NonPreferredBrand
                | Self::SpecialtyDrug
        )
    }

    /// The code on the wire and in the database (serde's snake_case name).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PrimaryCare => "primary_care",
            Self::Specialist => "specialist",
            Self::UrgentCare => "urgent_care",
            Self::EmergencyRoom => "emergency_room",
            Self::InpatientStay => "inpatient_stay",
            Self::OutpatientSurgery => "outpatient_surgery",
            Self::Lab => "lab",
            Self::Imaging => "imaging",
            Self::Preventive => "preventive",
            Self::GenericDrug => "generic_drug",
            Self::PreferredBrand => "preferred_brand",
            Self::NonPreferredBrand => "non_preferred_brand",
            Self::SpecialtyDrug => "specialty_drug",
            Self::MentalHealth => "mental_health",
            Self::Therapy => "therapy",
            Self::Maternity => "maternity",
            Self::DurableMedicalEquipment => "durable_medical_equipment",
        }
    }

    /// The benefit of a code written by [`Benefit::as_str`].
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|b| b.as_str() == code)
    }

    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            Self::PrimaryCare => "Primary care visit",
            Self::Specialist => "Specialist visit",
            Self::UrgentCare => "Urgent care",
            Self::EmergencyRoom => "Emergency room",
            Self::InpatientStay => "Hospital stay",
            Self::OutpatientSurgery => "Outpatient surgery",
            Self::Lab => "Lab test",
            Self::Imaging => "Imaging (X-ray, MRI, CT)",
            Self::Preventive => "Preventive care",
            Self::GenericDrug => "Generic drug",
            Self::PreferredBrand => "Preferred brand drug",
            Self::NonPreferredBrand => "Non-preferred brand drug",
            Self::SpecialtyDrug => "Specialty drug",
            Self::MentalHealth => "Mental health visit",
            Self::Therapy => "Therapy visit",
            Self::Maternity => "Maternity (having a baby)",
            Self::DurableMedicalEquipment => "Medical equipment",
        }
    }
}

/// The member's share for one benefit in one network.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostShare {
    /// Covered at all in this network.
    pub covered: bool,
    /// Whether the deductible must be met first.
    pub deductible_applies: bool,
    /// Flat copay per service.
    pub copay: Money,
    /// Coinsurance in basis points (2000 = 20%), on what remains after the copay.
    pub coinsurance_bps: u32,
    /// Covered services per member per year; beyond it, not covered.
    pub visit_limit: Option<u32>,
}

impl CostShare {
    /// Not covered.
    pub const NOT_COVERED: CostShare = CostShare {
        covered: false,
        deductible_applies: false,
        copay: Money::ZERO,
        coinsurance_bps: 0,
        visit_limit: None,
    };

    /// Covered at no cost (preventive care in network).
    pub const FREE: CostShare = CostShare {
        covered: true,
        deductible_applies: false,
        copay: Money::ZERO,
        coinsurance_bps: 0,
        visit_limit: None,
    };

    /// A copay, no deductible.
    pub const fn copay(dollars: i64) -> Self {
        Self {
            covered: true,
            deductible_applies: false,
            copay: Money::from_dollars(dollars),
            coinsurance_bps: 0,
            visit_limit: None,
        }
    }

    /// Coinsurance after the deductible.
    pub const fn coinsurance_after_deductible(bps: u32) -> Self {
        Self {
            covered: true,
            deductible_applies: true,
            copay: Money::ZERO,
            coinsurance_bps: bps,
            visit_limit: None,
        }
    }
}

/// Deductible and out-of-pocket maximum of one network.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Individual deductible.
    pub deductible_individual: Money,
    /// Family deductible.
    pub deductible_family: Money,
    /// Individual out-of-pocket maximum.
    pub oop_individual: Money,
    /// Family out-of-pocket maximum.
    pub oop_family: Money,
}

/// What a plan covers and how the member shares the cost.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanDesign {
    /// In-network deductibles and maximums.
    pub in_network: Limits,
    /// Out-of-network ones; `None` when the plan covers no out-of-network
    /// care (HMO, EPO) except emergencies.
    pub out_of_network: Option<Limits>,
    /// Embedded (true) or aggregate (false) family deductible.
    pub embedded_deductible: bool,
    /// A separate individual prescription deductible, where the plan has one.
    pub rx_deductible: Option<Money>,
    /// Cost sharing by benefit: (in network, out of network).
    pub benefits: BTreeMap<Benefit, (CostShare, CostShare)>,
    /// How in-network virtual visits are covered (absent in older stored
    /// designs: the same as in person).
    #[serde(default)]
    pub telehealth: Telehealth,
}

/// How a plan covers in-network virtual (telehealth) visits for the
/// benefits in [`Telehealth::BENEFITS`]. Out of network a virtual visit
/// costs what the same visit costs in person.
///
/// `before_deductible` is the design choice the HDHP telehealth safe harbour
/// allows an HSA-eligible plan (26 U.S.C. 223(c)(2)(E), made permanent for
/// plan years beginning after 31 December 2024): the deductible does not
/// apply to a virtual visit, so the member pays only its copay or
/// coinsurance from the first dollar.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Telehealth {
    /// Virtual visits are covered before the deductible is met.
    pub before_deductible: bool,
    /// A flat copay instead of the in-person share; `None`: the in-person
    /// copay or coinsurance.
    pub copay: Option<Money>,
}

impl Telehealth {
    /// The benefits a virtual visit can be.
    pub const BENEFITS: [Benefit; 4] = [
        Benefit::PrimaryCare,
        Benefit::Specialist,
        Benefit::UrgentCare,
        Benefit::MentalHealth,
    ];

    /// The in-network share of a virtual visit whose in-person share is
    /// `in_person` (visit limits stay those of the benefit).
    pub fn share(self, in_person: CostShare) -> CostShare {
        if !in_person.covered {
            return in_person;
        }
        let deductible_applies = in_person.deductible_applies && !self.before_deductible;
        match self.copay {
            Some(copay) => CostShare {
                covered: true,
                deductible_applies,
                copay,
                coinsurance_bps: 0,
                visit_limit: in_person.visit_limit,
            },
            None => CostShare {
                deductible_applies,
                ..in_person
            },
        }
    }
}

/// One person's running totals in one network.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Met {
    /// Deductible met.
    pub deductible: Money,
    /// Out-of-pocket spending counted toward the maximum.
    pub oop: Money,
    /// Drug deductible met.
    pub rx_deductible: Money,
}

/// The household's plan-year totals, per person and network.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accumulators {
    /// Per (person, network).
    pub people: BTreeMap<(i64, bool), Met>,
    /// Services used per (person, benefit, in network), for visit limits.
    pub visits: BTreeMap<(i64, Benefit, bool), u32>,
    /// Number of people covered (family coverage when more than one).
    pub covered_people: u32,
}

impl Accumulators {
    /// Empty totals for a household of `covered_people`.
    pub fn new(covered_people: u32) -> Self {
        Self {
            covered_people,
            ..Self::default()
        }
    }

    /// One person's totals in a network.
    pub fn person(&self, person: i64, in_network: bool) -> Met {
        self.people
            .get(&(person, in_network))
            .copied()
            .unwrap_or_default()
    }

    /// The family's totals in a network.
    pub fn family(&self, in_network: bool) -> Met {
        self.people
            .iter()
            .filter(|((_, n), _)| *n == in_network)
            .fold(Met::default(), |acc, (_, m)| Met {
                deductible: acc.deductible + m.deductible,
                oop: acc.oop + m.oop,
                rx_deductible: acc.rx_deductible + m.rx_deductible,
            })
    }

    fn is_family(&self) -> bool {
        self.covered_people > 1
    }

    /// Adds a priced service (or a processed claim) to the totals: its
    /// deductible part to the deductible met (the drug deductible when
    /// `drug_deductible`), and what the member owes except "not covered" to
    /// the out-of-pocket total. The engine calls this after each service; the
    /// server calls it for each of the year's claims, so the accumulators a
    /// member sees are the sums the claims page shows.
    pub fn record(
        &mut self,
        person: i64,
        in_network: bool,
        amounts: &Amounts,
        drug_deductible: bool,
    ) {
        let entry = self.people.entry((person, in_network)).or_default();
        if drug_deductible {
            entry.rx_deductible += amounts.deductible;
        } else {
            entry.deductible += amounts.deductible;
        }
        entry.oop += amounts.member_owes - amounts.not_covered;
    }

    /// Adds one processed claim of the year under `design`: it counts in
    /// network when its provider is, and emergency care always does (the
    /// engine prices it so); a prescription goes to the drug deductible when
    /// the plan has one. The one rule for the accumulators the server shows
    /// and the demo data it seeds.
    pub fn record_claim(
        &mut self,
        design: &PlanDesign,
        person: i64,
        network: Network,
        category: ServiceCategory,
        amounts: &Amounts,
    ) {
        let in_network = network == Network::InNetwork || category == ServiceCategory::Emergency;
        let drug = category == ServiceCategory::Prescription && design.rx_deductible.is_some();
        self.record(person, in_network, amounts, drug);
    }
}

/// One service to price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Service {
    /// Who receives it (any stable person key).
    pub person: i64,
    /// Benefit category.
    pub benefit: Benefit,
    /// In or out of network.
    pub network: Network,
    /// What the provider charges.
    pub billed: Money,
    /// The plan's allowed amount (negotiated rate in network).
    pub allowed: Money,
}

/// The outcome of pricing one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adjudication {
    /// Amounts by category (obeying the claim amount rules).
    pub amounts: Amounts,
    /// Out of network, the provider may bill the member the difference
    /// between the charge and the allowed amount (balance billing); it counts
    /// toward nothing.
    pub balance_bill: Money,
}

fn remaining(limit: Money, met: Money) -> Money {
    (limit - met).clamp_non_negative()
}

impl PlanDesign {
    /// The deductibles and maximums of a network (`None`: not covered there).
    pub fn limits(&self, in_network: bool) -> Option<Limits> {
        if in_network {
            Some(self.in_network)
        } else {
            self.out_of_network
        }
    }

    /// Deductible `person` still has to meet in a network before cost
    /// sharing starts: the separate drug deductible for a drug when the plan
    /// has one; otherwise the individual amount, limited by the family amount
    /// (embedded), or only the family amount (aggregate family coverage).
    pub fn deductible_left(
        &self,
        acc: &Accumulators,
        person: i64,
        in_network: bool,
        drug: bool,
    ) -> Money {
        let Some(limits) = self.limits(in_network) else {
            return Money::ZERO;
        };
        let me = acc.person(person, in_network);
        match (drug, self.rx_deductible) {
            (true, Some(rx)) => remaining(rx, me.rx_deductible),
            _ => {
                let own = remaining(limits.deductible_individual, me.deductible);
                let fam_left =
                    remaining(limits.deductible_family, acc.family(in_network).deductible);
                match (acc.is_family(), self.embedded_deductible) {
                    (false, _) => own,
                    (true, true) => own.min(fam_left),
                    (true, false) => fam_left,
                }
            }
        }
    }

    /// What `person` can still pay toward the out-of-pocket maximum in a
    /// network: the individual amount left, limited by the family amount left.
    pub fn oop_left(&self, acc: &Accumulators, person: i64, in_network: bool) -> Money {
        let Some(limits) = self.limits(in_network) else {
            return Money::ZERO;
        };
        let own = remaining(limits.oop_individual, acc.person(person, in_network).oop);
        if acc.is_family() {
            own.min(remaining(limits.oop_family, acc.family(in_network).oop))
        } else {
            own
        }
    }

    /// Cost sharing for a benefit in a network.
    pub fn share(&self, benefit: Benefit, network: Network) -> CostShare {
        self.benefits
            .get(&benefit)
            .map(|(i, o)| {
                if network == Network::InNetwork {
                    *i
                } else {
                    *o
                }
            })
            .unwrap_or(CostShare::NOT_COVERED)
    }

    /// This design as it prices virtual visits: the in-network shares of
    /// [`Telehealth::BENEFITS`] replaced by [`Telehealth::share`]; price a
    /// virtual visit with [`PlanDesign::adjudicate`] on the result.
    pub fn for_virtual_visits(&self) -> PlanDesign {
        let mut design = self.clone();
        for benefit in Telehealth::BENEFITS {
            if let Some((in_net, _)) = design.benefits.get_mut(&benefit) {
                *in_net = self.telehealth.share(*in_net);
            }
        }
        design
    }

    /// Prices one service and adds it to `acc`.
    pub fn adjudicate(&self, acc: &mut Accumulators, s: &Service) -> Adjudication {
        // Emergencies are covered at the in-network level wherever they happen.
        let emergency = s.benefit == Benefit::EmergencyRoom;
        let in_net = s.network == Network::InNetwork || emergency;
        let limits = self.limits(in_net);
        let share = self.share(
            s.benefit,
            if in_net {
                Network::InNetwork
            } else {
                Network::OutOfNetwork
            },
        );
        let allowed = s.allowed.clamp_non_negative();
        let billed = s.billed.max(allowed);
        let balance_bill = if in_net {
            Money::ZERO
        } else {
            billed - allowed
        };
        let visits = acc.visits.entry((s.person, s.benefit, in_net)).or_insert(0);
        let over_limit = share.visit_limit.is_some_and(|n| *visits >= n);
        let (Some(_), true, false) = (limits, share.covered, over_limit) else {
            let amounts = Amounts {
                billed,
                not_covered: allowed,
                member_owes: allowed,
                ..Amounts::default()
            };
            return Adjudication {
                amounts,
                balance_bill,
            };
        };
        *visits += 1;

        // 3. deductible
        let drug_deductible =
            share.deductible_applies && s.benefit.is_drug() && self.rx_deductible.is_some();
        let mut deductible = if share.deductible_applies {
            allowed.min(self.deductible_left(acc, s.person, in_net, s.benefit.is_drug()))
        } else {
            Money::ZERO
        };
        // 4. copay, then coinsurance on the rest
        let after_deductible = allowed - deductible;
        let mut copay = share.copay.min(after_deductible);
        let mut coinsurance = (after_deductible - copay).percent_bps(share.coinsurance_bps);
        // 5. out-of-pocket maximum
        let oop_left = self.oop_left(acc, s.person, in_net);
        let mut over = (deductible + copay + coinsurance - oop_left).clamp_non_negative();
        for part in [&mut coinsurance, &mut copay, &mut deductible] {
            let cut = over.min(*part);
            *part -= cut;
            over -= cut;
        }
        let member = deductible + copay + coinsurance;
        let amounts = Amounts {
            billed,
            allowed,
            plan_paid: allowed - member,
            deductible,
            copay,
            coinsurance,
            not_covered: Money::ZERO,
            member_owes: member,
        };
        acc.record(s.person, in_net, &amounts, drug_deductible);
        Adjudication {
            amounts,
            balance_bill,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(x: i64) -> Money {
        Money::from_dollars(x)
    }

    #[test]
    fn benefit_codes_are_serdes_names_and_parse_back() {
        for &b in Benefit::ALL {
            let json = serde_json::to_value(b).expect("serializes");
            assert_eq!(json.as_str(), Some(b.as_str()), "{b:?}");
            assert_eq!(Benefit::parse(b.as_str()), Some(b));
        }
        assert_eq!(Benefit::parse("Primary care"), None);
        assert_eq!(Benefit::parse(""), None);
    }

    fn limits(ded: i64, ded_fam: i64, oop: i64, oop_fam: i64) -> Limits {
        Limits {
            deductible_individual: d(ded),
            deductible_family: d(ded_fam),
            oop_individual: d(oop),
            oop_family: d(oop_fam),
        }
    }

    /// The Uniform Glossary's Jane: deductible $1,500, 20% coinsurance, OOP max $5,000.
    fn jane_plan() -> PlanDesign {
        let co = CostShare::coinsurance_after_deductible(2000);
        PlanDesign {
            in_network: limits(1500, 3000, 5000, 10000),
            out_of_network: Some(limits(3000, 6000, 10000, 20000)),
            embedded_deductible: true,
            rx_deductible: None,
            benefits: Benefit::ALL
                .iter()
                .map(|b| (*b, (co, CostShare::coinsurance_after_deductible(4000))))
                .collect(),
            telehealth: Telehealth::default(),
        }
    }

    fn visit(person: i64, benefit: Benefit, allowed: i64) -> Service {
        Service {
            person,
            benefit,
            network: Network::InNetwork,
            billed: d(allowed),
            allowed: d(allowed),
        }
    }

    #[test]
    fn claims_count_by_network_and_drug_deductible() {
        let amounts = Amounts {
            billed: d(300),
            allowed: d(200),
            plan_paid: d(50),
            deductible: d(100),
            copay: d(0),
            coinsurance: d(50),
            not_covered: d(0),
            member_owes: d(150),
        };
        let mut with_rx = jane_plan();
        with_rx.rx_deductible = Some(d(250));
        // (plan has a drug deductible, network, category) -> (in network, drug deductible)
        let table = [
            (
                false,
                Network::InNetwork,
                ServiceCategory::Specialist,
                true,
                false,
            ),
            (
                false,
                Network::OutOfNetwork,
                ServiceCategory::Specialist,
                false,
                false,
            ),
            (
                false,
                Network::OutOfNetwork,
                ServiceCategory::Emergency,
                true,
                false,
            ),
            (
                false,
                Network::InNetwork,
                ServiceCategory::Prescription,
                true,
                false,
            ),
            (
                true,
                Network::InNetwork,
                ServiceCategory::Prescription,
                true,
                true,
            ),
            (
                true,
                Network::OutOfNetwork,
                ServiceCategory::Prescription,
                false,
                true,
            ),
        ];
        for (rx, network, category, in_net, drug) in table {
            let design = if rx { with_rx.clone() } else { jane_plan() };
            let mut acc = Accumulators::new(1);
            acc.record_claim(&design, 7, network, category, &amounts);
            let p = acc.person(7, in_net);
            let (ded, rx_ded) = if drug { (d(0), d(100)) } else { (d(100), d(0)) };
            assert_eq!(
                (p.deductible, p.rx_deductible, p.oop),
                (ded, rx_ded, d(150)),
                "{network:?} {category:?} rx={rx}"
            );
            assert_eq!(acc.person(7, !in_net).oop, d(0));
        }
    }

    #[test]
    fn jane_worked_case() {
        let plan = jane_plan();
        let mut acc = Accumulators::new(1);
        // before the deductible is met: $125 visit costs Jane $125
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::Specialist, 125))
            .amounts;
        assert_eq!(
            (a.member_owes, a.plan_paid, a.deductible),
            (d(125), d(0), d(125))
        );
        // meet the rest of the deductible
        plan.adjudicate(&mut acc, &visit(1, Benefit::Specialist, 1375));
        assert_eq!(acc.person(1, true).deductible, d(1500));
        // after: a $75 visit costs Jane $15 and the plan $60
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::Specialist, 75))
            .amounts;
        assert_eq!(
            (a.member_owes, a.plan_paid, a.coinsurance),
            (d(15), d(60), d(15))
        );
        // reach the out-of-pocket maximum
        plan.adjudicate(&mut acc, &visit(1, Benefit::InpatientStay, 100_000));
        assert_eq!(acc.person(1, true).oop, d(5000));
        // after: a $200 visit costs Jane $0
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::Specialist, 200))
            .amounts;
        assert_eq!((a.member_owes, a.plan_paid), (d(0), d(200)));
    }

    #[test]
    fn copay_before_and_after_deductible() {
        let mut plan = jane_plan();
        plan.benefits.insert(
            Benefit::PrimaryCare,
            (CostShare::copay(25), CostShare::NOT_COVERED),
        );
        plan.benefits.insert(
            Benefit::UrgentCare,
            (
                CostShare {
                    covered: true,
                    deductible_applies: true,
                    copay: d(75),
                    coinsurance_bps: 0,
                    visit_limit: None,
                },
                CostShare::NOT_COVERED,
            ),
        );
        let mut acc = Accumulators::new(1);
        // a copay plan does not touch the deductible
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::PrimaryCare, 140))
            .amounts;
        assert_eq!((a.copay, a.deductible, a.plan_paid), (d(25), d(0), d(115)));
        // deductible then copay: $200 urgent care with the deductible unmet -> all deductible
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::UrgentCare, 200))
            .amounts;
        assert_eq!(
            (a.deductible, a.copay, a.member_owes),
            (d(200), d(0), d(200))
        );
        plan.adjudicate(&mut acc, &visit(1, Benefit::Specialist, 1300));
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::UrgentCare, 200))
            .amounts;
        assert_eq!((a.deductible, a.copay, a.plan_paid), (d(0), d(75), d(125)));
        // a copay larger than the allowed amount is capped at it
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::PrimaryCare, 20))
            .amounts;
        assert_eq!((a.copay, a.plan_paid), (d(20), d(0)));
    }

    #[test]
    fn family_embedded_and_aggregate_deductibles() {
        let plan = jane_plan();
        let mut acc = Accumulators::new(4);
        // two people each meet their $1,500: family $3,000 met
        plan.adjudicate(&mut acc, &visit(1, Benefit::Imaging, 2000));
        plan.adjudicate(&mut acc, &visit(2, Benefit::Imaging, 2000));
        assert_eq!(acc.family(true).deductible, d(3000));
        // a third person pays no deductible: the family amount is met
        let a = plan
            .adjudicate(&mut acc, &visit(3, Benefit::Imaging, 100))
            .amounts;
        assert_eq!((a.deductible, a.coinsurance), (d(0), d(20)));

        let aggregate = PlanDesign {
            embedded_deductible: false,
            ..jane_plan()
        };
        let mut acc = Accumulators::new(4);
        // aggregate: one person pays up to the family $3,000
        let a = aggregate
            .adjudicate(&mut acc, &visit(1, Benefit::Imaging, 2500))
            .amounts;
        assert_eq!(a.deductible, d(2500));
        let a = aggregate
            .adjudicate(&mut acc, &visit(2, Benefit::Imaging, 1000))
            .amounts;
        assert_eq!((a.deductible, a.coinsurance), (d(500), d(100)));
    }

    #[test]
    fn out_of_pocket_cap_lands_mid_claim() {
        let plan = jane_plan();
        let mut acc = Accumulators::new(1);
        plan.adjudicate(&mut acc, &visit(1, Benefit::InpatientStay, 18_000)); // 1500 + 20% of 16,500 = 4,800
        assert_eq!(acc.person(1, true).oop, d(4800));
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::Imaging, 2000))
            .amounts; // 20% = 400, only 200 left
        assert_eq!(
            (a.coinsurance, a.member_owes, a.plan_paid),
            (d(200), d(200), d(1800))
        );
        assert_eq!(acc.person(1, true).oop, d(5000));
    }

    #[test]
    fn family_out_of_pocket_cap() {
        let plan = jane_plan();
        let mut acc = Accumulators::new(3);
        plan.adjudicate(&mut acc, &visit(1, Benefit::InpatientStay, 100_000));
        plan.adjudicate(&mut acc, &visit(2, Benefit::InpatientStay, 100_000));
        assert_eq!(acc.family(true).oop, d(10_000));
        let a = plan
            .adjudicate(&mut acc, &visit(3, Benefit::Imaging, 500))
            .amounts;
        assert_eq!(a.member_owes, d(0));
    }

    #[test]
    fn separate_drug_deductible() {
        let mut plan = jane_plan();
        plan.rx_deductible = Some(d(250));
        let mut acc = Accumulators::new(1);
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::PreferredBrand, 300))
            .amounts;
        assert_eq!((a.deductible, a.coinsurance), (d(250), d(10)));
        assert_eq!(acc.person(1, true).rx_deductible, d(250));
        assert_eq!(
            acc.person(1, true).deductible,
            d(0),
            "the medical deductible is untouched"
        );
    }

    #[test]
    fn out_of_network_and_exclusions() {
        let mut plan = jane_plan();
        let mut acc = Accumulators::new(1);
        let oon = Service {
            person: 1,
            benefit: Benefit::Specialist,
            network: Network::OutOfNetwork,
            billed: d(400),
            allowed: d(250),
        };
        let r = plan.adjudicate(&mut acc, &oon);
        assert_eq!((r.amounts.deductible, r.balance_bill), (d(250), d(150)));
        assert_eq!(acc.person(1, false).deductible, d(250));
        assert_eq!(
            acc.person(1, true).deductible,
            d(0),
            "networks accumulate separately"
        );
        // HMO: no out-of-network coverage, but emergencies are covered in-network
        plan.out_of_network = None;
        let r = plan.adjudicate(&mut acc, &oon);
        assert_eq!((r.amounts.not_covered, r.amounts.plan_paid), (d(250), d(0)));
        let er = Service {
            benefit: Benefit::EmergencyRoom,
            ..oon
        };
        let r = plan.adjudicate(&mut acc, &er);
        assert_eq!((r.amounts.not_covered, r.balance_bill), (d(0), d(0)));
        // visit limit
        plan.benefits.insert(
            Benefit::Therapy,
            (
                CostShare {
                    visit_limit: Some(2),
                    ..CostShare::copay(30)
                },
                CostShare::NOT_COVERED,
            ),
        );
        let t = visit(1, Benefit::Therapy, 120);
        assert_eq!(plan.adjudicate(&mut acc, &t).amounts.copay, d(30));
        assert_eq!(plan.adjudicate(&mut acc, &t).amounts.copay, d(30));
        assert_eq!(plan.adjudicate(&mut acc, &t).amounts.not_covered, d(120));
    }

    #[test]
    fn preventive_is_free_in_network() {
        let mut plan = jane_plan();
        plan.benefits.insert(
            Benefit::Preventive,
            (
                CostShare::FREE,
                CostShare::coinsurance_after_deductible(4000),
            ),
        );
        let mut acc = Accumulators::new(1);
        let a = plan
            .adjudicate(&mut acc, &visit(1, Benefit::Preventive, 250))
            .amounts;
        assert_eq!((a.member_owes, a.plan_paid), (d(0), d(250)));
    }

    /// The table of cases: (case, family size, services before, the service,
    /// expected deductible, copay, coinsurance, member owes, plan pays), on
    /// Jane's plan with a $30 primary-care copay after the deductible, a $250
    /// drug deductible, and 40% out of network.
    #[test]
    fn cost_sharing_table() {
        type Row = (&'static str, u32, Vec<Service>, Service, [i64; 5]);
        let mut plan = jane_plan();
        plan.rx_deductible = Some(d(250));
        plan.benefits.insert(
            Benefit::PrimaryCare,
            (
                CostShare {
                    covered: true,
                    deductible_applies: true,
                    copay: d(30),
                    coinsurance_bps: 0,
                    visit_limit: None,
                },
                CostShare::coinsurance_after_deductible(4000),
            ),
        );
        let oon = |person, allowed| Service {
            network: Network::OutOfNetwork,
            billed: d(allowed * 2),
            ..visit(person, Benefit::Specialist, allowed)
        };
        let rows: Vec<Row> = vec![
            (
                "copay before deductible: all deductible",
                1,
                vec![],
                visit(1, Benefit::PrimaryCare, 150),
                [150, 0, 0, 150, 0],
            ),
            (
                "copay after deductible",
                1,
                vec![visit(1, Benefit::Imaging, 1500)],
                visit(1, Benefit::PrimaryCare, 150),
                [0, 30, 0, 30, 120],
            ),
            (
                "deductible met mid-service, then copay",
                1,
                vec![visit(1, Benefit::Imaging, 1400)],
                visit(1, Benefit::PrimaryCare, 150),
                [100, 30, 0, 130, 20],
            ),
            (
                "embedded: second person's own deductible",
                3,
                vec![visit(1, Benefit::Imaging, 1500)],
                visit(2, Benefit::Imaging, 1000),
                [1000, 0, 0, 1000, 0],
            ),
            (
                "embedded: family deductible met by two",
                3,
                vec![
                    visit(1, Benefit::Imaging, 1500),
                    visit(2, Benefit::Imaging, 1500),
                ],
                visit(3, Benefit::Imaging, 1000),
                [0, 0, 200, 200, 800],
            ),
            (
                "OOP cap lands mid-claim",
                1,
                vec![visit(1, Benefit::InpatientStay, 18_500)],
                visit(1, Benefit::Imaging, 1000),
                [0, 0, 100, 100, 900],
            ),
            (
                "drug deductible separate from medical",
                1,
                vec![visit(1, Benefit::Imaging, 1500)],
                visit(1, Benefit::GenericDrug, 100),
                [100, 0, 0, 100, 0],
            ),
            (
                "drug after the drug deductible",
                1,
                vec![visit(1, Benefit::GenericDrug, 250)],
                visit(1, Benefit::GenericDrug, 100),
                [0, 0, 20, 20, 80],
            ),
            (
                "out of network: own deductible",
                1,
                vec![visit(1, Benefit::Imaging, 1500)],
                oon(1, 400),
                [400, 0, 0, 400, 0],
            ),
            (
                "out of network after its deductible: 40%",
                1,
                vec![oon(1, 3000)],
                oon(1, 500),
                [0, 0, 200, 200, 300],
            ),
        ];
        for (case, people, before, service, [ded, copay, coins, owes, plan_pays]) in rows {
            let mut acc = Accumulators::new(people);
            for b in &before {
                plan.adjudicate(&mut acc, b);
            }
            let a = plan.adjudicate(&mut acc, &service).amounts;
            assert_eq!(
                [
                    a.deductible,
                    a.copay,
                    a.coinsurance,
                    a.member_owes,
                    a.plan_paid
                ],
                [d(ded), d(copay), d(coins), d(owes), d(plan_pays)],
                "{case}"
            );
            assert!(a.check().is_empty(), "{case}");
        }
    }

    #[test]
    fn recorded_claims_give_the_engine_totals() {
        // Accumulators rebuilt from priced amounts equal the engine's own.
        let plan = jane_plan();
        let mut engine = Accumulators::new(2);
        let mut rebuilt = Accumulators::new(2);
        for s in [
            visit(1, Benefit::Imaging, 900),
            visit(2, Benefit::Lab, 2500),
            visit(1, Benefit::InpatientStay, 30_000),
        ] {
            let a = plan.adjudicate(&mut engine, &s).amounts;
            rebuilt.record(s.person, true, &a, false);
        }
        assert_eq!(engine.people, rebuilt.people);
        assert_eq!(plan.deductible_left(&rebuilt, 1, true, false), d(0));
        assert_eq!(
            plan.oop_left(&rebuilt, 2, true),
            d(5000) - rebuilt.person(2, true).oop
        );
    }

    #[test]
    fn virtual_visits_follow_the_plans_telehealth_design() {
        let allowed = 110;
        // (design, what a first visit of the year costs: in person, virtual)
        let cases = [
            (Telehealth::default(), d(110), d(110)),
            // HSA safe harbour: no deductible, 20% from the first dollar.
            (
                Telehealth {
                    before_deductible: true,
                    copay: None,
                },
                d(110),
                d(22),
            ),
            // A flat copay that still waits for the deductible.
            (
                Telehealth {
                    before_deductible: false,
                    copay: Some(d(10)),
                },
                d(110),
                d(110),
            ),
            (
                Telehealth {
                    before_deductible: true,
                    copay: Some(d(0)),
                },
                d(110),
                d(0),
            ),
        ];
        for (telehealth, in_person, want) in cases {
            let mut plan = jane_plan();
            plan.telehealth = telehealth;
            let mut acc = Accumulators::new(1);
            let person = plan
                .clone()
                .adjudicate(&mut acc.clone(), &visit(1, Benefit::PrimaryCare, allowed));
            assert_eq!(person.amounts.member_owes, in_person, "{telehealth:?}");
            let virt = plan
                .for_virtual_visits()
                .adjudicate(&mut acc, &visit(1, Benefit::PrimaryCare, allowed));
            assert_eq!(virt.amounts.member_owes, want, "{telehealth:?}");
            assert!(virt.amounts.check().is_empty());
            // Labs are not virtual visits: never changed.
            assert_eq!(
                plan.for_virtual_visits()
                    .share(Benefit::Lab, Network::InNetwork),
                plan.share(Benefit::Lab, Network::InNetwork)
            );
        }
        // Out of network a virtual visit costs what it does in person.
        let mut plan = jane_plan();
        plan.telehealth.before_deductible = true;
        assert_eq!(
            plan.for_virtual_visits()
                .share(Benefit::PrimaryCare, Network::OutOfNetwork),
            plan.share(Benefit::PrimaryCare, Network::OutOfNetwork)
        );
        // A benefit the plan does not cover stays not covered.
        assert_eq!(
            plan.telehealth.share(CostShare::NOT_COVERED),
            CostShare::NOT_COVERED
        );
    }

    proptest! {
        #[test]
        fn invariants_hold_for_any_year(services in proptest::collection::vec((1i64..5, 0usize..17, any::<bool>(), 0i64..5_000_000), 1..60)) {
            let mut plan = jane_plan();
            plan.rx_deductible = Some(d(300));
            plan.benefits.insert(Benefit::PrimaryCare, (CostShare::copay(25), CostShare::coinsurance_after_deductible(4000)));
            let mut virt = plan.clone();
            virt.telehealth.before_deductible = true;
            let virt = virt.for_virtual_visits();
            let mut acc = Accumulators::new(4);
            for (person, b, in_net, cents) in services {
                let s = Service { person, benefit: Benefit::ALL[b], network: if in_net { Network::InNetwork } else { Network::OutOfNetwork }, billed: Money::from_cents(cents + 1000), allowed: Money::from_cents(cents) };
                let mut before = acc.clone();
                let a = plan.adjudicate(&mut acc, &s).amounts;
                prop_assert!(a.check().is_empty(), "{a:?}");
                prop_assert!(a.member_owes <= a.allowed + a.not_covered);
                prop_assert!(a.member_owes >= Money::ZERO && a.plan_paid >= Money::ZERO);
                // The same visit, virtual, before the deductible: never more.
                let v = virt.adjudicate(&mut before, &s).amounts;
                prop_assert!(v.check().is_empty(), "{v:?}");
                prop_assert!(v.member_owes <= a.member_owes, "{v:?} {a:?}");
                for n in [true, false] {
                    let lim = if n { plan.in_network } else { plan.out_of_network.unwrap_or(plan.in_network) };
                    prop_assert!(acc.person(person, n).oop <= lim.oop_individual);
                    prop_assert!(acc.family(n).oop <= lim.oop_family);
                    prop_assert!(acc.family(n).deductible <= lim.deductible_family);
                }
            }
        }
    }
}
