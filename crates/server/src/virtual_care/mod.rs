//! Virtual visits on the server (issue 14): open times ([`schedule`]), the
//! plan's fees for them ([`fees`]), pricing with the cost-sharing engine,
//! and the calendar file ([`ics`]).

pub mod fees;
pub mod ics;
pub mod schedule;

use portal_domain::care::virtual_visit::{self, VirtualBenefit, VirtualCoverage};
use portal_domain::claims::model::{Amounts, Network};
use portal_domain::cost::{Accumulators, Benefit, Service, Telehealth};
use portal_domain::plans::Plan;

/// The time zone every demo listing keeps its hours in (all in Washington).
pub const DEMO_TIME_ZONE: &str = "America/Los_Angeles";
/// Where the demo's telehealth vendor "room" is: a local page saying so.
pub const DEMO_ROOM_PATH: &str = "/telehealth/demo-room";

/// A virtual visit of `benefit` for `person` priced now, in or out of
/// network, with the real accumulators: (amounts, the share's coinsurance).
pub fn price(
    plan: &Plan,
    acc: &Accumulators,
    person: i64,
    benefit: Benefit,
    network: Network,
) -> (Amounts, u32) {
    let design = plan.design.for_virtual_visits();
    let (_, allowed) = fees::fee(benefit);
    let service = Service {
        person,
        benefit,
        network,
        billed: allowed,
        allowed,
    };
    let amounts = design.adjudicate(&mut acc.clone(), &service).amounts;
    (amounts, design.share(benefit, network).coinsurance_bps)
}

/// What the plan covers for virtual visits, priced for `person` now.
pub fn coverage(plan: &Plan, acc: &Accumulators, person: i64) -> VirtualCoverage {
    let benefits = Telehealth::BENEFITS
        .iter()
        .map(|&benefit| {
            let (amounts, bps) = price(plan, acc, person, benefit, Network::InNetwork);
            let (_, allowed) = fees::fee(benefit);
            let in_person = plan
                .design
                .adjudicate(
                    &mut acc.clone(),
                    &Service {
                        person,
                        benefit,
                        network: Network::InNetwork,
                        billed: allowed,
                        allowed,
                    },
                )
                .amounts
                .member_owes;
            VirtualBenefit {
                benefit,
                label: virtual_visit::visit_label(benefit).into(),
                allowed,
                you_pay: amounts.member_owes,
                words: virtual_visit::you_pay_words(&amounts, bps),
                in_person,
            }
        })
        .collect();
    VirtualCoverage {
        plan_name: plan.name.clone(),
        member_id: person,
        hsa_eligible: plan.hsa_eligible,
        before_deductible: plan.design.telehealth.before_deductible,
        copay: plan.design.telehealth.copay,
        deductible_left: plan.design.deductible_left(acc, person, true, false),
        benefits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::catalog::catalog;
    use portal_domain::Money;

    fn plan(id: &str) -> Plan {
        catalog()
            .into_iter()
            .find(|p| p.id == id)
            .expect("catalogue plan")
    }

    #[test]
    fn the_current_plan_charges_its_ten_dollar_copay() {
        let p = plan(crate::demo::catalog::CURRENT_PLAN_ID);
        let c = coverage(&p, &Accumulators::new(1), 1);
        assert!(!c.before_deductible);
        for b in &c.benefits {
            assert_eq!(b.you_pay, Money::from_dollars(10), "{b:?}");
            assert_eq!(b.words, "A $10.00 copay.");
        }
        let primary = &c.benefits[0];
        assert_eq!(primary.in_person, Money::from_dollars(25));
    }

    #[test]
    fn the_hsa_plan_covers_virtual_visits_before_the_deductible() {
        let p = plan("EVG-BRZ-HSA-2027");
        let c = coverage(&p, &Accumulators::new(1), 1);
        assert!(c.hsa_eligible && c.before_deductible);
        assert_eq!(c.deductible_left, Money::from_dollars(3300));
        let primary = &c.benefits[0];
        // 30% of $110 from the first dollar; in person the whole $110 goes
        // to the deductible.
        assert_eq!(primary.you_pay, Money::from_dollars(33));
        assert_eq!(primary.in_person, Money::from_dollars(110));
        assert_eq!(primary.words, "$33.00 coinsurance (30%).");
    }

    #[test]
    fn out_of_network_a_virtual_visit_costs_what_it_does_in_person() {
        let p = plan(crate::demo::catalog::CURRENT_PLAN_ID);
        let (virt, _) = price(
            &p,
            &Accumulators::new(1),
            1,
            Benefit::PrimaryCare,
            Network::OutOfNetwork,
        );
        // Out of network: the $3,000 deductible takes all of it.
        assert_eq!(virt.member_owes, Money::from_dollars(110));
        assert_eq!(virt.deductible, Money::from_dollars(110));
    }
}
