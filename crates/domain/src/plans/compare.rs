//! Side-by-side comparison of plans: one row per feature, a cell per plan,
//! whether the plans differ, and the best value of each comparable row.
//!
//! "Best" is always the lowest cost to the member:
//! * money rows (premiums, deductibles, maximums): the lowest amount;
//! * benefit rows: the least the member would pay for one typical use of
//!   that care ([`crate::whatif::typical_allowed`]) at the start of the year
//!   (nothing met yet), priced by the engine, so "$40 copay" and "20% after
//!   the deductible" are compared on the same footing;
//! * rows of facts (type, network, HSA) have no best.
//!
//! A row marks a best only when the plans differ; ties are all best.

use super::{CoverageTier, Plan};
use crate::claims::model::Network;
use crate::cost::{Accumulators, Benefit, CostShare, Service};
use crate::money::Money;
use crate::whatif::typical_allowed;
use serde::{Deserialize, Serialize};

/// One cell: what the plan has, and whether it is the row's best.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareCell {
    /// Display text ("$1,500", "$25 copay", "20% after deductible").
    pub text: String,
    /// The best value of the row.
    pub best: bool,
}

/// One feature across the plans.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareRow {
    /// Section heading ("Costs", "Deductibles and limits", "Visits", "Prescriptions").
    pub section: String,
    /// Row label.
    pub label: String,
    /// One per plan, in the order compared.
    pub cells: Vec<CompareCell>,
    /// The plans do not all have the same value.
    pub differs: bool,
}

/// `GET /api/v1/plans/compare` answer.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// The tier premiums are shown for.
    pub tier: CoverageTier,
    /// Plan codes, in column order.
    pub plan_ids: Vec<String>,
    /// Plan names, in column order.
    pub plan_names: Vec<String>,
    /// The rows.
    pub rows: Vec<CompareRow>,
}

/// How a cost share reads ("$25 copay", "20% after deductible", "No charge").
pub fn describe_share(share: &CostShare) -> String {
    if !share.covered {
        return "Not covered".into();
    }
    let pct = |bps: u32| {
        if bps.is_multiple_of(100) {
            format!("{}%", bps / 100)
        } else {
            format!("{}.{:02}%", bps / 100, bps % 100)
        }
    };
    let mut text = match (share.copay > Money::ZERO, share.coinsurance_bps > 0) {
        (false, false) => "No charge".to_string(),
        (true, false) => format!("{} copay", share.copay),
        (false, true) => format!("{} coinsurance", pct(share.coinsurance_bps)),
        (true, true) => format!(
            "{} copay + {} coinsurance",
            share.copay,
            pct(share.coinsurance_bps)
        ),
    };
    if share.deductible_applies {
        text.push_str(" after deductible");
    }
    if let Some(n) = share.visit_limit {
        text.push_str(&format!(" (up to {n} a year)"));
    }
    text
}

fn money_or(m: Option<Money>, none: &str) -> (String, Option<i64>) {
    match m {
        Some(m) => (m.to_string(), Some(m.cents())),
        None => (none.to_string(), None),
    }
}

/// Builds a row from (text, cost key) per plan; `None` keys never win.
fn row(section: &str, label: &str, values: Vec<(String, Option<i64>)>) -> CompareRow {
    let differs = values.windows(2).any(|w| w[0].0 != w[1].0);
    let best_key = if differs {
        values.iter().filter_map(|(_, k)| *k).min()
    } else {
        None
    };
    CompareRow {
        section: section.into(),
        label: label.into(),
        differs,
        cells: values
            .into_iter()
            .map(|(text, key)| CompareCell {
                best: best_key.is_some() && key == best_key,
                text,
            })
            .collect(),
    }
}

/// What one typical use of a benefit costs the member with nothing met yet.
fn first_use_cost(plan: &Plan, benefit: Benefit) -> Option<i64> {
    let allowed = typical_allowed(benefit);
    let s = Service {
        person: 1,
        benefit,
        network: Network::InNetwork,
        billed: allowed,
        allowed,
    };
    let a = plan
        .design
        .adjudicate(&mut Accumulators::new(1), &s)
        .amounts;
    Some(a.member_owes.cents())
}

