//! The demo provider directory (issue 14): a deterministic network of about
//! three thousand fictional listings around Seattle, written once (the
//! first `--demo` start with an empty directory; older demo databases get
//! it too).
//!
//! * The providers the demo claims and the estimator name are in it with
//!   the NPIs the claims carry, and the network status the claims show
//!   (Summit Dermatology and St. Anne Medical Center are out of network).
//! * The clinicians of the claims' care teams work at those practices, and
//!   the household's primary care providers at theirs.
//! * Everyone else is drawn from a seeded generator: practices of 2 to 14
//!   clinicians of one specialty group, and hospitals, urgent care, labs,
//!   imaging centers, surgery centers and pharmacies, at real ZIP codes of
//!   the area (centroids from [`crate::directory::zips`]), each with a valid
//!   NPI, NUCC taxonomy, phone, hours, languages, accessibility, networks
//!   and tiers.
//!
//! Two networks: "Evergreen Choice" (the PPO plans') and the narrower
//! "Evergreen Select" (the HMO and EPO plans').

use super::{care_team, home};
use crate::db::Db;
use crate::directory::zips;
use chrono::{Duration, NaiveDate};
use portal_domain::care::distance::{tenths_of_mile, LatLon};
use portal_domain::provider::identity::npi_check_digit;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sqlx::{Sqlite, Transaction};

/// The PPO plans' network.
pub const CHOICE: &str = "Evergreen Choice";
/// The HMO and EPO plans' network.
pub const SELECT: &str = "Evergreen Select";

/// Where the demo network is: within this many miles of downtown Seattle.
const AREA_MILES: u32 = 30;
const SEATTLE: LatLon = LatLon {
    lat: 47.6062,
    lon: -122.3321,
};

/// The households' home ZIP codes (household id, ZIP).
pub const HOME_ZIPS: &[(i64, &str)] = &[
    (1, "98103"),
    (2, "98115"),
    (3, "98004"),
    (4, "98122"),
    (5, "98033"),
];
/// The home ZIP of every other demo household (the test and benchmark ones).
const DEFAULT_HOME_ZIP: &str = "98101";

/// A listing to write.
struct Listing {
    npi: String,
    practitioner: bool,
    name: String,
    taxonomy: &'static str,
    gender: Option<&'static str>,
    board_certified: Option<bool>,
    accepting_new: bool,
    virtual_visits: bool,
    languages: Vec<&'static str>,
    /// Index of the practice in the list being written.
    practice: Option<usize>,
    estimator_id: Option<&'static str>,
    verified_on: NaiveDate,
    locations: Vec<Location>,
    /// (network, tier).
    networks: Vec<(&'static str, u8)>,
    /// Indexes of hospitals in the list.
    hospitals: Vec<usize>,
}

#[derive(Clone)]
struct Location {
    name: String,
    line: String,
    city: String,
    zip: String,
    at: LatLon,
    phone: String,
    hours: &'static str,
    wheelchair: bool,
    asl: bool,
}

/// A provider the claims or the estimator name: name, NPI base (9 digits),
/// taxonomy, home ZIP, networks, estimator ID.
type Known = (
    &'static str,
    u32,
    &'static str,
    &'static str,
    &'static [(&'static str, u8)],
    Option<&'static str>,
);

const BOTH: &[(&str, u8)] = &[(CHOICE, 1), (SELECT, 1)];
const CHOICE_ONLY: &[(&str, u8)] = &[(CHOICE, 1)];
const NONE: &[(&str, u8)] = &[];

