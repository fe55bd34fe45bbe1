//! The estimator's reference data: the 70 CMS shoppable services (read from
//! `data/shoppable_services.csv` at compile time, see `data/README.md`),
//! each mapped to a plan benefit and a prior-authorization flag, and the
//! fictional demo providers with their rates.
//!
//! Rates: every service has a demo base price (of the order of US commercial
//! prices). An in-network provider's negotiated rate is the base times its
//! factor, and it bills twice that; an out-of-network provider bills 2.5
//! times the base and the plan allows 85% of the base. A provider that does
//! not offer a service is not listed for it; one that offers it without a
//! known rate gives "covered, estimate not available".

use portal_domain::claims::Network;
use portal_domain::cost::Benefit;
use portal_domain::plans::api::{ProviderOption, ShoppableService};
use portal_domain::Money;
use std::sync::LazyLock;

const CSV: &str = include_str!("../data/shoppable_services.csv");

/// Splits one CSV record (RFC 4180 quoting, no embedded newlines).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// The plan benefit a service falls under.
fn benefit_of(code: &str, category: &str, code_type: &str) -> Benefit {
    use Benefit::*;
    if code_type == "MS-DRG" {
        return InpatientStay;
    }
    match code {
        "99385" | "99386" | "77067" => Preventive,
        "99203" | "99204" | "99205" => PrimaryCare,
        "99243" | "99244" => Specialist,
        "59400" | "59510" | "59610" => Maternity,
        "93000" | "95810" => Lab,
        "97110" => Therapy,
        c if c.starts_with("908") => MentalHealth,
        _ => match category {
            "Laboratory & Pathology Services" => Lab,
            "Radiology Services" => Imaging,
            "Evaluation & Management Services" => PrimaryCare,
            _ => OutpatientSurgery,
        },
    }
}

/// Services that need the plan's approval first.
const PRIOR_AUTH: &[&str] = &[
    "70553",
    "72148",
    "72193",
    "73721",
    "74177",
    "29826",
    "29881",
    "55866",
    "62322-62323",
    "64483",
    "93452",
    "95810",
];

/// Demo base prices in dollars, by code.
const BASE_PRICES: &[(&str, i64)] = &[
    ("90832", 110),
    ("90834", 140),
    ("90837", 190),
    ("90846", 150),
    ("90847", 160),
    ("90853", 60),
    ("99203", 160),
    ("99204", 240),
    ("99205", 320),
    ("99243", 230),
    ("99244", 330),
    ("99385", 220),
    ("99386", 240),
    ("80048", 30),
    ("80053", 45),
    ("80055", 90),
    ("80061", 40),
    ("80069", 35),
    ("80076", 35),
    ("81000 or 81001", 15),
    ("81002 or 81003", 10),
    ("84153-84154", 45),
    ("84443", 50),
    ("85025", 25),
    ("85027", 20),
    ("85610", 15),
    ("85730", 25),
    ("70450", 650),
    ("70553", 1900),
    ("72110", 180),
    ("72148", 1300),
    ("72193", 900),
    ("73721", 950),
    ("74177", 1100),
    ("76700", 350),
    ("76805", 380),
    ("76830", 300),
    ("77065", 280),
    ("77066", 320),
    ("77067", 250),
    ("216", 92000),
    ("460", 58000),
    ("470", 32000),
    ("473", 38000),
    ("743", 21000),
    ("19120", 4200),
    ("29826", 6200),
    ("29881", 4800),
    ("42820", 3900),
    ("43235", 1900),
    ("43239", 2200),
    ("45378", 2300),
    ("45380", 2600),
    ("45385", 2900),
    ("45391", 2700),
    ("47562", 7800),
    ("49505", 5600),
    ("55700", 2400),
    ("55866", 21000),
    ("59400", 9800),
    ("59510", 12500),
    ("59610", 10800),
    ("62322-62323", 1200),
    ("64483", 1500),
    ("66821", 900),
    ("66984", 4200),
    ("93000", 60),
    ("93452", 5200),
    ("95810", 2200),
    ("97110", 45),
];

/// A service with its base price.
pub struct ServiceEntry {
    /// The service as the API shows it.
    pub service: ShoppableService,
    /// Lower-cased name and code, for search.
    pub search: String,
    /// Demo base price.
    pub base: Money,
}

