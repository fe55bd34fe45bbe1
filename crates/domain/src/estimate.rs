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

/// The priced answer (amounts in cents, for all units together).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Priced {
    /// Whether a figure could be given (false: the provider's rate is unknown).
    pub available: bool,
    /// Whether the plan covers the service here at all.
    pub covered: bool,
    /// The amounts: allowed, plan paid, deductible, copay, coinsurance, not covered, member owes.
    pub amounts: Amounts,
    /// Out of network: what the provider may bill on top (charge above the allowed amount).
    pub balance_bill: Money,
    /// Progress in the service's network before.
    pub before: Progress,
    /// And after.
    pub after: Progress,
}

/// Prices a question against the member's accumulators (which it does not change).
pub fn estimate(design: &PlanDesign, acc: &Accumulators, q: &Question) -> Priced {
    let in_net = q.network == Network::InNetwork || q.benefit == Benefit::EmergencyRoom;
    let before = Progress::of(design, acc, q.person, in_net);
    let covered = design.limits(in_net).is_some() && design.share(q.benefit, q.network).covered
        || q.benefit == Benefit::EmergencyRoom;
    let Some(rate) = q.rate else {
        return Priced {
            available: false,
            covered,
            before,
            after: before,
            ..Priced::default()
        };
    };
    let mut scratch = acc.clone();
    let mut amounts = Amounts::default();
    let mut balance_bill = Money::ZERO;
    for _ in 0..q.quantity.clamp(1, MAX_QUANTITY as u32) {
        let r = design.adjudicate(
            &mut scratch,
            &Service {
                person: q.person,
                benefit: q.benefit,
                network: q.network,
                billed: rate.billed,
                allowed: rate.allowed,
            },
        );
        amounts = amounts.add(&r.amounts);
        balance_bill += r.balance_bill;
    }
    Priced {
        available: true,
        covered: covered && amounts.not_covered == Money::ZERO,
        amounts,
        balance_bill,
        before,
        after: Progress::of(design, &scratch, q.person, in_net),
    }
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
}
