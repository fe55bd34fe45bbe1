//! The procedure cost estimator: what one service from one provider would
//! cost one household member now, given what the household has already met
//! this plan year.
//!
//! The estimate is the engine's adjudication of `quantity` units (each unit
//! priced in turn, so a deductible or maximum reached by the first unit
//! counts for the next) on a copy of the member's accumulators; nothing is
//! recorded. Where the provider has no rate for the service the answer is
//! "covered, estimate not available" ([`Estimate::available`] false), never
//! a made-up number.

use crate::claims::model::{Amounts, Network};
use crate::code_enum::code_enum;
use crate::cost::{Accumulators, Benefit, PlanDesign, Service};
use crate::money::Money;
use serde::{Deserialize, Serialize};

/// Most units one estimate may ask for.
pub const MAX_QUANTITY: i64 = 99;

/// Where one person stands against the deductible and out-of-pocket
/// maximum of one network (and the family's, for family coverage).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Deductible met (individual).
    pub deductible_met: Money,
    /// Individual deductible.
    pub deductible: Money,
    /// Out-of-pocket spending counted (individual).
    pub oop_met: Money,
    /// Individual out-of-pocket maximum.
    pub oop_max: Money,
    /// Family deductible met (all people).
    pub family_deductible_met: Money,
    /// Family deductible.
    pub family_deductible: Money,
    /// Family out-of-pocket spending counted.
    pub family_oop_met: Money,
    /// Family out-of-pocket maximum.
    pub family_oop_max: Money,
    /// The family amounts met are withheld (zero here) because exactly one
    /// household member is hidden from the viewer: the family total minus
    /// what the viewer sees would be that person's spending
    /// ([`crate::family::household_totals_reveal_someone`]). The limits stay.
    #[serde(default)]
    pub family_withheld: bool,
}

impl Progress {
    /// A person's progress in a network (all zero limits when the plan
    /// does not cover that network).
    pub fn of(design: &PlanDesign, acc: &Accumulators, person: i64, in_network: bool) -> Self {
        let me = acc.person(person, in_network);
        let fam = acc.family(in_network);
        let limits = design.limits(in_network);
        Self {
            deductible_met: me.deductible,
            deductible: limits.map_or(Money::ZERO, |l| l.deductible_individual),
            oop_met: me.oop,
            oop_max: limits.map_or(Money::ZERO, |l| l.oop_individual),
            family_deductible_met: fam.deductible,
            family_deductible: limits.map_or(Money::ZERO, |l| l.deductible_family),
            family_oop_met: fam.oop,
            family_oop_max: limits.map_or(Money::ZERO, |l| l.oop_family),
            family_withheld: false,
        }
    }

    /// This progress as shown to a viewer from whom `hidden` household
    /// members are hidden: the family amounts met are withheld when they
    /// would reveal one person's spending.
    pub fn for_viewer(self, hidden: usize) -> Self {
        if crate::family::household_totals_reveal_someone(hidden) {
            Self {
                family_deductible_met: Money::ZERO,
                family_oop_met: Money::ZERO,
                family_withheld: true,
                ..self
            }
        } else {
            self
        }
    }
}

/// A provider's price for a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    /// What the provider charges per unit.
    pub billed: Money,
    /// The plan's allowed amount per unit (the negotiated rate in network).
    pub allowed: Money,
}

/// What the estimator is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Question {
    /// The patient (opaque member id).
    pub person: i64,
    /// The benefit the service falls under.
    pub benefit: Benefit,
    /// The provider's network.
    pub network: Network,
    /// The provider's rate, if known.
    pub rate: Option<Rate>,
    /// Units (1 to [`MAX_QUANTITY`]).
    pub quantity: u32,
}

code_enum! {
    /// Why a service is done, where that changes what the member pays.
    Purpose {
        /// A routine check with no symptoms: preventive care ($0 in network under the ACA).
        Screening = "screening" / "Screening (preventive care)",
        /// To look into symptoms, a finding or a known condition.
        Diagnostic = "diagnostic" / "Diagnostic",
    }
}

/// One part of a bundle as priced: who it is for, the benefit it falls
/// under, and its rate (per unit of the service).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartRate {
    /// The benefit this part is priced under.
    pub benefit: Benefit,
    /// The part's price, if known.
    pub rate: Option<Rate>,
    /// Billed under the newborn (a new person on the plan), not the patient.
    pub newborn: bool,
}

