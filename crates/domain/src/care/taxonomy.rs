//! Specialties as NUCC Health Care Provider Taxonomy codes (the code set
//! every NPI record uses; <https://taxonomy.nucc.org>), each
//! with the plain name the directory shows, and the words members type
//! ("knee doctor", "pediatrician", "therapist") mapped to them.

/// One taxonomy the directory knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Taxonomy {
    /// The NUCC code (10 characters).
    pub code: &'static str,
    /// The plain name shown to members.
    pub name: &'static str,
    /// Whether it is a facility or organisation rather than a clinician.
    pub organisation: bool,
}

const fn clinician(code: &'static str, name: &'static str) -> Taxonomy {
    Taxonomy {
        code,
        name,
        organisation: false,
    }
}

const fn place(code: &'static str, name: &'static str) -> Taxonomy {
    Taxonomy {
        code,
        name,
        organisation: true,
    }
}

/// The taxonomies of the demo network.
pub const TAXONOMIES: [Taxonomy; 29] = [
    clinician("207Q00000X", "Family medicine"),
    clinician("207R00000X", "Internal medicine"),
    clinician("208000000X", "Pediatrics"),
    clinician("363L00000X", "Nurse practitioner"),
    clinician("207V00000X", "Obstetrics and gynecology"),
    clinician("207X00000X", "Orthopedic surgery"),
    clinician("207RC0000X", "Cardiology"),
    clinician("207N00000X", "Dermatology"),
    clinician("207RG0100X", "Gastroenterology"),
    clinician("207RE0101X", "Endocrinology, diabetes and metabolism"),
    clinician("2084N0400X", "Neurology"),
    clinician("2084P0800X", "Psychiatry"),
    clinician("103T00000X", "Psychologist"),
    clinician("101YM0800X", "Mental health counselor"),
    clinician("1041C0700X", "Clinical social worker"),
    clinician("225100000X", "Physical therapist"),
    clinician("207W00000X", "Ophthalmology"),
    clinician("152W00000X", "Optometrist"),
    clinician("207Y00000X", "Ear, nose and throat (otolaryngology)"),
    clinician("208800000X", "Urology"),
    clinician("208600000X", "General surgery"),
    clinician("1223G0001X", "Dentist, general practice"),
    place("261QU0200X", "Urgent care center"),
    place("282N00000X", "Hospital"),
    place("291U00000X", "Laboratory"),
    place("261QR0200X", "Imaging center (radiology)"),
    place("333600000X", "Pharmacy"),
    place("261QA1903X", "Ambulatory surgery center"),
    clinician("207P00000X", "Emergency medicine"),
];