const KNOWN: &[Known] = &[
    (
        "Cedar Family Medicine",
        124_578_301,
        "207Q00000X",
        "98103",
        BOTH,
        Some("cedar-family"),
    ),
    (
        "Northside Pediatrics",
        124_578_302,
        "208000000X",
        "98115",
        BOTH,
        None,
    ),
    (
        "Harborview Cardiology",
        124_578_303,
        "207RC0000X",
        "98104",
        CHOICE_ONLY,
        None,
    ),
    (
        "Summit Dermatology",
        124_578_304,
        "207N00000X",
        "98004",
        NONE,
        None,
    ),
    (
        "Lakeside Orthopedics",
        124_578_305,
        "207X00000X",
        "98033",
        &[(CHOICE, 2), (SELECT, 1)],
        None,
    ),
    (
        "Evergreen Regional Hospital",
        124_578_306,
        "282N00000X",
        "98034",
        BOTH,
        Some("evergreen-regional"),
    ),
    (
        "QuickCare Urgent Care",
        124_578_307,
        "261QU0200X",
        "98105",
        BOTH,
        None,
    ),
    (
        "ClearPath Imaging",
        124_578_308,
        "261QR0200X",
        "98109",
        BOTH,
        Some("clearpath-imaging"),
    ),
    (
        "Meridian Lab Services",
        124_578_309,
        "291U00000X",
        "98101",
        BOTH,
        Some("meridian-lab"),
    ),
    (
        "Riverbend Pharmacy",
        124_578_310,
        "333600000X",
        "98117",
        BOTH,
        None,
    ),
    (
        "Mindful Path Counseling",
        124_578_311,
        "103T00000X",
        "98122",
        BOTH,
        Some("mindful-path"),
    ),
    (
        "Motion Physical Therapy",
        124_578_312,
        "225100000X",
        "98107",
        CHOICE_ONLY,
        Some("motion-pt"),
    ),
    (
        "Bright Smile Dental",
        124_578_313,
        "1223G0001X",
        "98116",
        CHOICE_ONLY,
        None,
    ),
    (
        "Vista Eye Care",
        124_578_314,
        "152W00000X",
        "98118",
        CHOICE_ONLY,
        None,
    ),
    (
        "St. Anne Medical Center",
        124_578_315,
        "282N00000X",
        "98006",
        NONE,
        Some("st-anne"),
    ),
    (
        "Lakeside Surgery Center",
        124_578_316,
        "261QA1903X",
        "98033",
        BOTH,
        Some("lakeside-surgery"),
    ),
];

/// The practice (index into [`KNOWN`]) where each care-team list works:
/// physicians at Cedar Family Medicine, then the specialists' offices.
const CARE_TEAM_PRACTICES: [(usize, &[care_team::Person], &str); 5] = [
    (0, &care_team::MEDICAL, "207Q00000X"),
    (10, &care_team::BEHAVIORAL, "103T00000X"),
    (11, &care_team::THERAPY, "225100000X"),
    (12, &care_team::DENTAL, "1223G0001X"),
    (13, &care_team::VISION, "152W00000X"),
];

/// The generated practices' specialty groups: weight, (taxonomy, share of
/// the practice's clinicians) and the name suffix.
const GROUPS: &[(u32, &[&str], &str)] = &[
    (
        20,
        &["207Q00000X", "207Q00000X", "207R00000X", "363L00000X"],
        "Family Medicine",
    ),
    (
        10,
        &["207R00000X", "207R00000X", "363L00000X"],
        "Primary Care",
    ),
    (
        10,
        &["208000000X", "208000000X", "363L00000X"],
        "Pediatrics",
    ),
    (
        6,
        &["207V00000X", "207V00000X", "363L00000X"],
        "Women's Health",
    ),
    (
        5,
        &["207X00000X", "207X00000X", "225100000X"],
        "Orthopedics",
    ),
    (4, &["207RC0000X"], "Heart Center"),
    (4, &["207N00000X"], "Dermatology"),
    (3, &["207RG0100X"], "Digestive Health"),
    (3, &["207RE0101X"], "Endocrinology"),
    (3, &["2084N0400X"], "Neurology"),
    (3, &["2084P0800X", "363L00000X"], "Psychiatry"),
    (
        10,
        &["103T00000X", "101YM0800X", "1041C0700X", "101YM0800X"],
        "Counseling",
    ),
    (6, &["225100000X"], "Physical Therapy"),
    (2, &["207W00000X", "152W00000X"], "Eye Associates"),
    (4, &["152W00000X"], "Vision Center"),
    (2, &["207Y00000X"], "Ear, Nose and Throat"),
    (2, &["208800000X"], "Urology"),
    (2, &["208600000X"], "Surgical Associates"),
    (6, &["1223G0001X"], "Dental"),
];