/// The person key the engine uses for the newborn of unit `unit`.
fn newborn_key(unit: u32) -> i64 {
    -1 - i64::from(unit)
}

/// Prices `quantity` units of a bundle (facility, professional, anaesthesia,
/// newborn parts) for `person` at a provider in `network`, on a copy of the
/// accumulators (which it does not change). Parts of one person under one
/// benefit are priced together as one service (one copay, the deductible
/// and coinsurance on their sum); the newborn's parts are priced for the
/// baby, a new person on family coverage with their own deductible. With any
/// part's rate unknown the answer is "not available". The amounts are the
/// sums of the engine's results, so they obey the claim amount rules.
pub fn estimate_bundle(
    design: &PlanDesign,
    acc: &Accumulators,
    person: i64,
    network: Network,
    parts: &[PartRate],
    quantity: u32,
) -> Priced {
    let emergency = parts.iter().all(|p| p.benefit == Benefit::EmergencyRoom);
    let in_net = network == Network::InNetwork || emergency;
    let before = Progress::of(design, acc, person, in_net);
    let covered = design.limits(in_net).is_some()
        && parts
            .iter()
            .all(|p| design.share(p.benefit, network).covered)
        || emergency;
    let rates: Option<Vec<(Benefit, bool, Rate)>> = parts
        .iter()
        .map(|p| p.rate.map(|r| (p.benefit, p.newborn, r)))
        .collect();
    let Some(rates) = rates.filter(|r| !r.is_empty()) else {
        return Priced {
            available: false,
            covered,
            before,
            after: before,
            ..Priced::default()
        };
    };
    // Groups of (newborn, benefit), in the order the parts come.
    let mut groups: Vec<(bool, Benefit, Rate)> = Vec::new();
    for (benefit, newborn, r) in rates {
        match groups
            .iter_mut()
            .find(|(n, b, _)| *n == newborn && *b == benefit)
        {
            Some((_, _, sum)) => {
                sum.billed += r.billed;
                sum.allowed += r.allowed;
            }
            None => groups.push((newborn, benefit, r)),
        }
    }
    let mut scratch = acc.clone();
    if groups.iter().any(|(n, _, _)| *n) {
        scratch.covered_people += 1;
    }
    let mut amounts = Amounts::default();
    let mut newborn_amounts = Amounts::default();
    let mut balance_bill = Money::ZERO;
    for unit in 0..quantity.clamp(1, MAX_QUANTITY as u32) {
        for (newborn, benefit, rate) in &groups {
            let r = design.adjudicate(
                &mut scratch,
                &Service {
                    person: if *newborn { newborn_key(unit) } else { person },
                    benefit: *benefit,
                    network,
                    billed: rate.billed,
                    allowed: rate.allowed,
                },
            );
            amounts = amounts.add(&r.amounts);
            if *newborn {
                newborn_amounts = newborn_amounts.add(&r.amounts);
            }
            balance_bill += r.balance_bill;
        }
    }
    Priced {
        available: true,
        covered: covered && amounts.not_covered == Money::ZERO,
        amounts,
        newborn: newborn_amounts,
        balance_bill,
        before,
        after: Progress::of(design, &scratch, person, in_net),
    }
}

/// The priced answer (amounts in cents, for all units together).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priced {
    /// Whether a figure could be given (false: the provider's rate is unknown).
    pub available: bool,
    /// Whether the plan covers the service here at all.
    pub covered: bool,
    /// The amounts: allowed, plan paid, deductible, copay, coinsurance, not
    /// covered, member owes (everyone's parts, the newborn's included).
    pub amounts: Amounts,
    /// Of `amounts`, the newborn's parts (billed under the baby); zero when none.
    #[serde(default)]
    pub newborn: Amounts,
    /// Out of network: what the provider may bill on top (charge above the allowed amount).
    pub balance_bill: Money,
    /// Progress in the service's network before.
    pub before: Progress,
    /// And after.
    pub after: Progress,
}

impl Priced {
    /// What the member could pay in all: their share plus, out of network,
    /// what the provider may bill above the allowed amount.
    pub fn realistic_total(&self) -> Money {
        self.amounts.member_owes + self.balance_bill
    }
}

