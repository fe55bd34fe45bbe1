//! The demo plan catalogue: the households' current plan (Evergreen Silver
//! PPO 2026) and five plans of different shapes for next year. All names,
//! premiums and designs are fictional.

use super::plan::silver_ppo;
use portal_domain::cost::{Benefit, CostShare, Limits, PlanDesign, Telehealth};
use portal_domain::plans::{MetalTier, Plan, PlanType, Premiums};
use portal_domain::Money;

fn d(x: i64) -> Money {
    Money::from_dollars(x)
}

fn limits(ded: i64, ded_fam: i64, oop: i64, oop_fam: i64) -> Limits {
    Limits {
        deductible_individual: d(ded),
        deductible_family: d(ded_fam),
        oop_individual: d(oop),
        oop_family: d(oop_fam),
    }
}

fn premiums(member: i64, spouse: i64, children: i64, family: i64) -> Premiums {
    Premiums {
        member_only: d(member),
        member_spouse: d(spouse),
        member_children: d(children),
        family: d(family),
    }
}

/// A copay that applies after the deductible.
fn copay_after_deductible(dollars: i64) -> CostShare {
    CostShare {
        deductible_applies: true,
        ..CostShare::copay(dollars)
    }
}

fn limited(share: CostShare, visits: u32) -> CostShare {
    CostShare {
        visit_limit: Some(visits),
        ..share
    }
}

fn design(
    in_network: Limits,
    out_of_network: Option<Limits>,
    embedded: bool,
    rx_deductible: Option<i64>,
    shares: &[(Benefit, CostShare)],
    oon: CostShare,
) -> PlanDesign {
    PlanDesign {
        in_network,
        out_of_network,
        embedded_deductible: embedded,
        rx_deductible: rx_deductible.map(d),
        benefits: shares
            .iter()
            .map(|&(b, s)| {
                let out = if b == Benefit::EmergencyRoom {
                    s
                } else if out_of_network.is_some() && !b.is_drug() {
                    oon
                } else {
                    CostShare::NOT_COVERED
                };
                (b, (s, out))
            })
            .collect(),
        telehealth: Telehealth::default(),
    }
}

/// The current plan (the one the demo claims were priced with).
pub const CURRENT_PLAN_ID: &str = "EVG-SLV-PPO-2026";

/// Codes of next year's plans, in catalogue order.
pub const NEXT_YEAR_IDS: [&str; 5] = [
    "EVG-BRZ-HSA-2027",
    "EVG-SLV-PPO-2027",
    "EVG-GLD-PPO-2027",
    "EVG-PLT-HMO-2027",
    "EVG-SLV-EPO-2027",
];