const PLACES: &[&str] = &[
    "Alder",
    "Alki",
    "Bayview",
    "Beacon",
    "Cascade",
    "Cedar Hill",
    "Cherry Street",
    "Columbia",
    "Crown Hill",
    "Eastgate",
    "Elliott Bay",
    "Evergreen Park",
    "Fremont",
    "Green Lake",
    "Harbor",
    "Highland",
    "Juniper",
    "Kestrel",
    "Lakeview",
    "Madrona",
    "Magnolia",
    "Maple Leaf",
    "Meadow",
    "Mercer",
    "North Sound",
    "Northgate",
    "Olympic",
    "Pacific",
    "Pinecrest",
    "Pioneer",
    "Puget",
    "Queen Anne",
    "Rainier",
    "Ravenna",
    "Salish",
    "Sandpoint",
    "Skyline",
    "Sound",
    "Summit Ridge",
    "Sunset Hill",
    "Tahoma",
    "Totem Lake",
    "Union Bay",
    "Wallingford",
    "Westlake",
    "Willow",
    "Woodland",
];

const STREETS: &[&str] = &[
    "Aurora Ave N",
    "Broadway E",
    "Rainier Ave S",
    "NE 45th St",
    "15th Ave NE",
    "Madison St",
    "Pine St",
    "Eastlake Ave E",
    "Lake City Way NE",
    "California Ave SW",
    "NE 8th St",
    "Bellevue Way NE",
    "Main St",
    "Pacific Hwy S",
    "Lake Washington Blvd",
    "Market St",
    "Greenwood Ave N",
    "Roosevelt Way NE",
    "Stone Way N",
    "116th Ave NE",
    "Sunset Blvd NE",
    "Meridian Ave N",
    "Union Ave",
    "Central Way",
];

const FEMALE: &[&str] = &[
    "Alicia", "Amara", "Ana", "Beatriz", "Carmen", "Chloe", "Daniela", "Elena", "Emily", "Fatima",
    "Grace", "Hana", "Ingrid", "Jasmine", "Julia", "Keiko", "Laura", "Leila", "Linh", "Lucia",
    "Mai", "Maria", "Mei", "Mira", "Nadia", "Natalia", "Olga", "Priya", "Rachel", "Rosa", "Sara",
    "Sofia", "Sun-hee", "Tamar", "Valeria", "Yasmin", "Zainab", "Hodan", "Oksana", "Marisol",
];
const MALE: &[&str] = &[
    "Aaron", "Ahmed", "Andre", "Ben", "Carlos", "Daniel", "David", "Diego", "Eli", "Farid",
    "Gabriel", "Hiro", "Ivan", "James", "Javier", "Jin", "Jorge", "Kenji", "Liam", "Luis",
    "Marcus", "Mateo", "Min-jun", "Nathan", "Omar", "Pavel", "Rafael", "Raj", "Samuel", "Thanh",
    "Tomas", "Victor", "Wei", "Yusuf", "Abdi", "Mykola", "Harpreet", "Tesfaye", "Noah", "Owen",
];
const NEUTRAL: &[&str] = &["Alex", "Jordan", "Riley", "Sam", "Taylor", "Quinn"];
const FAMILY: &[&str] = &[
    "Abebe",
    "Alvarez",
    "Andersen",
    "Bautista",
    "Becker",
    "Bui",
    "Campbell",
    "Chen",
    "Cruz",
    "Dang",
    "Diaz",
    "Ellis",
    "Fernandez",
    "Fischer",
    "Garcia",
    "Gonzalez",
    "Gupta",
    "Hall",
    "Hassan",
    "Hernandez",
    "Hoang",
    "Ito",
    "Jensen",
    "Johnson",
    "Kaur",
    "Khan",
    "Kim",
    "Kovalenko",
    "Larsen",
    "Lee",
    "Li",
    "Lopez",
    "Martinez",
    "Mehta",
    "Mohamed",
    "Morales",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Olsen",
    "Park",
    "Patel",
    "Perez",
    "Petrov",
    "Quinn",
    "Ramirez",
    "Reyes",
    "Rivera",
    "Robinson",
    "Sanchez",
    "Santos",
    "Schmidt",
    "Shah",
    "Singh",
    "Smirnov",
    "Suzuki",
    "Tanaka",
    "Tran",
    "Vargas",
    "Vu",
    "Wang",
    "Warsame",
    "Wong",
    "Yamamoto",
    "Yilma",
    "Zhang",
];