/// Prices a question against the member's accumulators (which it does not change).
pub fn estimate(design: &PlanDesign, acc: &Accumulators, q: &Question) -> Priced {
    estimate_bundle(
        design,
        acc,
        q.person,
        q.network,
        &[PartRate {
            benefit: q.benefit,
            rate: q.rate,
            newborn: false,
        }],
        q.quantity,
    )
}

/// The plain-language notes every estimate carries.
pub const DISCLAIMERS: &[&str] = &[
    "This is an estimate, not a guarantee of payment or of what you will owe. Your final cost depends on the services you actually receive, how the provider bills them, and the claims we process before this one.",
    "Preventive services from an in-network provider are covered at $0 when billed as preventive care.",
    "Out-of-network providers may bill you for the difference between their charge and the amount your plan allows (balance billing), on top of your share; that difference does not count toward your deductible or out-of-pocket maximum.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::{CostShare, Limits};

    fn d(x: i64) -> Money {
        Money::from_dollars(x)
    }

    /// Jane's plan: $1,500 deductible, 20%, $5,000 maximum; out of network 40%.
    fn design() -> PlanDesign {
        PlanDesign {
            in_network: Limits {
                deductible_individual: d(1500),
                deductible_family: d(3000),
                oop_individual: d(5000),
                oop_family: d(10000),
            },
            out_of_network: Some(Limits {
                deductible_individual: d(3000),
                deductible_family: d(6000),
                oop_individual: d(10000),
                oop_family: d(20000),
            }),
            embedded_deductible: true,
            rx_deductible: None,
            benefits: Benefit::ALL
                .iter()
                .map(|b| {
                    (
                        *b,
                        (
                            CostShare::coinsurance_after_deductible(2000),
                            CostShare::coinsurance_after_deductible(4000),
                        ),
                    )
                })
                .collect(),
            telehealth: Default::default(),
        }
    }

    fn q(network: Network, billed: i64, allowed: i64, quantity: u32) -> Question {
        Question {
            person: 1,
            benefit: Benefit::Imaging,
            network,
            rate: Some(Rate {
                billed: d(billed),
                allowed: d(allowed),
            }),
            quantity,
        }
    }

    #[test]
    fn before_and_after_the_deductible() {
        let plan = design();
        let mut acc = Accumulators::new(2);
        // before: an $900 MRI is all deductible
        let p = estimate(&plan, &acc, &q(Network::InNetwork, 2000, 900, 1));
        assert_eq!(
            (
                p.amounts.deductible,
                p.amounts.member_owes,
                p.amounts.plan_paid
            ),
            (d(900), d(900), d(0))
        );
        assert_eq!(
            (p.before.deductible_met, p.after.deductible_met),
            (d(0), d(900))
        );
        assert_eq!(acc, Accumulators::new(2), "the estimate records nothing");
        // deductible met: 20% of $900
        acc.people.entry((1, true)).or_default().deductible = d(1500);
        acc.people.entry((1, true)).or_default().oop = d(1500);
        let p = estimate(&plan, &acc, &q(Network::InNetwork, 2000, 900, 1));
        assert_eq!(
            (p.amounts.coinsurance, p.amounts.plan_paid, p.after.oop_met),
            (d(180), d(720), d(1680))
        );
        // two units: each priced in turn
        let p = estimate(&plan, &acc, &q(Network::InNetwork, 2000, 900, 2));
        assert_eq!(p.amounts.member_owes, d(360));
    }

    #[test]
    fn out_of_network_balance_bill_and_thin_data() {
        let plan = design();
        let acc = Accumulators::new(1);
        let p = estimate(&plan, &acc, &q(Network::OutOfNetwork, 2000, 800, 1));
        assert_eq!((p.amounts.deductible, p.balance_bill), (d(800), d(1200)));
        assert_eq!(p.before.deductible, d(3000), "out-of-network limits");
        let thin = Question {
            rate: None,
            ..q(Network::InNetwork, 0, 0, 1)
        };
        let p = estimate(&plan, &acc, &thin);
        assert!(!p.available && p.covered);
        assert_eq!(p.amounts, Amounts::default());
    }

    #[test]
    fn not_covered_out_of_network_on_an_hmo() {
        let mut plan = design();
        plan.out_of_network = None;
        let p = estimate(
            &plan,
            &Accumulators::new(1),
            &q(Network::OutOfNetwork, 2000, 800, 1),
        );
        assert!(!p.covered);
        assert_eq!(p.amounts.not_covered, d(800));
    }

    fn part(benefit: Benefit, allowed: i64, newborn: bool) -> PartRate {
        PartRate {
            benefit,
            rate: Some(Rate {
                billed: d(allowed * 2),
                allowed: d(allowed),
            }),
            newborn,
        }
    }

    #[test]
    fn a_bundle_is_priced_by_the_engine_part_group_by_part_group() {
        let mut plan = design();
        plan.benefits.insert(
            Benefit::Maternity,
            (CostShare::copay(500), CostShare::NOT_COVERED),
        );
        let acc = Accumulators::new(1);
        // Delivery: obstetrician, hospital and anaesthesia under maternity
        // (one $500 copay), the baby's nursery care under the baby.
        let parts = [
            part(Benefit::Maternity, 4000, false),
            part(Benefit::Maternity, 12000, false),
            part(Benefit::Maternity, 1200, false),
            part(Benefit::InpatientStay, 2500, true),
        ];
        let p = estimate_bundle(&plan, &acc, 1, Network::InNetwork, &parts, 1);
        assert!(p.available && p.covered);
        assert_eq!(p.amounts.allowed, d(19_700));
        // mother: one copay; baby: their own $1,500 deductible on $2,500, then 20% of $1,000
        assert_eq!(p.newborn.deductible, d(1500));
        assert_eq!(p.newborn.coinsurance, d(200));
        assert_eq!(p.amounts.copay, d(500));
        assert_eq!(p.amounts.member_owes, d(500 + 1500 + 200));
        assert!(p.amounts.check().is_empty() && p.newborn.check().is_empty());
        assert_eq!(
            (p.after.deductible_met, p.after.oop_met),
            (d(0), d(500)),
            "the mother's copay counts toward her maximum, not her deductible"
        );
        assert_eq!(p.realistic_total(), p.amounts.member_owes);
        // one unknown part: no figure at all
        let mut unknown = parts;
        unknown[2].rate = None;
        let p = estimate_bundle(&plan, &acc, 1, Network::InNetwork, &unknown, 1);
        assert!(!p.available);
    }

    #[test]
    fn out_of_network_total_adds_the_possible_balance_bill() {
        let plan = design();
        let acc = Accumulators::new(1);
        let parts = [
            part(Benefit::Imaging, 760, false),
            part(Benefit::Imaging, 190, false),
        ];
        let p = estimate_bundle(&plan, &acc, 1, Network::OutOfNetwork, &parts, 1);
        assert_eq!(
            p.amounts.member_owes,
            d(950),
            "all out-of-network deductible"
        );
        assert_eq!(p.balance_bill, d(950));
        assert_eq!(p.realistic_total(), d(1900));
    }

    proptest::proptest! {
        #[test]
        fn bundles_obey_the_amount_rules(parts in proptest::collection::vec((0usize..17, 0i64..2_000_000, proptest::bool::ANY, proptest::bool::ANY), 1..6), q in 1u32..4, met in 0i64..400_000) {
            let plan = design();
            let mut acc = Accumulators::new(3);
            acc.people.entry((1, true)).or_default().deductible = Money::from_cents(met.min(150_000));
            acc.people.entry((1, true)).or_default().oop = Money::from_cents(met);
            let parts: Vec<PartRate> = parts.iter().map(|&(b, cents, newborn, _)| PartRate {
                benefit: Benefit::ALL[b],
                rate: Some(Rate { billed: Money::from_cents(cents + cents / 2), allowed: Money::from_cents(cents) }),
                newborn,
            }).collect();
            for network in [Network::InNetwork, Network::OutOfNetwork] {
                let p = estimate_bundle(&plan, &acc, 1, network, &parts, q);
                proptest::prop_assert!(p.amounts.check().is_empty());
                proptest::prop_assert!(p.newborn.check().is_empty());
                proptest::prop_assert!(p.balance_bill >= Money::ZERO);
                proptest::prop_assert!(p.after.oop_met <= p.after.oop_max.max(p.before.oop_met));
                let allowed = Money::from_cents(parts.iter().filter_map(|x| x.rate).map(|r| r.allowed).sum::<Money>().cents() * i64::from(q));
                proptest::prop_assert_eq!(p.amounts.allowed, allowed);
            }
        }
    }
}
