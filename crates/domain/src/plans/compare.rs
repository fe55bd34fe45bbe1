//! Side-by-side comparison of plans: one row per feature, a cell per plan,
//! whether the plans differ, and the best value of each comparable row.
//!
//! "Best" marks a plan that is never worse for the member than any other
//! plan in that row:
//! * money rows (premiums, deductibles, maximums): the lowest amount;
//! * benefit rows: what the member would pay for one typical use of that
//!   care ([`crate::whatif::typical_allowed`]), priced by the engine both at
//!   the start of the year (nothing met) and once the deductible is met, and
//!   how many uses a year are covered; a plan is best only when it costs no
//!   more than every other plan in both cases and covers at least as many
//!   uses, so "$40 copay" and "20% after the deductible" are compared on the
//!   same footing, and when it depends on the member's year no plan is marked;
//! * "Not covered" is never best; rows of facts (type, network, HSA) have no best.
//!
//! A row marks a best only when the plans differ and some plan is worse;
//! plans tied for best are all best.

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
    let pct = |bps: u32| format!("{}%", crate::money::bps_words(bps));
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

/// A cell's cost key: one figure per case, lower is better; `None` never wins.
type Key = Option<Vec<i64>>;

fn money_or(m: Option<Money>, none: &str) -> (String, Key) {
    match m {
        Some(m) => (m.to_string(), Some(vec![m.cents()])),
        None => (none.to_string(), None),
    }
}

/// Whether key `a` is no worse than `b` in every case.
fn no_worse(a: &[i64], b: &Key) -> bool {
    match b {
        None => true,
        Some(b) => a.iter().zip(b).all(|(x, y)| x <= y),
    }
}

/// Builds a row from (text, cost key) per plan. A cell is best when its
/// key is no worse than every other cell's in every case, some cell is
/// worse, and the texts differ.
fn row(section: &str, label: &str, values: Vec<(String, Key)>) -> CompareRow {
    let differs = values.windows(2).any(|w| w[0].0 != w[1].0);
    let best: Vec<bool> = values
        .iter()
        .map(|(_, k)| match k {
            Some(k) if differs => values.iter().all(|(_, other)| no_worse(k, other)),
            _ => false,
        })
        .collect();
    // When every cell is "best", nothing is better than anything: mark none.
    let all_best = best.iter().all(|b| *b);
    CompareRow {
        section: section.into(),
        label: label.into(),
        differs,
        cells: values
            .into_iter()
            .zip(best)
            .map(|((text, _), best)| CompareCell {
                best: best && !all_best,
                text,
            })
            .collect(),
    }
}

/// What one typical use of a benefit costs the member with nothing met yet,
/// and once the deductible is met, and the covered uses a year (as a cost:
/// fewer is worse); `None` when not covered.
fn benefit_key(plan: &Plan, benefit: Benefit) -> Key {
    let share = plan.design.share(benefit, Network::InNetwork);
    if !share.covered {
        return None;
    }
    let allowed = typical_allowed(benefit);
    let s = Service {
        person: 1,
        benefit,
        network: Network::InNetwork,
        billed: allowed,
        allowed,
    };
    let fresh = plan
        .design
        .adjudicate(&mut Accumulators::new(1), &s)
        .amounts
        .member_owes;
    let mut met = Accumulators::new(1);
    let entry = met.people.entry((1, true)).or_default();
    entry.deductible = plan.design.in_network.deductible_individual;
    entry.rx_deductible = plan.design.rx_deductible.unwrap_or(Money::ZERO);
    entry.oop = plan.design.in_network.deductible_individual;
    let after = plan.design.adjudicate(&mut met, &s).amounts.member_owes;
    let uses = share.visit_limit.map_or(i64::MAX, i64::from);
    Some(vec![fresh.cents(), after.cents(), -uses])
}