/// Other languages spoken (besides English), with the chance in a thousand
/// that a clinician speaks each.
const LANGUAGES: &[(&str, u32)] = &[
    ("es", 180),
    ("zh", 60),
    ("vi", 50),
    ("ko", 40),
    ("ru", 40),
    ("tl", 30),
    ("so", 20),
    ("uk", 20),
    ("ar", 20),
    ("am", 15),
    ("pa", 15),
];

const HOURS_OFFICE: &str = "Mon-Fri 8:00 AM-5:00 PM";
const HOURS_OFFICE_SAT: &str = "Mon-Fri 8:00 AM-5:00 PM|Sat 9:00 AM-1:00 PM";
const HOURS_URGENT: &str = "Every day 8:00 AM-8:00 PM";
const HOURS_HOSPITAL: &str = "Open 24 hours, every day";
const HOURS_PHARMACY: &str = "Mon-Fri 9:00 AM-9:00 PM|Sat-Sun 10:00 AM-6:00 PM";
const HOURS_LAB: &str = "Mon-Fri 7:00 AM-4:00 PM|Sat 8:00 AM-12:00 PM";

fn npi(base9: &str) -> String {
    let check = npi_check_digit(base9).unwrap_or(0);
    format!("{base9}{check}")
}

/// The generator: a seeded RNG and the area's ZIP codes.
struct Gen {
    rng: ChaCha8Rng,
    zips: Vec<&'static zips::ZipPlace>,
    today: NaiveDate,
    next_person: u32,
    next_org: u32,
}

impl Gen {
    fn chance(&mut self, per_thousand: u32) -> bool {
        self.rng.gen_range(0..1000) < per_thousand
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.gen_range(0..items.len())]
    }

    fn zip(&mut self) -> &'static zips::ZipPlace {
        self.zips[self.rng.gen_range(0..self.zips.len())]
    }

    fn verified(&mut self) -> NaiveDate {
        self.today - Duration::days(self.rng.gen_range(1..85))
    }

    fn person_npi(&mut self) -> String {
        self.next_person += 1;
        npi(&format!("16{:07}", self.next_person))
    }

    fn org_npi(&mut self) -> String {
        self.next_org += 1;
        npi(&format!("17{:07}", self.next_org))
    }

    fn location(&mut self, name: &str, zip: &zips::ZipPlace, hours: &'static str) -> Location {
        let area = match &zip.zip[..3] {
            "981" => "206",
            "983" | "984" => "253",
            _ => "425",
        };
        let suite = if self.chance(400) {
            format!(", Suite {}", self.rng.gen_range(1..6) * 100)
        } else {
            String::new()
        };
        let street = *self.pick(STREETS);
        Location {
            name: name.to_string(),
            line: format!("{} {street}{suite}", self.rng.gen_range(100..9900)),
            city: zip.city.clone(),
            zip: zip.zip.clone(),
            at: LatLon {
                lat: zip.at.lat + self.rng.gen_range(-0.006..0.006),
                lon: zip.at.lon + self.rng.gen_range(-0.009..0.009),
            },
            phone: format!("({area}) 555-01{:02}", self.rng.gen_range(0..100)),
            hours,
            wheelchair: self.chance(940),
            asl: self.chance(50),
        }
    }

    fn languages(&mut self) -> Vec<&'static str> {
        let mut out = vec!["en"];
        for (code, chance) in LANGUAGES {
            if self.chance(*chance) {
                out.push(code);
            }
        }
        out
    }

    fn networks(&mut self) -> Vec<(&'static str, u8)> {
        if self.chance(60) {
            return Vec::new();
        }
        let tier = if self.chance(700) { 1 } else { 2 };
        let mut out = vec![(CHOICE, tier)];
        if self.chance(500) {
            out.push((SELECT, 1));
        }
        out
    }
}