/// Every shoppable service, in the file's order.
pub static SERVICES: LazyLock<Vec<ServiceEntry>> = LazyLock::new(|| {
    CSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let f = fields(line);
            let (category, name, code, code_type) = (f.get(1)?, f.get(2)?, f.get(3)?, f.get(4)?);
            let code_type = if code_type.starts_with("CPT") {
                "CPT"
            } else {
                code_type.as_str()
            };
            let base = BASE_PRICES
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, p)| Money::from_dollars(*p))?;
            Some(ServiceEntry {
                search: format!("{} {}", name.to_lowercase(), code.to_lowercase()),
                service: ShoppableService {
                    code: code.clone(),
                    name: name.clone(),
                    category: category.clone(),
                    code_type: code_type.into(),
                    benefit: benefit_of(code, category, code_type),
                    prior_auth: PRIOR_AUTH.contains(&code.as_str()),
                },
                base,
            })
        })
        .collect()
});

/// The service with this code.
pub fn service(code: &str) -> Option<&'static ServiceEntry> {
    SERVICES.iter().find(|s| s.service.code == code)
}

/// Services whose name or code contains every word of `q` (all when empty).
pub fn search(q: &str) -> Vec<&'static ShoppableService> {
    let words: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    SERVICES
        .iter()
        .filter(|s| words.iter().all(|w| s.search.contains(w.as_str())))
        .map(|s| &s.service)
        .collect()
}

/// What a provider offers.
#[derive(Clone, Copy)]
enum Offers {
    All,
    Categories(&'static [&'static str]),
    Codes(&'static [&'static str]),
}

/// A demo provider.
struct DemoProvider {
    id: &'static str,
    name: &'static str,
    specialty: &'static str,
    network: Network,
    /// Negotiated rate as a percentage of the base (in network).
    factor: i64,
    offers: Offers,
    /// Offered, but the rate is not known: "estimate not available".
    unknown_rates: &'static [&'static str],
}

const E_AND_M: &str = "Evaluation & Management Services";
const LAB: &str = "Laboratory & Pathology Services";
const RADIOLOGY: &str = "Radiology Services";
const SURGERY: &str = "Medicine & Surgery Services";