/// Compares plans (two to four, in the order given) for a coverage tier.
pub fn compare(plans: &[&Plan], tier: CoverageTier) -> Comparison {
    let mut rows = Vec::new();
    let text = |f: &dyn Fn(&Plan) -> String| -> Vec<(String, Key)> {
        plans.iter().map(|p| (f(p), None)).collect()
    };
    let money = |f: &dyn Fn(&Plan) -> Option<Money>, none: &str| -> Vec<(String, Key)> {
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
                Some(m) => (m.to_string(), Some(vec![m.cents()])),
                None => (
                    "None (medical deductible or copays)".to_string(),
                    Some(vec![0]),
                ),
            })
            .collect(),
    ));
    // Care first (with virtual visits last), then prescriptions: one
    // heading each.
    let benefit_row = |section: &str, label: &str, b: Benefit, virtual_visit: bool| {
        row(
            section,
            label,
            plans
                .iter()
                .map(|p| {
                    let virtual_plan;
                    let p = if virtual_visit {
                        virtual_plan = Plan {
                            design: p.design.for_virtual_visits(),
                            ..(*p).clone()
                        };
                        &virtual_plan
                    } else {
                        *p
                    };
                    let share = p.design.share(b, Network::InNetwork);
                    (describe_share(&share), benefit_key(p, b))
                })
                .collect(),
        )
    };
    for b in Benefit::ALL.iter().filter(|b| !b.is_drug()) {
        rows.push(benefit_row("Care in network", b.label(), *b, false));
    }
    rows.push(benefit_row(
        "Care in network",
        "Virtual primary care visit",
        Benefit::PrimaryCare,
        true,
    ));
    for b in Benefit::ALL.iter().filter(|b| b.is_drug()) {
        rows.push(benefit_row("Prescriptions", b.label(), *b, false));
    }
    Comparison {
        tier,
        plan_ids: plans.iter().map(|p| p.id.clone()).collect(),
        plan_names: plans.iter().map(|p| p.name.clone()).collect(),
        rows,
    }
}