/// Every plan: the current one, then next year's.
pub fn catalog() -> Vec<Plan> {
    use Benefit::*;
    let plan = |id: &str,
                name: &str,
                year: i32,
                plan_type: PlanType,
                metal: MetalTier,
                hsa: bool,
                network: &str,
                premiums: Premiums,
                design: PlanDesign| Plan {
        id: id.into(),
        name: name.into(),
        year,
        plan_type,
        metal,
        hsa_eligible: hsa,
        network: network.into(),
        premiums,
        design,
    };

    // Bronze HSA-eligible HDHP: everything but preventive care after one
    // aggregate family deductible, then 30%.
    let after30 = CostShare::coinsurance_after_deductible(3000);
    let mut bronze = design(
        limits(3300, 6600, 7000, 14000),
        Some(limits(6600, 13200, 14000, 28000)),
        false,
        None,
        &[
            (PrimaryCare, after30),
            (Specialist, after30),
            (UrgentCare, after30),
            (EmergencyRoom, after30),
            (InpatientStay, after30),
            (OutpatientSurgery, after30),
            (Lab, after30),
            (Imaging, after30),
            (Preventive, CostShare::FREE),
            (GenericDrug, after30),
            (PreferredBrand, after30),
            (
                NonPreferredBrand,
                CostShare::coinsurance_after_deductible(5000),
            ),
            (SpecialtyDrug, CostShare::coinsurance_after_deductible(5000)),
            (MentalHealth, after30),
            (Therapy, limited(after30, 20)),
            (Maternity, after30),
            (DurableMedicalEquipment, after30),
        ],
        CostShare::coinsurance_after_deductible(5000),
    );

    // Silver PPO 2027: like this year's, a little higher.
    let after20 = CostShare::coinsurance_after_deductible(2000);
    let mut silver = design(
        limits(2000, 4000, 6000, 12000),
        Some(limits(4000, 8000, 12000, 24000)),
        true,
        None,
        &[
            (PrimaryCare, CostShare::copay(30)),
            (Specialist, CostShare::copay(60)),
            (UrgentCare, CostShare::copay(75)),
            (EmergencyRoom, CostShare::copay(400)),
            (InpatientStay, after20),
            (OutpatientSurgery, after20),
            (Lab, after20),
            (Imaging, after20),
            (Preventive, CostShare::FREE),
            (GenericDrug, CostShare::copay(10)),
            (PreferredBrand, CostShare::copay(45)),
            (NonPreferredBrand, CostShare::copay(90)),
            (SpecialtyDrug, CostShare::coinsurance_after_deductible(3000)),
            (MentalHealth, CostShare::copay(30)),
            (Therapy, limited(CostShare::copay(40), 30)),
            (Maternity, after20),
            (DurableMedicalEquipment, after20),
        ],
        CostShare::coinsurance_after_deductible(4000),
    );

    // Gold PPO: low deductible, 10%.
    let after10 = CostShare::coinsurance_after_deductible(1000);
    let mut gold = design(
        limits(750, 1500, 4000, 8000),
        Some(limits(1500, 3000, 8000, 16000)),
        true,
        None,
        &[
            (PrimaryCare, CostShare::copay(20)),
            (Specialist, CostShare::copay(40)),
            (UrgentCare, CostShare::copay(50)),
            (EmergencyRoom, CostShare::copay(250)),
            (InpatientStay, after10),
            (OutpatientSurgery, after10),
            (Lab, CostShare::FREE),
            (Imaging, after10),
            (Preventive, CostShare::FREE),
            (GenericDrug, CostShare::copay(5)),
            (PreferredBrand, CostShare::copay(30)),
            (NonPreferredBrand, CostShare::copay(60)),
            (SpecialtyDrug, CostShare::coinsurance_after_deductible(2000)),
            (MentalHealth, CostShare::copay(20)),
            (Therapy, limited(CostShare::copay(30), 30)),
            (Maternity, after10),
            (DurableMedicalEquipment, after10),
        ],
        CostShare::coinsurance_after_deductible(3000),
    );

    // Platinum HMO: no deductible, copays, in network only.
    let mut platinum = design(
        limits(0, 0, 2000, 4000),
        None,
        true,
        None,
        &[
            (PrimaryCare, CostShare::copay(10)),
            (Specialist, CostShare::copay(25)),
            (UrgentCare, CostShare::copay(25)),
            (EmergencyRoom, CostShare::copay(150)),
            (InpatientStay, CostShare::copay(500)),
            (OutpatientSurgery, CostShare::copay(250)),
            (Lab, CostShare::FREE),
            (Imaging, CostShare::copay(100)),
            (Preventive, CostShare::FREE),
            (GenericDrug, CostShare::copay(5)),
            (PreferredBrand, CostShare::copay(20)),
            (NonPreferredBrand, CostShare::copay(40)),
            (
                SpecialtyDrug,
                CostShare {
                    covered: true,
                    deductible_applies: false,
                    copay: Money::ZERO,
                    coinsurance_bps: 1000,
                    visit_limit: None,
                },
            ),
            (MentalHealth, CostShare::copay(10)),
            (Therapy, limited(CostShare::copay(20), 20)),
            (Maternity, CostShare::copay(500)),
            (DurableMedicalEquipment, CostShare::copay(50)),
        ],
        CostShare::NOT_COVERED,
    );

    // Silver EPO: in network only, separate drug deductible, 25%, no DME.
    let after25 = CostShare::coinsurance_after_deductible(2500);
    let mut epo = design(
        limits(1750, 3500, 6500, 13000),
        None,
        true,
        Some(200),
        &[
            (PrimaryCare, CostShare::copay(25)),
            (Specialist, CostShare::copay(50)),
            (UrgentCare, copay_after_deductible(60)),
            (EmergencyRoom, CostShare::copay(350)),
            (InpatientStay, after25),
            (OutpatientSurgery, after25),
            (Lab, after25),
            (Imaging, after25),
            (Preventive, CostShare::FREE),
            (GenericDrug, CostShare::copay(10)),
            (PreferredBrand, after25),
            (
                NonPreferredBrand,
                CostShare::coinsurance_after_deductible(4000),
            ),
            (SpecialtyDrug, CostShare::coinsurance_after_deductible(3000)),
            (MentalHealth, CostShare::copay(25)),
            (Therapy, limited(CostShare::copay(35), 20)),
            (Maternity, after25),
            (DurableMedicalEquipment, CostShare::NOT_COVERED),
        ],
        CostShare::NOT_COVERED,
    );

    // Virtual visits: the HSA plan covers them before the deductible (the
    // HDHP telehealth safe harbour), at its 30% coinsurance; the others
    // charge a flat in-network copay.
    bronze.telehealth = Telehealth {
        before_deductible: true,
        copay: None,
    };
    for (design, copay) in [
        (&mut silver, 10),
        (&mut gold, 0),
        (&mut platinum, 0),
        (&mut epo, 15),
    ] {
        design.telehealth = Telehealth {
            before_deductible: false,
            copay: Some(d(copay)),
        };
    }

    vec![
        plan(
            CURRENT_PLAN_ID,
            "Evergreen Silver PPO 2026",
            2026,
            PlanType::Ppo,
            MetalTier::Silver,
            false,
            "Evergreen Choice",
            premiums(180, 390, 340, 560),
            silver_ppo(),
        ),
        plan(
            NEXT_YEAR_IDS[0],
            "Evergreen Bronze HSA 2027",
            2027,
            PlanType::Hdhp,
            MetalTier::Bronze,
            true,
            "Evergreen Choice",
            premiums(95, 200, 180, 320),
            bronze,
        ),
        plan(
            NEXT_YEAR_IDS[1],
            "Evergreen Silver PPO 2027",
            2027,
            PlanType::Ppo,
            MetalTier::Silver,
            false,
            "Evergreen Choice",
            premiums(170, 370, 320, 530),
            silver,
        ),
        plan(
            NEXT_YEAR_IDS[2],
            "Evergreen Gold PPO 2027",
            2027,
            PlanType::Ppo,
            MetalTier::Gold,
            false,
            "Evergreen Choice",
            premiums(290, 610, 540, 880),
            gold,
        ),
        plan(
            NEXT_YEAR_IDS[3],
            "Evergreen Platinum HMO 2027",
            2027,
            PlanType::Hmo,
            MetalTier::Platinum,
            false,
            "Evergreen Select",
            premiums(360, 760, 670, 1100),
            platinum,
        ),
        plan(
            NEXT_YEAR_IDS[4],
            "Evergreen Silver EPO 2027",
            2027,
            PlanType::Epo,
            MetalTier::Silver,
            false,
            "Evergreen Select",
            premiums(140, 310, 270, 450),
            epo,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_domain::plans::CoverageTier;
    use portal_domain::whatif::{run, HouseholdUse, UsageLevel};

    /// The Morgan household: two adults, two children (one an adult by age 19).
    const MORGANS: [(i64, bool); 4] = [(1, true), (2, true), (3, true), (4, false)];

    fn totals(level: UsageLevel) -> Vec<(String, i64, i64, bool)> {
        let plans = catalog();
        let next: Vec<&Plan> = plans.iter().filter(|p| p.year == 2027).collect();
        run(
            &next,
            CoverageTier::Family,
            &HouseholdUse::preset(level, &MORGANS),
        )
        .results
        .into_iter()
        .map(|r| {
            (
                r.plan_id,
                r.premiums.cents(),
                r.expected_oop.cents(),
                r.cheapest,
            )
        })
        .collect()
    }

    #[test]
    fn catalogue_has_the_current_plan_and_five_shapes() {
        let plans = catalog();
        assert_eq!(plans[0].id, CURRENT_PLAN_ID);
        assert_eq!(plans[0].design, silver_ppo(), "the claims' plan");
        let next: Vec<_> = plans.iter().filter(|p| p.year == 2027).collect();
        assert_eq!(next.len(), 5);
        assert!(next.iter().any(|p| p.hsa_eligible
            && p.plan_type == PlanType::Hdhp
            && p.metal == MetalTier::Bronze));
        assert!(next.iter().any(|p| p.plan_type == PlanType::Hmo
            && p.metal == MetalTier::Platinum
            && !p.covers_out_of_network()));
        assert!(next
            .iter()
            .any(|p| p.plan_type == PlanType::Epo && p.design.rx_deductible.is_some()));
        for p in &plans {
            assert_eq!(p.design.benefits.len(), Benefit::ALL.len(), "{}", p.id);
        }
    }

    /// The figures the Playwright what-if spec checks on screen.
    #[test]
    fn what_if_figures_for_the_demo_family() {
        let s = |id: &str, premiums: i64, oop: i64, cheapest: bool| {
            (id.to_string(), premiums, oop, cheapest)
        };
        // Low use: a check-up, a visit and two generic refills each.
        assert_eq!(
            totals(UsageLevel::Low),
            vec![
                s("EVG-BRZ-HSA-2027", 384_000, 72_000, true),
                s("EVG-SLV-PPO-2027", 636_000, 20_000, false),
                s("EVG-GLD-PPO-2027", 1_056_000, 12_000, false),
                s("EVG-PLT-HMO-2027", 1_320_000, 8_000, false),
                s("EVG-SLV-EPO-2027", 540_000, 18_000, false),
            ]
        );
        // High use: everyone reaches far; the no-deductible platinum HMO wins.
        assert_eq!(
            totals(UsageLevel::High),
            vec![
                s("EVG-BRZ-HSA-2027", 384_000, 1_400_000, false),
                s("EVG-SLV-PPO-2027", 636_000, 1_200_000, false),
                s("EVG-GLD-PPO-2027", 1_056_000, 775_000, false),
                s("EVG-PLT-HMO-2027", 1_320_000, 400_000, true),
                s("EVG-SLV-EPO-2027", 540_000, 1_300_000, false),
            ]
        );
    }
    /// The custom list the Playwright what-if spec enters: for the
    /// subscriber, 4 specialist visits, 1 MRI, 12 generic prescriptions and
    /// a baby; nobody else uses care.
    #[test]
    fn what_if_custom_figures_for_the_demo_family() {
        use portal_domain::whatif::{PersonUse, UseItem};
        let item = |benefit, count| UseItem {
            benefit,
            count,
            allowed_each: None,
        };
        let mut people: Vec<PersonUse> = MORGANS
            .iter()
            .map(|(m, _)| PersonUse {
                member: *m,
                items: vec![],
            })
            .collect();
        people[0].items = vec![
            item(Benefit::Specialist, 4),
            item(Benefit::Imaging, 1),
            item(Benefit::GenericDrug, 12),
            item(Benefit::Maternity, 1),
        ];
        let plans = catalog();
        let next: Vec<&Plan> = plans.iter().filter(|p| p.year == 2027).collect();
        let r = run(&next, CoverageTier::Family, &HouseholdUse { people });
        let got: Vec<(String, i64, bool)> = r
            .results
            .iter()
            .map(|c| (c.plan_id.clone(), c.total.cents(), c.cheapest))
            .collect();
        let s = |id: &str, total: i64, cheapest: bool| (id.to_string(), total, cheapest);
        assert_eq!(
            got,
            vec![
                s("EVG-BRZ-HSA-2027", 1_084_000, false),
                s("EVG-SLV-PPO-2027", 1_090_000, false),
                s("EVG-GLD-PPO-2027", 1_274_500, false),
                s("EVG-PLT-HMO-2027", 1_396_000, false),
                // $5,400 premiums + $200 copays + $900 MRI + $120 generics + $850 deductible + 25% of $11,150
                s("EVG-SLV-EPO-2027", 1_025_750, true),
            ]
        );
        let epo = &r.results[4];
        assert_eq!(epo.deductible_month, Some(6), "the baby in July meets it");
        assert!(epo.facts.iter().any(|f| f.contains("in July")));
    }
}