/// A practice or facility name not used yet: a place word and the suffix,
/// or with the city after it.
fn unique(g: &mut Gen, used: &mut std::collections::HashSet<String>, suffix: &str) -> String {
    loop {
        let place = *g.pick(PLACES);
        let name = format!("{place} {suffix}");
        if used.insert(name.clone()) {
            return name;
        }
        let city = g.zip().city.clone();
        let name = format!("{place} {suffix} of {city}");
        if used.insert(name.clone()) {
            return name;
        }
    }
}

/// How a clinician of `taxonomy` is named and what else follows from it:
/// (credential, called "Dr.", a physician, chance in a thousand of virtual visits).
fn clinician_kind(taxonomy: &str, doctor_of_osteopathy: bool) -> (&'static str, bool, bool, u32) {
    match taxonomy {
        "363L00000X" => ("ARNP", false, false, 550),
        "103T00000X" => ("PhD", true, false, 850),
        "101YM0800X" => ("LMHC", false, false, 850),
        "1041C0700X" => ("LICSW", false, false, 850),
        "225100000X" => ("DPT", false, false, 150),
        "152W00000X" => ("OD", true, false, 0),
        "1223G0001X" => ("DDS", true, false, 0),
        "207Q00000X" | "207R00000X" | "208000000X" => (
            if doctor_of_osteopathy { "DO" } else { "MD" },
            true,
            true,
            550,
        ),
        "2084P0800X" => ("MD", true, true, 850),
        _ => (
            if doctor_of_osteopathy { "DO" } else { "MD" },
            true,
            true,
            300,
        ),
    }
}

fn display_name(given: &str, family: &str, credential: &str, doctor: bool) -> String {
    if doctor {
        format!("Dr. {given} {family}, {credential}")
    } else {
        format!("{given} {family}, {credential}")
    }
}

