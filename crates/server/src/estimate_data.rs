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
use portal_domain::estimate::{PartRate, Purpose, Rate};
use portal_domain::plans::api::{
    BundlePart, ProviderOption, PurposeOption, ServiceSearch, ShoppableService,
};
use portal_domain::search::{PhraseKind, SearchIndex};
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

/// The plain names and synonyms (`data/service_terms.csv`), by code.
const TERMS: &str = include_str!("../data/service_terms.csv");

/// (plain name, synonyms) of a code.
fn terms(code: &str) -> Option<(String, Vec<String>)> {
    TERMS.lines().skip(1).find_map(|line| {
        let f = fields(line);
        (f.first().map(String::as_str) == Some(code)).then(|| {
            let name = f.get(1).cloned().unwrap_or_default();
            let synonyms = f
                .get(2)
                .map(|s| {
                    s.split(';')
                        .map(|w| w.trim().to_string())
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            (name, synonyms)
        })
    })
}

/// A service with its base price.
pub struct ServiceEntry {
    /// The service as the API shows it.
    pub service: ShoppableService,
    /// Synonyms members use (for search).
    pub synonyms: Vec<String>,
    /// Demo base price (of the service's primary code; the bundle's other parts have their own).
    pub base: Money,
}

/// When a screening mammogram applies.
const MAMMO_SCREENING: &str = "Screening: a routine mammogram when you have no breast symptoms or problems (women 40 and older, every 1 to 2 years). In network this is preventive care: you pay $0, with no deductible.";
/// When a diagnostic mammogram applies.
const MAMMO_DIAGNOSTIC: &str = "Diagnostic: to look into a symptom such as a lump, pain or nipple discharge, or to follow up an earlier mammogram or breast problem. Your plan's imaging cost share applies (deductible and coinsurance).";
/// When a screening colonoscopy applies.
const COLON_SCREENING: &str = "Screening: a routine colonoscopy when you have no symptoms (adults 45 to 75, every 10 years after a normal one), or one to follow up a positive stool-based screening test (such as FIT or Cologuard). In network this is preventive care: you pay $0 for it, including the anesthesia, removing polyps or taking a biopsy during it, and the lab's exam of what is removed.";
/// When a diagnostic colonoscopy applies.
const COLON_DIAGNOSTIC: &str = "Diagnostic: to look into symptoms such as bleeding, stomach pain or a change in bowel habits, or to check a known condition (such as earlier polyps or inflammatory bowel disease) more often than routine screening. Your plan's outpatient surgery cost share applies (deductible and coinsurance).";

/// The screening and diagnostic versions of a code, if it has both.
fn purposes_of(code: &str) -> Vec<PurposeOption> {
    let opt = |purpose, code: &str, when: &str| PurposeOption {
        purpose,
        code: code.into(),
        applies_when: when.into(),
    };
    match code {
        "77065" | "77066" | "77067" => {
            let diagnostic = if code == "77065" { "77065" } else { "77066" };
            vec![
                opt(Purpose::Screening, "77067", MAMMO_SCREENING),
                opt(Purpose::Diagnostic, diagnostic, MAMMO_DIAGNOSTIC),
            ]
        }
        "45378" | "45380" | "45385" => vec![
            opt(Purpose::Screening, code, COLON_SCREENING),
            opt(Purpose::Diagnostic, code, COLON_DIAGNOSTIC),
        ],
        _ => Vec::new(),
    }
}

/// Every shoppable service, in the file's order.
pub static SERVICES: LazyLock<Vec<ServiceEntry>> = LazyLock::new(|| {
    CSV.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let f = fields(line);
            let (category, cms_name, code, code_type) =
                (f.get(1)?, f.get(2)?, f.get(3)?, f.get(4)?);
            let code_type = if code_type.starts_with("CPT") {
                "CPT"
            } else {
                code_type.as_str()
            };
            let base = BASE_PRICES
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, p)| Money::from_dollars(*p))?;
            let (name, synonyms) = terms(code).unwrap_or_else(|| (cms_name.clone(), Vec::new()));
            Some(ServiceEntry {
                synonyms,
                service: ShoppableService {
                    code: code.clone(),
                    name,
                    cms_name: cms_name.clone(),
                    category: category.clone(),
                    code_type: code_type.into(),
                    benefit: benefit_of(code, category, code_type),
                    prior_auth: PRIOR_AUTH.contains(&code.as_str()),
                    purposes: purposes_of(code),
                },
                base,
            })
        })
        .collect()
});

