//! Native what-if benchmark for `make bench`: 5 plans x a 4-person household
//! x 200 services each (800 services priced per plan, 4,000 adjudications),
//! with the demo catalogue. Prints the median and the worst of many runs;
//! asserts nothing.
//!
//! `cargo run --release -p portal-server --example whatif_bench`

use portal_domain::cost::Benefit;
use portal_domain::plans::{CoverageTier, Plan};
use portal_domain::whatif::{run, HouseholdUse, PersonUse, UseItem};
use portal_server::demo::catalog::catalog;
use std::time::Instant;

/// The household's use: four people, 200 services each (50 each of four kinds).
pub fn household() -> HouseholdUse {
    let kinds = [
        Benefit::Specialist,
        Benefit::Lab,
        Benefit::GenericDrug,
        Benefit::Imaging,
    ];
    HouseholdUse {
        people: (1..=4)
            .map(|member| PersonUse {
                member,
                items: kinds
                    .iter()
                    .map(|&benefit| UseItem {
                        benefit,
                        count: 50,
                        allowed_each: None,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn main() {
    let plans = catalog();
    let next: Vec<&Plan> = plans.iter().filter(|p| p.year == 2027).collect();
    let usage = household();
    let runs = 200;
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let r = run(&next, CoverageTier::Family, &usage);
            std::hint::black_box(&r);
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let services = run(&next, CoverageTier::Family, &usage).services;
    println!(
        "BENCH what-if native ({} plans x {} services): median {:.3} ms  worst {:.3} ms over {runs} runs",
        next.len(),
        services,
        times[runs / 2],
        times[runs - 1]
    );
}