/// Words members search with, and the taxonomy codes they mean. Longer
/// phrases are tried first, so "physical therapist" is not "therapist".
const TERMS: &[(&str, &[&str])] = &[
    ("knee doctor", &["207X00000X"]),
    ("bone doctor", &["207X00000X"]),
    ("orthopedic", &["207X00000X"]),
    ("orthopaedic", &["207X00000X"]),
    ("orthopedist", &["207X00000X"]),
    ("sports medicine", &["207X00000X"]),
    ("knee", &["207X00000X", "225100000X"]),
    ("back pain", &["207X00000X", "225100000X", "2084N0400X"]),
    ("pediatrician", &["208000000X"]),
    ("paediatrician", &["208000000X"]),
    ("children's doctor", &["208000000X"]),
    ("kids doctor", &["208000000X"]),
    ("child doctor", &["208000000X"]),
    ("pediatrics", &["208000000X"]),
    (
        "primary care",
        &["207Q00000X", "207R00000X", "208000000X", "363L00000X"],
    ),
    ("family doctor", &["207Q00000X"]),
    ("family medicine", &["207Q00000X"]),
    ("general practitioner", &["207Q00000X", "207R00000X"]),
    (
        "pcp",
        &["207Q00000X", "207R00000X", "208000000X", "363L00000X"],
    ),
    ("gp", &["207Q00000X", "207R00000X"]),
    ("internist", &["207R00000X"]),
    ("nurse practitioner", &["363L00000X"]),
    ("physical therapist", &["225100000X"]),
    ("physical therapy", &["225100000X"]),
    ("physiotherapist", &["225100000X"]),
    ("physio", &["225100000X"]),
    ("therapist", &["101YM0800X", "1041C0700X", "103T00000X"]),
    ("therapy", &["101YM0800X", "1041C0700X", "103T00000X"]),
    ("counselor", &["101YM0800X"]),
    ("counsellor", &["101YM0800X"]),
    ("counseling", &["101YM0800X", "1041C0700X", "103T00000X"]),
    (
        "mental health",
        &["101YM0800X", "1041C0700X", "103T00000X", "2084P0800X"],
    ),
    ("psychologist", &["103T00000X"]),
    ("psychiatrist", &["2084P0800X"]),
    ("social worker", &["1041C0700X"]),
    (
        "depression",
        &["2084P0800X", "103T00000X", "101YM0800X", "1041C0700X"],
    ),
    (
        "anxiety",
        &["2084P0800X", "103T00000X", "101YM0800X", "1041C0700X"],
    ),
    ("heart doctor", &["207RC0000X"]),
    ("cardiologist", &["207RC0000X"]),
    ("heart", &["207RC0000X"]),
    ("skin doctor", &["207N00000X"]),
    ("dermatologist", &["207N00000X"]),
    ("skin", &["207N00000X"]),
    ("acne", &["207N00000X"]),
    ("ob gyn", &["207V00000X"]),
    ("obgyn", &["207V00000X"]),
    ("ob/gyn", &["207V00000X"]),
    ("gynecologist", &["207V00000X"]),
    ("obstetrician", &["207V00000X"]),
    ("women's health", &["207V00000X"]),
    ("pregnancy", &["207V00000X"]),
    ("stomach", &["207RG0100X"]),
    ("gastroenterologist", &["207RG0100X"]),
    ("colonoscopy", &["207RG0100X"]),
    ("diabetes", &["207RE0101X", "207Q00000X", "207R00000X"]),
    ("endocrinologist", &["207RE0101X"]),
    ("thyroid", &["207RE0101X"]),
    ("neurologist", &["2084N0400X"]),
    ("headache", &["2084N0400X"]),
    ("migraine", &["2084N0400X"]),
    ("eye doctor", &["152W00000X", "207W00000X"]),
    ("optometrist", &["152W00000X"]),
    ("ophthalmologist", &["207W00000X"]),
    ("glasses", &["152W00000X"]),
    ("eye exam", &["152W00000X", "207W00000X"]),
    ("ent", &["207Y00000X"]),
    ("ear nose and throat", &["207Y00000X"]),
    ("urologist", &["208800000X"]),
    ("surgeon", &["208600000X", "207X00000X"]),
    ("dentist", &["1223G0001X"]),
    ("teeth", &["1223G0001X"]),
    ("dental", &["1223G0001X"]),
    ("urgent care", &["261QU0200X"]),
    ("walk in", &["261QU0200X"]),
    ("hospital", &["282N00000X"]),
    ("surgery center", &["261QA1903X"]),
    ("outpatient surgery", &["261QA1903X"]),
    ("emergency", &["207P00000X", "282N00000X"]),
    ("lab", &["291U00000X"]),
    ("blood test", &["291U00000X"]),
    ("x ray", &["261QR0200X"]),
    ("xray", &["261QR0200X"]),
    ("mri", &["261QR0200X"]),
    ("imaging", &["261QR0200X"]),
    ("mammogram", &["261QR0200X"]),
    ("pharmacy", &["333600000X"]),
    ("drugstore", &["333600000X"]),
];

/// The taxonomy with this code.
pub fn by_code(code: &str) -> Option<&'static Taxonomy> {
    TAXONOMIES.iter().find(|t| t.code == code)
}

/// Lower case, `'`-joined words kept, every other non-alphanumeric a
/// space, single spaces: "Knee-Doctor!" is "knee doctor".
fn normalise(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '\'' || c == '/' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `phrase` (normalised) stands in `text` (normalised) as whole words.
fn has_phrase(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {phrase} "))
}

/// What a member typed, as taxonomies: the words and phrases it holds
/// (longest first; a phrase's words are not matched again on their own),
/// then the plain names it matches a word of. Each taxonomy once, in the
/// order found; empty when nothing matches (the search then asks for
/// another word or a name).
pub fn from_words(query: &str) -> Vec<&'static Taxonomy> {
    let mut text = normalise(query);
    let mut out: Vec<&'static Taxonomy> = Vec::new();
    let push = |t: &'static Taxonomy, out: &mut Vec<&'static Taxonomy>| {
        if !out.iter().any(|o| o.code == t.code) {
            out.push(t);
        }
    };
    let mut terms: Vec<&(&str, &[&str])> = TERMS.iter().collect();
    terms.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
    for (phrase, codes) in terms {
        if has_phrase(&text, phrase) {
            for code in *codes {
                if let Some(t) = by_code(code) {
                    push(t, &mut out);
                }
            }
            text = format!(" {text} ").replace(&format!(" {phrase} "), " ");
            text = text.trim().to_string();
        }
    }
    for word in text.split_whitespace().filter(|w| w.len() >= 4) {
        for t in &TAXONOMIES {
            if normalise(t.name)
                .split_whitespace()
                .any(|n| n.starts_with(word))
            {
                push(t, &mut out);
            }
        }
    }
    out
}