/// The search index over [`SERVICES`] (same order).
static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| {
    let mut ix = SearchIndex::new();
    for s in SERVICES.iter() {
        let mut phrases = vec![
            (PhraseKind::Code, s.service.code.as_str()),
            (PhraseKind::PlainName, s.service.name.as_str()),
            (PhraseKind::Official, s.service.cms_name.as_str()),
        ];
        phrases.extend(s.synonyms.iter().map(|w| (PhraseKind::Synonym, w.as_str())));
        ix.add(&phrases);
    }
    ix
});

/// The service with this code.
pub fn service(code: &str) -> Option<&'static ServiceEntry> {
    SERVICES.iter().find(|s| s.service.code == code)
}

/// Services matching the words of `q` (plain names, synonyms, CMS wording
/// or code), best first (all when empty).
pub fn search(q: &str) -> Vec<&'static ShoppableService> {
    lookup(q).0
}

/// Most matches or suggestions [`search_outcome`] returns.
pub const SHOWN: usize = 12;

/// What a search found: matches, and when none, "did you mean" and suggestions.
pub fn search_outcome(q: &str) -> ServiceSearch {
    let (found, did_you_mean, suggestions) = lookup(q);
    ServiceSearch {
        total: u32::try_from(found.len()).unwrap_or(u32::MAX),
        services: found.into_iter().take(SHOWN).cloned().collect(),
        did_you_mean,
        suggestions: suggestions.into_iter().take(5).cloned().collect(),
    }
}

type Found = (
    Vec<&'static ShoppableService>,
    Option<String>,
    Vec<&'static ShoppableService>,
);

fn lookup(q: &str) -> Found {
    let out = INDEX.search(q);
    let pick = |ix: &[usize]| -> Vec<&'static ShoppableService> {
        ix.iter()
            .filter_map(|i| SERVICES.get(*i).map(|s| &s.service))
            .collect()
    };
    (pick(&out.matches), out.did_you_mean, pick(&out.suggestions))
}

/// How a bundle part is priced.
#[derive(Clone, Copy)]
enum Share {
    /// This percentage of the service's base price (the parts of the
    /// primary code; the last one takes the rounding remainder).
    Pct(i64),
    /// Its own base price, in dollars.
    Dollars(i64),
}

/// One part of a bundle.
#[derive(Clone, Copy)]
struct PartSpec {
    label: &'static str,
    billed_by: &'static str,
    code: Option<&'static str>,
    share: Share,
    /// `None`: the service's benefit.
    benefit: Option<Benefit>,
    newborn: bool,
}

const fn part(label: &'static str, billed_by: &'static str, share: Share) -> PartSpec {
    PartSpec {
        label,
        billed_by,
        code: None,
        share,
        benefit: None,
        newborn: false,
    }
}

const fn coded(mut p: PartSpec, code: &'static str) -> PartSpec {
    p.code = Some(code);
    p
}

const fn under(mut p: PartSpec, benefit: Benefit) -> PartSpec {
    p.benefit = Some(benefit);
    p
}

const fn newborn(mut p: PartSpec) -> PartSpec {
    p.newborn = true;
    p
}

