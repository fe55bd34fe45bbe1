//! The demo plan's design: Evergreen Silver PPO 2026.

use portal_domain::cost::{Benefit, CostShare, Limits, PlanDesign, Telehealth};
use portal_domain::Money;

fn d(x: i64) -> Money {
    Money::from_dollars(x)
}

/// Evergreen Silver PPO: $1,500 / $3,000 embedded deductible, 20% coinsurance,
/// $5,000 / $10,000 out-of-pocket maximum in network; out of network double
/// and 40%. Copays on the ID card: primary care $25, specialist $50, urgent
/// care $75, emergency room $350; in-network virtual visits $10.
pub fn silver_ppo() -> PlanDesign {
    use Benefit::*;
    let oon = CostShare::coinsurance_after_deductible(4000);
    let coins = CostShare::coinsurance_after_deductible(2000);
    let er = CostShare {
        covered: true,
        deductible_applies: false,
        copay: d(350),
        coinsurance_bps: 0,
        visit_limit: None,
    };
    let therapy = CostShare {
        visit_limit: Some(30),
        ..CostShare::copay(40)
    };
    let benefits = [
        (PrimaryCare, CostShare::copay(25), oon),
        (Specialist, CostShare::copay(50), oon),
        (UrgentCare, CostShare::copay(75), oon),
        (EmergencyRoom, er, er),
        (InpatientStay, coins, oon),
        (OutpatientSurgery, coins, oon),
        (Lab, coins, oon),
        (Imaging, coins, oon),
        (Preventive, CostShare::FREE, oon),
        (GenericDrug, CostShare::copay(10), CostShare::NOT_COVERED),
        (PreferredBrand, CostShare::copay(40), CostShare::NOT_COVERED),
        (
            NonPreferredBrand,
            CostShare::copay(80),
            CostShare::NOT_COVERED,
        ),
        (
            SpecialtyDrug,
            CostShare::coinsurance_after_deductible(3000),
            CostShare::NOT_COVERED,
        ),
        (MentalHealth, CostShare::copay(25), oon),
        (Therapy, therapy, oon),
        (Maternity, coins, oon),
        (DurableMedicalEquipment, coins, oon),
    ]
    .into_iter()
    .map(|(b, i, o)| (b, (i, o)))
    .collect();
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
        benefits,
        // Virtual visits with an in-network provider: a $10 copay.
        telehealth: Telehealth {
            before_deductible: false,
            copay: Some(d(10)),
        },
    }
}