/// Words that say nothing about who is searched for ("a doctor near me").
const FILLER: &[&str] = &[
    "a",
    "an",
    "the",
    "for",
    "near",
    "me",
    "my",
    "in",
    "of",
    "and",
    "doctor",
    "doctors",
    "dr",
    "find",
    "specialist",
    "clinic",
];

/// Whether everything the member typed names specialties (no name left
/// over): "family medicine" or "a pediatrician near me" are, "Cedar Family
/// Medicine" is not. A search ranks listings whose name matches first only
/// when a name may have been meant.
pub fn only_specialty_words(query: &str) -> bool {
    let mut text = normalise(query);
    if text.is_empty() {
        return false;
    }
    let mut terms: Vec<&(&str, &[&str])> = TERMS.iter().collect();
    terms.sort_by_key(|(phrase, _)| std::cmp::Reverse(phrase.len()));
    let mut matched = false;
    for (phrase, _) in terms {
        if has_phrase(&text, phrase) {
            matched = true;
            text = format!(" {text} ").replace(&format!(" {phrase} "), " ");
        }
    }
    let rest: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !FILLER.contains(w))
        .collect();
    let names_a_specialty = |w: &str| {
        w.len() >= 4
            && TAXONOMIES.iter().any(|t| {
                normalise(t.name)
                    .split_whitespace()
                    .any(|n| n.starts_with(w))
            })
    };
    (matched || !rest.is_empty()) && rest.iter().all(|w| names_a_specialty(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(q: &str) -> Vec<&'static str> {
        from_words(q).iter().map(|t| t.code).collect()
    }

    #[test]
    fn what_members_type() {
        let cases: &[(&str, &[&str])] = &[
            ("knee doctor", &["207X00000X"]),
            ("Knee-Doctor!", &["207X00000X"]),
            ("pediatrician", &["208000000X"]),
            ("a pediatrician near me", &["208000000X"]),
            ("therapist", &["101YM0800X", "1041C0700X", "103T00000X"]),
            // The longer phrase wins: not a mental health therapist.
            ("physical therapist", &["225100000X"]),
            ("eye doctor", &["152W00000X", "207W00000X"]),
            ("OB/GYN", &["207V00000X"]),
            ("urgent care", &["261QU0200X"]),
            ("cardiology", &["207RC0000X"]),
            ("dermatology", &["207N00000X"]),
            (
                "orthopaedic surgery",
                &["207X00000X", "208600000X", "261QA1903X"],
            ),
            ("heart and skin", &["207RC0000X", "207N00000X"]),
            ("pharmacy", &["333600000X"]),
            ("", &[]),
            ("zzz", &[]),
        ];
        for (q, want) in cases {
            assert_eq!(codes(q), *want, "{q:?}");
        }
    }

    #[test]
    fn specialty_words_or_a_name() {
        for q in [
            "family medicine",
            "a pediatrician near me",
            "Cardiology",
            "knee doctor",
            "urgent care",
        ] {
            assert!(only_specialty_words(q), "{q}");
        }
        for q in [
            "Cedar Family Medicine",
            "Maya Ellison",
            "Summit Dermatology",
            "",
            "zzz",
        ] {
            assert!(!only_specialty_words(q), "{q}");
        }
    }

    #[test]
    fn every_term_names_known_taxonomies() {
        for (phrase, codes) in TERMS {
            assert_eq!(normalise(phrase), *phrase, "terms are stored normalised");
            assert!(!codes.is_empty(), "{phrase}");
            for c in *codes {
                assert!(by_code(c).is_some(), "{phrase}: {c}");
            }
            assert!(!from_words(phrase).is_empty(), "{phrase}");
        }
    }

    #[test]
    fn codes_are_nucc_shaped_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in &TAXONOMIES {
            assert_eq!(t.code.len(), 10, "{}", t.code);
            assert!(t.code.ends_with('X'), "{}", t.code);
            assert!(t.code.chars().all(|c| c.is_ascii_alphanumeric()));
            assert!(seen.insert(t.code), "{} twice", t.code);
        }
    }
}