const ANESTHESIA: &str = "Anesthesia";
const ANESTHESIOLOGIST: &str = "the anesthesiologist or nurse anesthetist";
const PATHOLOGY: &str = "Lab exam of the tissue removed (pathology)";
const AFTER_SURGERY: &str = "Visits with your surgeon before the procedure, care for any complications, and prescriptions to take home.";
const ORDERING_VISIT: &str = "The visit with the doctor who orders it, billed separately.";

/// Anesthesia and pathology base prices (dollars) of outpatient procedures.
fn surgery_extras(code: &str) -> (Option<i64>, Option<i64>) {
    match code {
        "19120" => (Some(900), Some(150)),
        "29826" => (Some(1100), None),
        "29881" | "49505" => (Some(900), None),
        "42820" => (Some(800), None),
        "43235" | "45378" | "45391" => (Some(500), None),
        "43239" | "45380" | "45385" => (Some(500), Some(150)),
        "47562" => (Some(1200), Some(150)),
        "55700" => (None, Some(400)),
        "55866" => (Some(2000), Some(400)),
        "66984" => (Some(400), None),
        _ => (None, None),
    }
}

/// The parts of a service's bundle and what it does not include.
fn bundle_of(s: &ShoppableService) -> (Vec<PartSpec>, Vec<&'static str>) {
    use Benefit::*;
    let code = s.code.as_str();
    let whole = |label, by| vec![part(label, by, Share::Pct(100))];
    match (s.benefit, code) {
        (Maternity, _) => {
            let (drg, hospital, anesthesia_code, anesthesia) = match code {
                "59510" => ("MS-DRG 788", 18_000, "01961", 1_400),
                "59610" => ("MS-DRG 807", 12_500, "01967", 1_200),
                _ => ("MS-DRG 807", 12_000, "01967", 1_200),
            };
            (
                vec![
                    coded(
                        part(
                            "Obstetrician's care: prenatal visits, the delivery and the checkup after",
                            "your obstetrician",
                            Share::Pct(100),
                        ),
                        if code == "59510" { "59510" } else if code == "59610" { "59610" } else { "59400" },
                    ),
                    coded(
                        part("Hospital stay for the birth", "the hospital", Share::Dollars(hospital)),
                        drg,
                    ),
                    coded(
                        part(
                            if code == "59510" { "Anesthesia for the C-section" } else { "Anesthesia (epidural), if you have one" },
                            ANESTHESIOLOGIST,
                            Share::Dollars(anesthesia),
                        ),
                        anesthesia_code,
                    ),
                    newborn(under(
                        coded(
                            part("Your baby's routine care in the hospital (nursery)", "the hospital", Share::Dollars(2_500)),
                            "MS-DRG 795",
                        ),
                        InpatientStay,
                    )),
                    newborn(under(
                        coded(
                            part("Pediatrician's newborn exams in the hospital", "the pediatrician", Share::Dollars(250)),
                            "99460",
                        ),
                        PrimaryCare,
                    )),
                ],
                vec![
                    "Care for complications of the pregnancy or the birth, and a longer hospital stay.",
                    "Care for your baby beyond routine newborn care, such as the neonatal intensive care unit (NICU).",
                    "Ultrasounds and lab tests during the pregnancy (each billed by the imaging center or lab).",
                    "Circumcision, if you choose it.",
                ],
            )
        }
        (InpatientStay, _) => {
            let (surgeon, anesthesia) = match code {
                "216" => (8_000, 3_000),
                "460" => (6_000, 2_500),
                "473" => (4_500, 1_800),
                "743" => (2_500, 1_200),
                _ => (3_500, 1_500),
            };
            (
                vec![
                    part("Hospital stay (room, nursing care, operating room, supplies)", "the hospital", Share::Pct(100)),
                    part("Surgeon's fee", "the surgeon", Share::Dollars(surgeon)),
                    part(ANESTHESIA, ANESTHESIOLOGIST, Share::Dollars(anesthesia)),
                ],
                vec![
                    "Care after you leave the hospital: rehabilitation, a skilled nursing facility, home health care or physical therapy.",
                    "Medical equipment to take home, such as a walker or a brace.",
                    "Visits from other doctors while you are in the hospital (for example a consulting specialist).",
                ],
            )
        }
        (OutpatientSurgery, _) => {
            let (anesthesia, pathology) = surgery_extras(code);
            let mut parts = vec![
                part("Facility fee (procedure room, recovery, supplies)", "the hospital or surgery center", Share::Pct(60)),
                part("Doctor's fee for the procedure", "the surgeon or doctor doing it", Share::Pct(40)),
            ];
            if let Some(a) = anesthesia {
                parts.push(part(ANESTHESIA, ANESTHESIOLOGIST, Share::Dollars(a)));
            }
            if let Some(p) = pathology {
                parts.push(under(coded(part(PATHOLOGY, "the pathologist", Share::Dollars(p)), "88305"), Lab));
            }
            let mut not = vec![AFTER_SURGERY];
            match code {
                "29826" | "29881" => not.push("Physical therapy after the surgery."),
                "66984" => not.push("A premium lens (for example one that corrects astigmatism) costs extra and may not be covered."),
                _ => {}
            }
            (parts, not)
        }
        (Lab, "93000") => (whole("EKG with the doctor's reading", "the doctor's office"), vec![ORDERING_VISIT]),
        (Lab, "95810") => (
            vec![
                part("Overnight sleep study in the sleep lab", "the sleep center", Share::Pct(75)),
                part("Sleep doctor's reading and report", "the sleep physician", Share::Pct(25)),
            ],
            vec![ORDERING_VISIT, "A CPAP machine, if you need one: medical equipment, billed separately."],
        ),
        (Lab, _) => {
            let mut parts = whole("The lab test", "the lab");
            if !code.starts_with("810") {
                parts.push(coded(part("Blood draw", "the lab or your doctor's office", Share::Dollars(10)), "36415"));
            }
            (parts, vec![ORDERING_VISIT])
        }
        (Imaging, _) | (Preventive, "77067") => {
            let mut not = vec![ORDERING_VISIT];
            if matches!(code, "70553" | "72193" | "74177") {
                not.push("Some facilities bill the contrast dye separately.");
            }
            if code.starts_with("7706") {
                not.push("If more pictures or an ultrasound are needed after a screening mammogram, that follow-up is diagnostic: your imaging cost share applies.");
            }
            (
                vec![
                    part("The scan (equipment, staff and facility)", "the imaging center or hospital", Share::Pct(80)),
                    part("Radiologist's reading of the images", "the radiologist", Share::Pct(20)),
                ],
                not,
            )
        }
        (Preventive, _) => (
            whole("Preventive visit (check-up)", "the doctor's office"),
            vec![
                "If the doctor also looks into a new or ongoing problem at the visit, they may bill an office visit too, with your usual cost share.",
                "Lab tests ordered at the visit, billed separately by the lab.",
            ],
        ),
        (Therapy, _) => (
            whole("Therapeutic exercise, one 15-minute unit", "the physical therapist"),
            vec![
                "A session is often 2 to 4 of these 15-minute units (set “How many” to the number of units), and the first visit has an evaluation, billed separately.",
            ],
        ),
        (MentalHealth, _) => (whole("Therapy session", "the therapist"), vec!["Other sessions: each is billed on its own."]),
        _ => (
            whole("The visit", "the doctor's office"),
            vec!["Tests, X-rays, shots or procedures done or ordered at the visit, billed separately."],
        ),
    }
}