/// What a member gives up or pays more for by changing from `from` to
/// `to`, in plain words, for the plan-change review: out-of-network
/// coverage, HSA eligibility, benefits no longer covered or with fewer
/// covered uses, a new or higher drug deductible, a higher deductible or
/// out-of-pocket maximum, an aggregate family deductible. Empty when the new
/// plan is at least as good on all of these.
pub fn gives_up(from: &Plan, to: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    if from.covers_out_of_network() && !to.covers_out_of_network() {
        out.push(format!(
            "Out-of-network care: {} covers only in-network care (emergencies are still covered anywhere). {} covers out-of-network care at a higher cost.",
            to.name, from.name
        ));
    }
    if from.hsa_eligible && !to.hsa_eligible {
        out.push(format!(
            "HSA eligibility: with {} you can no longer put new money into a health savings account.",
            to.name
        ));
    }
    for b in Benefit::ALL {
        let old = from.design.share(*b, Network::InNetwork);
        let new = to.design.share(*b, Network::InNetwork);
        if old.covered && !new.covered {
            out.push(format!(
                "{}: not covered by {} (now {}).",
                b.label(),
                to.name,
                describe_share(&old).to_lowercase()
            ));
        } else if old.covered
            && new.covered
            && new
                .visit_limit
                .is_some_and(|n| old.visit_limit.is_none_or(|o| n < o))
        {
            out.push(format!(
                "{}: {} covers up to {} a year ({}).",
                b.label(),
                to.name,
                new.visit_limit.unwrap_or(0),
                match old.visit_limit {
                    Some(o) => format!("now up to {o}"),
                    None => "now no limit".to_string(),
                }
            ));
        }
    }
    match (from.design.rx_deductible, to.design.rx_deductible) {
        (None, Some(new)) => out.push(format!(
            "A separate prescription drug deductible of {new} a person: some drugs cost you their full price until it is met (your plan now has none)."
        )),
        (Some(old), Some(new)) if new > old => out.push(format!(
            "A higher prescription drug deductible: {new} a person (now {old})."
        )),
        _ => {}
    }
    let (o, n) = (from.design.in_network, to.design.in_network);
    if n.deductible_individual > o.deductible_individual {
        out.push(format!(
            "A higher deductible: {} a person, {} a family (now {} and {}).",
            n.deductible_individual,
            n.deductible_family,
            o.deductible_individual,
            o.deductible_family
        ));
    }
    if n.oop_individual > o.oop_individual {
        out.push(format!(
            "A higher out-of-pocket maximum: {} a person, {} a family (now {} and {}).",
            n.oop_individual, n.oop_family, o.oop_individual, o.oop_family
        ));
    }
    if from.design.embedded_deductible && !to.design.embedded_deductible {
        out.push("An aggregate family deductible: the plan shares the cost for anyone only once the whole family deductible is met (now each person stops at their own deductible).".into());
    }
    out
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
                telehealth: Default::default(),
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
    fn virtual_visits_show_the_telehealth_design() {
        let coins = CostShare::coinsurance_after_deductible(3000);
        let mut hsa = plan("HSA", 3300, 100, coins);
        hsa.design.telehealth.before_deductible = true;
        let mut copay = plan("PPO", 1500, 200, CostShare::copay(25));
        copay.design.benefits.insert(
            Benefit::PrimaryCare,
            (CostShare::copay(25), CostShare::NOT_COVERED),
        );
        copay.design.telehealth.copay = Some(d(10));
        let plain = plan("Plain", 3300, 100, coins);
        let cmp = compare(&[&hsa, &copay, &plain], CoverageTier::MemberOnly);
        let row = find(&cmp, "Virtual primary care visit");
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "20% coinsurance",
                "$10.00 copay",
                "20% coinsurance after deductible"
            ]
        );
        // The in-person row is unchanged.
        let office = find(&cmp, "Primary care visit");
        assert_eq!(office.cells[0].text, "20% coinsurance after deductible");
        // $10 beats 20% of a visit from the first dollar, which beats the deductible.
        assert_eq!(
            row.cells.iter().map(|c| c.best).collect::<Vec<_>>(),
            vec![false, true, false]
        );
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
    fn best_never_marks_a_worse_or_uncovered_benefit() {
        let mut a = plan("A", 500, 600, CostShare::copay(40));
        let mut b = plan(
            "B",
            3000,
            300,
            CostShare::coinsurance_after_deductible(2000),
        );
        let mut c = plan("C", 3000, 300, CostShare::copay(40));
        // Equipment: 20% after the deductible everywhere but C, which does not cover it.
        c.design.benefits.insert(
            Benefit::DurableMedicalEquipment,
            (CostShare::NOT_COVERED, CostShare::NOT_COVERED),
        );
        let cmp = compare(&[&a, &b, &c], CoverageTier::Family);
        let dme = find(&cmp, "Medical equipment");
        assert_eq!(dme.cells[2].text, "Not covered");
        assert!(!dme.cells[2].best, "not covered is never best");
        assert!(
            dme.cells[0].best && dme.cells[1].best,
            "the two covering plans tie for best"
        );
        // A copay against coinsurance that is cheaper once the deductible is met: it depends, no best.
        a.design.benefits.insert(
            Benefit::Imaging,
            (CostShare::copay(400), CostShare::NOT_COVERED),
        );
        b.design.benefits.insert(
            Benefit::Imaging,
            (
                CostShare::coinsurance_after_deductible(1000),
                CostShare::NOT_COVERED,
            ),
        );
        // A visit limit is worse than none at the same copay.
        a.design.benefits.insert(
            Benefit::Therapy,
            (
                CostShare {
                    visit_limit: Some(20),
                    ..CostShare::copay(30)
                },
                CostShare::NOT_COVERED,
            ),
        );
        b.design.benefits.insert(
            Benefit::Therapy,
            (CostShare::copay(30), CostShare::NOT_COVERED),
        );
        let cmp = compare(&[&a, &b], CoverageTier::Family);
        let img = find(&cmp, "Imaging (X-ray, MRI, CT)");
        assert!(img.differs && img.cells.iter().all(|c| !c.best), "{img:?}");
        let therapy = find(&cmp, "Therapy visit");
        assert_eq!(
            therapy.cells.iter().map(|c| c.best).collect::<Vec<_>>(),
            vec![false, true]
        );
        // One heading per section: care rows are not split by the drug rows.
        let sections: Vec<&str> = cmp.rows.iter().map(|r| r.section.as_str()).collect();
        let mut seen = Vec::new();
        for s in &sections {
            if seen.last() != Some(s) {
                assert!(!seen.contains(s), "section {s} appears twice");
                seen.push(s);
            }
        }
    }

    #[test]
    fn gives_up_names_what_the_new_plan_lacks() {
        let mut from = plan("A", 500, 600, CostShare::copay(40));
        from.design.out_of_network = Some(from.design.in_network);
        let mut to = plan("B", 3000, 300, CostShare::copay(40));
        to.design.rx_deductible = Some(d(200));
        to.design.benefits.insert(
            Benefit::DurableMedicalEquipment,
            (CostShare::NOT_COVERED, CostShare::NOT_COVERED),
        );
        to.design.benefits.insert(
            Benefit::Therapy,
            (
                CostShare {
                    visit_limit: Some(20),
                    ..CostShare::copay(30)
                },
                CostShare::NOT_COVERED,
            ),
        );
        let lost = gives_up(&from, &to);
        let has = |t: &str| lost.iter().any(|l| l.contains(t));
        assert!(
            has("Out-of-network care: Plan B covers only in-network care"),
            "{lost:?}"
        );
        assert!(has("Medical equipment: not covered by Plan B"), "{lost:?}");
        assert!(
            has("Therapy visit: Plan B covers up to 20 a year (now no limit)"),
            "{lost:?}"
        );
        assert!(has("prescription drug deductible of $200.00"), "{lost:?}");
        assert!(has("A higher deductible: $3,000.00"), "{lost:?}");
        assert!(gives_up(&to, &to).is_empty());
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