/// Compares plans (two to four, in the order given) for a coverage tier.
pub fn compare(plans: &[&Plan], tier: CoverageTier) -> Comparison {
    let mut rows = Vec::new();
    let text = |f: &dyn Fn(&Plan) -> String| -> Vec<(String, Option<i64>)> {
        plans.iter().map(|p| (f(p), None)).collect()
    };
    let money = |f: &dyn Fn(&Plan) -> Option<Money>, none: &str| -> Vec<(String, Option<i64>)> {
        plans.iter().map(|p| money_or(f(p), none)).collect()
    };
    rows.push(row(
        "Plan",
        "Plan type",
        text(&|p| p.plan_type.label().to_string()),
    ));
    rows.push(row(
        "Plan",
        "Metal tier",
        text(&|p| p.metal.label().to_string()),
    ));
    rows.push(row("Plan", "Network", text(&|p| p.network.clone())));
    rows.push(row(
        "Plan",
        "Out-of-network care",
        text(&|p| {
            if p.covers_out_of_network() {
                "Covered, at a higher cost".to_string()
            } else {
                "Emergencies only".to_string()
            }
        }),
    ));
    rows.push(row(
        "Plan",
        "HSA-eligible",
        text(&|p| if p.hsa_eligible { "Yes" } else { "No" }.to_string()),
    ));
    let premium_label = format!("Monthly premium ({})", tier.label());
    rows.push(row(
        "Costs",
        &premium_label,
        money(&|p| Some(p.premiums.monthly(tier)), ""),
    ));
    rows.push(row(
        "Costs",
        "Yearly premiums",
        money(&|p| Some(p.premiums.yearly(tier)), ""),
    ));
    let lim = "Deductibles and limits";
    rows.push(row(
        lim,
        "Deductible, individual",
        money(&|p| Some(p.design.in_network.deductible_individual), ""),
    ));
    rows.push(row(
        lim,
        "Deductible, family",
        money(&|p| Some(p.design.in_network.deductible_family), ""),
    ));
    rows.push(row(
        lim,
        "Family deductible works",
        text(&|p| {
            if p.design.embedded_deductible {
                "Embedded (per person)".to_string()
            } else {
                "Aggregate (family total)".to_string()
            }
        }),
    ));
    rows.push(row(
        lim,
        "Out-of-pocket maximum, individual",
        money(&|p| Some(p.design.in_network.oop_individual), ""),
    ));
    rows.push(row(
        lim,
        "Out-of-pocket maximum, family",
        money(&|p| Some(p.design.in_network.oop_family), ""),
    ));
    rows.push(row(
        lim,
        "Out-of-network deductible, individual",
        money(
            &|p| p.design.out_of_network.map(|l| l.deductible_individual),
            "Not covered",
        ),
    ));
    rows.push(row(
        lim,
        "Out-of-network out-of-pocket maximum, individual",
        money(
            &|p| p.design.out_of_network.map(|l| l.oop_individual),
            "Not covered",
        ),
    ));
    rows.push(row(
        lim,
        "Prescription deductible",
        plans
            .iter()
            .map(|p| match p.design.rx_deductible {
                Some(m) => (m.to_string(), Some(m.cents())),
                None => ("None (medical deductible or copays)".to_string(), Some(0)),
            })
            .collect(),
    ));
    for b in Benefit::ALL {
        let section = if b.is_drug() {
            "Prescriptions"
        } else {
            "Care in network"
        };
        rows.push(row(
            section,
            b.label(),
            plans
                .iter()
                .map(|p| {
                    let share = p.design.share(*b, Network::InNetwork);
                    (describe_share(&share), first_use_cost(p, *b))
                })
                .collect(),
        ));
    }
    Comparison {
        tier,
        plan_ids: plans.iter().map(|p| p.id.clone()).collect(),
        plan_names: plans.iter().map(|p| p.name.clone()).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cost::{Limits, PlanDesign};
    use crate::plans::{MetalTier, PlanType, Premiums};

    fn d(x: i64) -> Money {
        Money::from_dollars(x)
    }

    fn plan(id: &str, ded: i64, premium: i64, specialist: CostShare) -> Plan {
        let co = CostShare::coinsurance_after_deductible(2000);
        let mut benefits: std::collections::BTreeMap<_, _> = Benefit::ALL
            .iter()
            .map(|b| (*b, (co, CostShare::NOT_COVERED)))
            .collect();
        benefits.insert(Benefit::Specialist, (specialist, CostShare::NOT_COVERED));
        Plan {
            id: id.into(),
            name: format!("Plan {id}"),
            year: 2027,
            plan_type: PlanType::Ppo,
            metal: MetalTier::Gold,
            hsa_eligible: false,
            network: "Test".into(),
            premiums: Premiums {
                member_only: d(premium),
                member_spouse: d(premium),
                member_children: d(premium),
                family: d(premium * 3),
            },
            design: PlanDesign {
                in_network: Limits {
                    deductible_individual: d(ded),
                    deductible_family: d(ded * 2),
                    oop_individual: d(5000),
                    oop_family: d(10000),
                },
                out_of_network: None,
                embedded_deductible: true,
                rx_deductible: None,
                benefits,
            },
        }
    }

    fn find<'a>(c: &'a Comparison, label: &str) -> &'a CompareRow {
        c.rows
            .iter()
            .find(|r| r.label == label)
            .unwrap_or_else(|| panic!("row {label}"))
    }

    #[test]
    fn best_values_and_differences() {
        let a = plan("A", 500, 600, CostShare::copay(40));
        let b = plan(
            "B",
            3000,
            300,
            CostShare::coinsurance_after_deductible(2000),
        );
        let c = plan("C", 3000, 300, CostShare::copay(40));
        let cmp = compare(&[&a, &b, &c], CoverageTier::Family);
        let premium = find(&cmp, "Monthly premium (Family)");
        assert_eq!(premium.cells[0].text, "$1,800.00");
        assert_eq!(
            premium.cells.iter().map(|c| c.best).collect::<Vec<_>>(),
            vec![false, true, true],
            "ties are all best"
        );
        let ded = find(&cmp, "Deductible, individual");
        assert!(ded.differs && ded.cells[0].best && !ded.cells[1].best);
        // "$40 copay" beats "20% after deductible" on a typical $250 visit (which costs $250 before the deductible)
        let spec = find(&cmp, "Specialist visit");
        assert_eq!(spec.cells[0].text, "$40.00 copay");
        assert_eq!(spec.cells[1].text, "20% coinsurance after deductible");
        assert_eq!(
            spec.cells.iter().map(|c| c.best).collect::<Vec<_>>(),
            vec![true, false, true]
        );
        // same everywhere: no best, no difference
        let kind = find(&cmp, "Plan type");
        assert!(!kind.differs && kind.cells.iter().all(|c| !c.best));
        let oon = find(&cmp, "Out-of-network deductible, individual");
        assert!(oon.cells.iter().all(|c| c.text == "Not covered" && !c.best));
    }

    #[test]
    fn share_descriptions() {
        let cases = [
            (CostShare::FREE, "No charge"),
            (CostShare::NOT_COVERED, "Not covered"),
            (CostShare::copay(25), "$25.00 copay"),
            (
                CostShare {
                    visit_limit: Some(20),
                    ..CostShare::copay(30)
                },
                "$30.00 copay (up to 20 a year)",
            ),
            (
                CostShare::coinsurance_after_deductible(1250),
                "12.50% coinsurance after deductible",
            ),
            (
                CostShare::coinsurance_after_deductible(0),
                "No charge after deductible",
            ),
        ];
        for (share, want) in cases {
            assert_eq!(describe_share(&share), want);
        }
    }
}