/// A bundle priced at one provider: the parts with their rates (per unit).
pub struct PricedBundle {
    /// The parts as the API shows them (prices per unit).
    pub parts: Vec<BundlePart>,
    /// The parts as the engine prices them.
    pub rates: Vec<PartRate>,
    /// What it does not include.
    pub not_included: Vec<String>,
}

/// The bundle of `s` at `provider` (its parts' rates unknown where the
/// provider's rate is), priced under `purpose` (a screening puts every part
/// under preventive care).
pub fn bundle(s: &ServiceEntry, provider: &str, purpose: Option<Purpose>) -> Option<PricedBundle> {
    let p = PROVIDERS.iter().find(|p| p.id == provider && p.offers(s))?;
    let known = !p.unknown_rates.contains(&s.service.code.as_str());
    let (specs, not) = bundle_of(&s.service);
    let base = s.base.cents();
    let pct_total: i64 = specs
        .iter()
        .filter_map(|x| match x.share {
            Share::Pct(n) => Some(n),
            Share::Dollars(_) => None,
        })
        .sum();
    let mut pct_left = base * pct_total / 100;
    let last_pct = specs.iter().rposition(|x| matches!(x.share, Share::Pct(_)));
    let screening = purpose == Some(Purpose::Screening);
    let mut parts = Vec::new();
    let mut rates = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let part_base = match spec.share {
            Share::Pct(_) if Some(i) == last_pct => pct_left,
            Share::Pct(n) => {
                let c = base * n / 100;
                pct_left -= c;
                c
            }
            Share::Dollars(d) => d * 100,
        };
        let (billed, allowed) = p.price(part_base);
        let rate = known.then_some(Rate {
            billed: Money::from_cents(billed),
            allowed: Money::from_cents(allowed),
        });
        let benefit = if screening {
            Benefit::Preventive
        } else {
            spec.benefit.unwrap_or(s.service.benefit)
        };
        parts.push(BundlePart {
            label: spec.label.into(),
            billed_by: spec.billed_by.into(),
            code: spec.code.map(str::to_string),
            benefit,
            newborn: spec.newborn,
            billed: rate.map(|r| r.billed),
            allowed: rate.map(|r| r.allowed),
        });
        rates.push(PartRate {
            benefit,
            rate,
            newborn: spec.newborn,
        });
    }
    Some(PricedBundle {
        parts,
        rates,
        not_included: not.into_iter().map(str::to_string).collect(),
    })
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
    /// A hospital or ambulatory surgery center (No Surprises Act facility).
    facility: bool,
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
        facility: false,
    },
    DemoProvider {
        id: "evergreen-regional",
        name: "Evergreen Regional Hospital",
        specialty: "Acute care hospital",
        network: Network::InNetwork,
        factor: 115,
        offers: Offers::All,
        unknown_rates: &["216", "55866"],
        facility: true,
    },
    DemoProvider {
        id: "clearpath-imaging",
        name: "ClearPath Imaging",
        specialty: "Diagnostic radiology",
        network: Network::InNetwork,
        factor: 70,
        offers: Offers::Categories(&[RADIOLOGY]),
        unknown_rates: &[],
        facility: false,
    },
    DemoProvider {
        id: "meridian-lab",
        name: "Meridian Lab Services",
        specialty: "Clinical laboratory",
        network: Network::InNetwork,
        factor: 60,
        offers: Offers::Categories(&[LAB]),
        unknown_rates: &[],
        facility: false,
    },
    DemoProvider {
        id: "lakeside-surgery",
        name: "Lakeside Surgery Center",
        specialty: "Ambulatory surgery center",
        network: Network::InNetwork,
        factor: 80,
        offers: Offers::Categories(&[SURGERY]),
        unknown_rates: &[],
        facility: true,
    },
    DemoProvider {
        id: "mindful-path",
        name: "Mindful Path Counseling",
        specialty: "Clinical psychology",
        network: Network::InNetwork,
        factor: 90,
        offers: Offers::Codes(&["90832", "90834", "90837", "90846", "90847", "90853"]),
        unknown_rates: &[],
        facility: false,
    },
    DemoProvider {
        id: "motion-pt",
        name: "Motion Physical Therapy",
        specialty: "Physical therapy",
        network: Network::InNetwork,
        factor: 85,
        offers: Offers::Codes(&["97110"]),
        unknown_rates: &[],
        facility: false,
    },
    DemoProvider {
        id: "st-anne",
        name: "St. Anne Medical Center",
        specialty: "Acute care hospital",
        network: Network::OutOfNetwork,
        factor: 100,
        offers: Offers::All,
        unknown_rates: &["460"],
        facility: true,
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

    /// (billed, allowed) in cents for a part with this base price.
    fn price(&self, base: i64) -> (i64, i64) {
        match self.network {
            Network::InNetwork => {
                let allowed = base * self.factor / 100;
                (allowed * 2, allowed)
            }
            Network::OutOfNetwork => (base * 250 / 100, base * 85 / 100),
        }
    }

    fn option(&self, s: &ServiceEntry) -> ProviderOption {
        let priced = bundle(s, self.id, None);
        let sum = |f: fn(&BundlePart) -> Option<Money>| -> Option<Money> {
            priced
                .as_ref()
                .and_then(|b| b.parts.iter().map(f).sum::<Option<Money>>())
        };
        ProviderOption {
            id: self.id.into(),
            name: self.name.into(),
            specialty: self.specialty.into(),
            network: self.network,
            billed: sum(|p| p.billed),
            allowed: sum(|p| p.allowed),
            facility: self.facility,
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

    /// Members' own words, each finding the right service first.
    const PLAIN_SEARCHES: &[(&str, &str)] = &[
        ("colonoscopy", "45378"),
        ("knee MRI", "73721"),
        ("MRI of my knee", "73721"),
        ("mammogram", "77067"),
        ("mammograms", "77067"),
        ("diagnostic mammogram", "77066"),
        ("having a baby", "59400"),
        ("giving birth", "59400"),
        ("c-section", "59510"),
        ("c section", "59510"),
        ("blood test", "85025"),
        ("blood work", "85025"),
        ("cholesterol test", "80061"),
        ("physical therapy", "97110"),
        ("CT scan of the head", "70450"),
        ("head CT", "70450"),
        ("cataract surgery", "66984"),
        ("knee replacement", "470"),
        ("hip replacement", "470"),
        ("back MRI", "72148"),
        ("brain MRI", "70553"),
        ("lower back x-ray", "72110"),
        ("back xray", "72110"),
        ("sleep study", "95810"),
        ("sleep apnea test", "95810"),
        ("EKG", "93000"),
        ("thyroid test", "84443"),
        ("urine test", "81000 or 81001"),
        ("PSA test", "84153-84154"),
        ("tonsillectomy", "42820"),
        ("gallbladder removal", "47562"),
        ("hernia repair", "49505"),
        ("upper endoscopy", "43235"),
        ("polyp removal", "45385"),
        ("annual physical", "99385"),
        ("check-up", "99385"),
        ("therapy session", "90832"),
        ("45 minute therapy", "90834"),
        ("family therapy with the patient", "90847"),
        ("counseling", "90832"),
        ("pregnancy ultrasound", "76805"),
        ("abdominal ultrasound", "76700"),
        ("prostate biopsy", "55700"),
        ("heart cath", "93452"),
        ("spinal fusion", "460"),
        ("hysterectomy", "743"),
        ("epidural injection", "62322-62323"),
        ("liver test", "80076"),
        ("screening colonoscopy", "45378"),
        ("colonoscopy with biopsy", "45380"),
        ("73721", "73721"),
        ("doctor visit", "99203"),
    ];

    #[test]
    fn plain_language_searches_find_the_right_service_first() {
        let mut wrong = Vec::new();
        for (q, code) in PLAIN_SEARCHES {
            let found = search(q);
            let first = found.first().map(|s| s.code.as_str());
            if first != Some(*code) {
                wrong.push(format!(
                    "{q:?}: expected {code}, got {:?}",
                    found.iter().take(3).map(|s| &s.code).collect::<Vec<_>>()
                ));
            }
        }
        assert!(PLAIN_SEARCHES.len() >= 30);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn every_service_has_a_plain_name_and_synonyms() {
        for s in SERVICES.iter() {
            assert!(
                !s.service.name.is_empty() && s.service.name != s.service.cms_name
                    || s.service.code == "95810",
                "{} needs a plain name",
                s.service.code
            );
            assert!(!s.synonyms.is_empty(), "{} needs synonyms", s.service.code);
            assert_eq!(
                search(&s.service.name).first().map(|f| f.code.as_str()),
                Some(s.service.code.as_str()),
                "its own plain name finds it first"
            );
        }
        // every code in the terms file is one of the 70
        for line in TERMS.lines().skip(1) {
            let code = fields(line).first().cloned().unwrap_or_default();
            assert!(
                service(&code).is_some(),
                "unknown code {code} in service_terms.csv"
            );
        }
    }

    #[test]
    fn did_you_mean_and_suggestions_when_nothing_matches() {
        let out = search_outcome("colonscopy");
        assert!(out.services.is_empty());
        assert_eq!(out.did_you_mean.as_deref(), Some("colonoscopy"));
        assert_eq!(
            out.suggestions.first().map(|s| s.code.as_str()),
            Some("45378")
        );
        let out = search_outcome("mamogram");
        assert_eq!(out.did_you_mean.as_deref(), Some("mammogram"));
        let out = search_outcome("zzzz");
        assert!(
            out.services.is_empty() && out.did_you_mean.is_none() && out.suggestions.is_empty()
        );
        assert_eq!(search_outcome("").total, 70);
        assert_eq!(search_outcome("").services.len(), SHOWN);
        assert_eq!(
            search("MRI leg").first().map(|s| s.code.as_str()),
            Some("73721")
        );
        assert!(search("psychotherapy").len() >= 5);
    }

    #[test]
    fn bundles_add_up_and_say_what_they_leave_out() {
        // the MRI's two parts add up to the provider's price
        let mri = service("73721").expect("mri");
        let b = bundle(mri, "clearpath-imaging", None).expect("offered");
        assert_eq!(b.parts.len(), 2);
        let allowed: Money = b.parts.iter().filter_map(|p| p.allowed).sum();
        assert_eq!(allowed, Money::from_dollars(665));
        // a birth: obstetrician, hospital, anesthesia, and the baby's two parts
        let birth = service("59400").expect("birth");
        let b = bundle(birth, "evergreen-regional", None).expect("hospital");
        assert_eq!(b.parts.len(), 5);
        assert_eq!(b.parts.iter().filter(|p| p.newborn).count(), 2);
        assert!(b.not_included.iter().any(|n| n.contains("NICU")));
        assert!(
            bundle(birth, "lakeside-surgery", None).is_none(),
            "no births at a surgery center"
        );
        // a screening colonoscopy: every part is preventive care
        let colon = service("45385").expect("colonoscopy");
        let b = bundle(colon, "lakeside-surgery", Some(Purpose::Screening)).expect("offered");
        assert!(b.parts.iter().all(|p| p.benefit == Benefit::Preventive));
        let b = bundle(colon, "lakeside-surgery", Some(Purpose::Diagnostic)).expect("offered");
        assert!(
            b.parts.iter().any(|p| p.benefit == Benefit::Lab),
            "pathology under lab"
        );
        // every service has at least one part, and every part has a price or none
        for s in SERVICES.iter() {
            for p in providers_for(s) {
                let b = bundle(s, &p.id, None).expect("listed providers price it");
                assert!(!b.parts.is_empty());
                assert!(b.parts.iter().all(|x| x.allowed.is_some()) == p.allowed.is_some());
            }
        }
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