/// Builds the whole network, deterministically.
fn generate(today: NaiveDate) -> Vec<Listing> {
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(14),
        zips: zips::all()
            .into_iter()
            .filter(|z| tenths_of_mile(z.at, SEATTLE) <= AREA_MILES * 10)
            // Military bases' ZIP codes: no public practices there.
            .filter(|z| !z.city.ends_with(" Afb") && !z.city.starts_with("Fort "))
            .collect(),
        today,
        next_person: 0,
        next_org: 0,
    };
    let mut out: Vec<Listing> = Vec::new();
    let mut hospitals: Vec<usize> = Vec::new();

    let org = |g: &mut Gen,
               name: String,
               npi: String,
               taxonomy: &'static str,
               zip: &zips::ZipPlace,
               hours: &'static str,
               networks: Vec<(&'static str, u8)>,
               estimator_id: Option<&'static str>| {
        let location = g.location(&name, zip, hours);
        Listing {
            npi,
            practitioner: false,
            name,
            taxonomy,
            gender: None,
            board_certified: None,
            accepting_new: true,
            virtual_visits: taxonomy == "261QU0200X",
            languages: vec!["en"],
            practice: None,
            estimator_id,
            verified_on: g.verified(),
            locations: vec![location],
            networks,
            hospitals: Vec::new(),
        }
    };

    // The providers the claims and the estimator know.
    for (name, base, taxonomy, zip, networks, estimator) in KNOWN {
        let Some(place) = zips::lookup(zip) else {
            continue;
        };
        let hours = match *taxonomy {
            "282N00000X" => HOURS_HOSPITAL,
            "261QU0200X" => HOURS_URGENT,
            "333600000X" => HOURS_PHARMACY,
            "291U00000X" => HOURS_LAB,
            _ => HOURS_OFFICE,
        };
        let listing = org(
            &mut g,
            (*name).to_string(),
            npi(&format!("{base:09}")),
            taxonomy,
            place,
            hours,
            networks.to_vec(),
            *estimator,
        );
        if *taxonomy == "282N00000X" {
            hospitals.push(out.len());
        }
        out.push(listing);
    }
    // More hospitals and the other facilities, at random places.
    let facilities: &[(&str, &str, usize, &'static str)] = &[
        ("282N00000X", "Medical Center", 8, HOURS_HOSPITAL),
        ("261QU0200X", "Urgent Care", 30, HOURS_URGENT),
        ("291U00000X", "Laboratory", 24, HOURS_LAB),
        ("261QR0200X", "Imaging", 18, HOURS_OFFICE_SAT),
        ("261QA1903X", "Surgery Center", 10, HOURS_OFFICE),
        ("333600000X", "Pharmacy", 70, HOURS_PHARMACY),
    ];
    let mut used_names: std::collections::HashSet<String> =
        out.iter().map(|l| l.name.clone()).collect();
    for (taxonomy, suffix, count, hours) in facilities {
        for _ in 0..*count {
            let name = unique(&mut g, &mut used_names, suffix);
            let zip = g.zip();
            let networks = g.networks();
            let npi = g.org_npi();
            let listing = org(&mut g, name, npi, taxonomy, zip, hours, networks, None);
            if *taxonomy == "282N00000X" {
                hospitals.push(out.len());
            }
            out.push(listing);
        }
    }

    let clinician = |g: &mut Gen,
                     given: &str,
                     family: &str,
                     gender: &'static str,
                     credential: Option<&str>,
                     taxonomy: &'static str,
                     practice_index: usize,
                     practice: &Listing,
                     hospitals: &[usize]| {
        let (default_credential, doctor, physician, virtual_chance) =
            clinician_kind(taxonomy, g.chance(150));
        let credential = credential.unwrap_or(default_credential);
        let doctor = doctor || matches!(credential, "MD" | "DO" | "PhD" | "PsyD");
        let mut own: Vec<usize> = Vec::new();
        if physician {
            own = hospitals.to_vec();
            own.shuffle(&mut g.rng);
            own.truncate(g.rng.gen_range(1..3));
            own.sort_unstable();
        }
        Listing {
            npi: g.person_npi(),
            practitioner: true,
            name: display_name(given, family, credential, doctor),
            taxonomy,
            gender: Some(gender),
            board_certified: physician.then(|| g.chance(880)),
            accepting_new: g.chance(780),
            virtual_visits: g.chance(virtual_chance),
            languages: g.languages(),
            practice: Some(practice_index),
            estimator_id: None,
            verified_on: g.verified(),
            locations: practice.locations.clone(),
            networks: practice.networks.clone(),
            hospitals: own,
        }
    };

    // The care teams of the claims, at the practices they bill under.
    for (practice_index, people, taxonomy) in CARE_TEAM_PRACTICES {
        for (i, (family, given, credential)) in people.iter().enumerate() {
            let list = match taxonomy {
                "207Q00000X" => 1,
                "103T00000X" => 4,
                "225100000X" => 5,
                "1223G0001X" => 2,
                _ => 3,
            };
            let taxonomy = match (*credential, i) {
                ("LCSW", _) => "1041C0700X",
                (_, i) if taxonomy == "207Q00000X" && i >= 5 => "207R00000X",
                _ => taxonomy,
            };
            let gender = if FEMALE.contains(given)
                || [
                    "Adaeze", "Thao", "Claire", "Marta", "Emi", "Miriam", "Hannah", "June",
                ]
                .contains(given)
            {
                "female"
            } else {
                "male"
            };
            let practice = &out[practice_index];
            let mut l = clinician(
                &mut g,
                given,
                family,
                gender,
                Some(*credential),
                taxonomy,
                practice_index,
                practice,
                &hospitals,
            );
            l.npi = care_team::npi(list, i);
            out.push(l);
        }
    }

    // The households' primary care providers, at their own practices.
    let mut pcp_practices: Vec<(String, usize)> = Vec::new();
    for (_, _, text, _) in home::PCPS {
        let Some((person, practice_name)) = text.split_once(", ") else {
            continue;
        };
        let person = person.trim_start_matches("Dr. ");
        let Some((given, family)) = person.split_once(' ') else {
            continue;
        };
        let practice_index = match pcp_practices.iter().find(|(n, _)| n == practice_name) {
            Some((_, i)) => *i,
            None => {
                let zip = zips::lookup("98103").unwrap_or(g.zips[0]);
                let taxonomy = if practice_name.contains("Pediatrics") {
                    "208000000X"
                } else {
                    "207Q00000X"
                };
                let npi = g.org_npi();
                let l = org(
                    &mut g,
                    practice_name.to_string(),
                    npi,
                    taxonomy,
                    zip,
                    HOURS_OFFICE_SAT,
                    BOTH.to_vec(),
                    None,
                );
                used_names.insert(practice_name.to_string());
                out.push(l);
                pcp_practices.push((practice_name.to_string(), out.len() - 1));
                out.len() - 1
            }
        };
        let taxonomy = out[practice_index].taxonomy;
        let gender = if ["Maya", "Priya"].contains(&given) {
            "female"
        } else {
            "male"
        };
        let practice = &out[practice_index];
        let mut l = clinician(
            &mut g,
            given,
            family,
            gender,
            Some("MD"),
            taxonomy,
            practice_index,
            practice,
            &hospitals,
        );
        l.accepting_new = true;
        out.push(l);
    }

    // The generated practices.
    let total_weight: u32 = GROUPS.iter().map(|(w, _, _)| w).sum();
    for _ in 0..330 {
        let mut roll = g.rng.gen_range(0..total_weight);
        let (_, taxonomies, suffix) = GROUPS
            .iter()
            .find(|(w, _, _)| {
                if roll < *w {
                    true
                } else {
                    roll -= w;
                    false
                }
            })
            .unwrap_or(&GROUPS[0]);
        let name = unique(&mut g, &mut used_names, suffix);
        let zip = g.zip();
        let hours = if g.chance(300) {
            HOURS_OFFICE_SAT
        } else {
            HOURS_OFFICE
        };
        let networks = g.networks();
        let npi = g.org_npi();
        let mut practice = org(
            &mut g,
            name.clone(),
            npi,
            taxonomies[0],
            zip,
            hours,
            networks,
            None,
        );
        practice.virtual_visits = false;
        if g.chance(200) {
            let second = g.zip();
            let loc = g.location(&name, second, hours);
            practice.locations.push(loc);
        }
        let practice_index = out.len();
        out.push(practice);
        let size = g.rng.gen_range(2..15);
        let mut members: Vec<Listing> = Vec::new();
        for k in 0..size {
            let taxonomy = taxonomies[k % taxonomies.len()];
            let (given, gender) = match g.rng.gen_range(0..100) {
                0..=1 => (*g.pick(NEUTRAL), "nonbinary"),
                2..=52 => (*g.pick(FEMALE), "female"),
                _ => (*g.pick(MALE), "male"),
            };
            let family = *g.pick(FAMILY);
            let l = clinician(
                &mut g,
                given,
                family,
                gender,
                None,
                taxonomy,
                practice_index,
                &out[practice_index],
                &hospitals,
            );
            members.push(l);
        }
        // A practice speaks its clinicians' languages, takes new patients
        // when one of them does, and offers virtual visits when one does.
        let mut langs: Vec<&'static str> = vec!["en"];
        for m in &members {
            for l in &m.languages {
                if !langs.contains(l) {
                    langs.push(l);
                }
            }
        }
        out[practice_index].languages = langs;
        out[practice_index].accepting_new = members.iter().any(|m| m.accepting_new);
        out[practice_index].virtual_visits = members.iter().any(|m| m.virtual_visits);
        out.extend(members);
    }
    out
}