const PROVIDERS: &[DemoProvider] = &[
    DemoProvider {
        id: "cedar-family",
        name: "Cedar Family Medicine",
        specialty: "Family medicine",
        network: Network::InNetwork,
        factor: 95,
        offers: Offers::Categories(&[E_AND_M, LAB]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "evergreen-regional",
        name: "Evergreen Regional Hospital",
        specialty: "Acute care hospital",
        network: Network::InNetwork,
        factor: 115,
        offers: Offers::All,
        unknown_rates: &["216", "55866"],
    },
    DemoProvider {
        id: "clearpath-imaging",
        name: "ClearPath Imaging",
        specialty: "Diagnostic radiology",
        network: Network::InNetwork,
        factor: 70,
        offers: Offers::Categories(&[RADIOLOGY]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "meridian-lab",
        name: "Meridian Lab Services",
        specialty: "Clinical laboratory",
        network: Network::InNetwork,
        factor: 60,
        offers: Offers::Categories(&[LAB]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "lakeside-surgery",
        name: "Lakeside Surgery Center",
        specialty: "Ambulatory surgery center",
        network: Network::InNetwork,
        factor: 80,
        offers: Offers::Categories(&[SURGERY]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "mindful-path",
        name: "Mindful Path Counseling",
        specialty: "Clinical psychology",
        network: Network::InNetwork,
        factor: 90,
        offers: Offers::Codes(&["90832", "90834", "90837", "90846", "90847", "90853"]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "motion-pt",
        name: "Motion Physical Therapy",
        specialty: "Physical therapy",
        network: Network::InNetwork,
        factor: 85,
        offers: Offers::Codes(&["97110"]),
        unknown_rates: &[],
    },
    DemoProvider {
        id: "st-anne",
        name: "St. Anne Medical Center",
        specialty: "Acute care hospital",
        network: Network::OutOfNetwork,
        factor: 100,
        offers: Offers::All,
        unknown_rates: &["460"],
    },
];

impl DemoProvider {
    fn offers(&self, s: &ServiceEntry) -> bool {
        let code = s.service.code.as_str();
        let is_drg = s.service.code_type == "MS-DRG";
        match self.offers {
            Offers::All => true,
            Offers::Categories(c) => {
                c.contains(&s.service.category.as_str())
                    && !is_drg
                    && s.service.benefit != Benefit::Maternity
            }
            Offers::Codes(codes) => codes.contains(&code),
        }
    }

    fn option(&self, s: &ServiceEntry) -> ProviderOption {
        let known = !self.unknown_rates.contains(&s.service.code.as_str());
        let base = s.base.cents();
        let (billed, allowed) = match self.network {
            Network::InNetwork => {
                let allowed = base * self.factor / 100;
                (allowed * 2, allowed)
            }
            Network::OutOfNetwork => (base * 250 / 100, base * 85 / 100),
        };
        ProviderOption {
            id: self.id.into(),
            name: self.name.into(),
            specialty: self.specialty.into(),
            network: self.network,
            billed: known.then(|| Money::from_cents(billed)),
            allowed: known.then(|| Money::from_cents(allowed)),
        }
    }
}

/// The providers offering a service, in network first, cheapest first.
pub fn providers_for(s: &ServiceEntry) -> Vec<ProviderOption> {
    let mut out: Vec<ProviderOption> = PROVIDERS
        .iter()
        .filter(|p| p.offers(s))
        .map(|p| p.option(s))
        .collect();
    out.sort_by_key(|p| {
        (
            p.network != Network::InNetwork,
            p.allowed.map_or(i64::MAX, Money::cents),
        )
    });
    out
}

/// One provider's option for a service, if it offers it.
pub fn provider_option(s: &ServiceEntry, provider: &str) -> Option<ProviderOption> {
    PROVIDERS
        .iter()
        .find(|p| p.id == provider && p.offers(s))
        .map(|p| p.option(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_seventy_services_load_with_a_price_and_providers() {
        assert_eq!(SERVICES.len(), 70);
        for s in SERVICES.iter() {
            let p = providers_for(s);
            assert!(
                p.iter().any(|o| o.network == Network::InNetwork),
                "{}",
                s.service.code
            );
            assert!(p.iter().any(|o| o.network == Network::OutOfNetwork));
        }
        let mri = service("73721").map(|s| &s.service);
        assert_eq!(
            mri.map(|s| (s.benefit, s.prior_auth)),
            Some((Benefit::Imaging, true))
        );
        assert_eq!(
            service("77067").map(|s| s.service.benefit),
            Some(Benefit::Preventive)
        );
        assert_eq!(
            service("470").map(|s| s.service.code_type.as_str()),
            Some("MS-DRG")
        );
        assert_eq!(
            service("81000 or 81001").map(|s| s.service.code_type.as_str()),
            Some("CPT")
        );
    }

    #[test]
    fn search_by_name_words_or_code() {
        let names = |q: &str| search(q).iter().map(|s| s.code.clone()).collect::<Vec<_>>();
        assert_eq!(names("mri knee"), Vec::<String>::new());
        assert_eq!(names("MRI leg"), vec!["73721"]);
        assert_eq!(names("73721"), vec!["73721"]);
        assert!(names("psychotherapy").len() >= 5);
        assert_eq!(search("").len(), 70);
    }

    #[test]
    fn rates_follow_the_rules() {
        let mri = service("73721").expect("mri");
        let clear = provider_option(mri, "clearpath-imaging").expect("offers");
        assert_eq!(clear.allowed, Some(Money::from_dollars(665)));
        assert_eq!(clear.billed, Some(Money::from_dollars(1330)));
        let anne = provider_option(mri, "st-anne").expect("offers");
        assert_eq!(anne.allowed, Some(Money::from_cents(80_750)));
        assert_eq!(anne.billed, Some(Money::from_dollars(2375)));
        let cabg = service("216").expect("drg");
        let evergreen = provider_option(cabg, "evergreen-regional").expect("offers");
        assert_eq!((evergreen.billed, evergreen.allowed), (None, None));
        assert!(provider_option(mri, "meridian-lab").is_none());
    }
}