/// Writes the demo directory when it is empty, and the households' home
/// ZIP codes where they have none. Returns how many listings were written.
pub async fn seed(db: &Db, today: NaiveDate) -> anyhow::Result<usize> {
    let mut tx = crate::db::begin_write(db).await?;
    for (household, zip) in HOME_ZIPS {
        sqlx::query("UPDATE households SET home_zip = ? WHERE id = ? AND home_zip IS NULL")
            .bind(zip)
            .bind(household)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("UPDATE households SET home_zip = ? WHERE home_zip IS NULL")
        .bind(DEFAULT_HOME_ZIP)
        .execute(&mut *tx)
        .await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM directory_providers")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        tx.commit().await?;
        return Ok(0);
    }
    let listings = generate(today);
    let ids = write(&mut tx, &listings).await?;
    tx.commit().await?;
    Ok(ids.len())
}

async fn write(tx: &mut Transaction<'_, Sqlite>, listings: &[Listing]) -> anyhow::Result<Vec<i64>> {
    let mut ids: Vec<i64> = Vec::with_capacity(listings.len());
    for l in listings {
        let practice = l.practice.and_then(|i| ids.get(i).copied());
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO directory_providers (npi, kind, name, taxonomy, gender, board_certified, \
             accepting_new, virtual_visits, languages, practice_id, estimator_id, verified_on) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&l.npi)
        .bind(if l.practitioner {
            "practitioner"
        } else {
            "organization"
        })
        .bind(&l.name)
        .bind(l.taxonomy)
        .bind(l.gender)
        .bind(l.board_certified)
        .bind(l.accepting_new)
        .bind(l.virtual_visits)
        .bind(l.languages.join(","))
        .bind(practice)
        .bind(l.estimator_id)
        .bind(l.verified_on.to_string())
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
        for loc in &l.locations {
            sqlx::query(
                "INSERT INTO directory_locations (provider_id, name, line, city, state, zip, \
                 lat_e6, lon_e6, phone, hours, wheelchair, asl) VALUES (?, ?, ?, ?, 'WA', ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&loc.name)
            .bind(&loc.line)
            .bind(&loc.city)
            .bind(&loc.zip)
            .bind((loc.at.lat * 1e6).round() as i64)
            .bind((loc.at.lon * 1e6).round() as i64)
            .bind(&loc.phone)
            .bind(loc.hours)
            .bind(loc.wheelchair)
            .bind(loc.asl)
            .execute(&mut **tx)
            .await?;
        }
        for (network, tier) in &l.networks {
            sqlx::query(
                "INSERT INTO directory_networks (provider_id, network, tier) VALUES (?, ?, ?)",
            )
            .bind(id)
            .bind(network)
            .bind(i64::from(*tier))
            .execute(&mut **tx)
            .await?;
        }
    }
    for (l, id) in listings.iter().zip(&ids) {
        for h in &l.hospitals {
            if let Some(hid) = ids.get(*h) {
                sqlx::query(
                    "INSERT OR IGNORE INTO directory_affiliations (provider_id, hospital_id) VALUES (?, ?)",
                )
                .bind(id)
                .bind(hid)
                .execute(&mut **tx)
                .await?;
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_domain::care::taxonomy;
    use portal_domain::provider::identity::npi_check_digit;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    #[test]
    fn the_network_is_deterministic_and_valid() {
        let a = generate(today());
        let b = generate(today());
        assert_eq!(a.len(), b.len());
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.npi == y.npi && x.name == y.name));
        assert!((2_500..4_500).contains(&a.len()), "{} listings", a.len());
        let mut npis = std::collections::HashSet::new();
        for l in &a {
            assert!(npis.insert(l.npi.clone()), "NPI {} twice", l.npi);
            assert_eq!(l.npi.len(), 10);
            let check = npi_check_digit(&l.npi[..9]).expect("check digit");
            assert_eq!(l.npi[9..], check.to_string(), "{}", l.npi);
            assert!(taxonomy::by_code(l.taxonomy).is_some(), "{}", l.taxonomy);
            // A practice may carry its clinicians' specialty (as group
            // practices do in NPPES); a person never has a facility's.
            if l.practitioner {
                assert_eq!(
                    taxonomy::by_code(l.taxonomy).map(|t| t.organisation),
                    Some(false),
                    "{}: {}",
                    l.name,
                    l.taxonomy
                );
            }
            assert!(!l.locations.is_empty());
            assert!(l.verified_on > today() - Duration::days(90));
            assert_eq!(l.languages.first(), Some(&"en"));
        }
        let peds_es = a
            .iter()
            .filter(|l| l.taxonomy == "208000000X" && l.languages.contains(&"es"))
            .count();
        assert!(peds_es >= 5, "Spanish-speaking pediatricians: {peds_es}");
    }

    #[test]
    fn the_claims_providers_are_listed_with_their_network() {
        let a = generate(today());
        let find = |name: &str| a.iter().find(|l| l.name == name).expect(name);
        assert_eq!(find("Cedar Family Medicine").npi, "1245783018");
        assert!(find("Summit Dermatology").networks.is_empty());
        assert!(find("St. Anne Medical Center").networks.is_empty());
        assert_eq!(
            find("St. Anne Medical Center").estimator_id,
            Some("st-anne")
        );
        assert!(a.iter().any(|l| l.name == "Dr. Maya Ellison, MD"));
    }
}
