//! The provider directory's search (issue 14): the query a member builds on
//! `/find-care` (kept in the page's address, like the claims filters), the
//! one parser the browser and the server both use, and the answers' shapes.
//!
//! * `q`: a name, a specialty or words such as "knee doctor"
//!   ([`super::taxonomy::from_words`]).
//! * `zip` and `within`: near a Washington ZIP code, within 1 to 100 miles
//!   (default 10); results are sorted by distance.
//! * `plan`: the plan whose network is searched (default: the member's own);
//!   `network`: `in` (default, in-network only) or `any` (every listing, each
//!   with its status for that plan).
//! * `accepting`, `virtual`: `true` or left out; `language`, `gender`,
//!   `access`: one of their codes; `page`: 1 and up.

use crate::code_enum::code_enum;
use crate::problem::{push_error, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// Results per page.
pub const PAGE_SIZE: u32 = 20;
/// The radius when none is given, in miles.
pub const DEFAULT_WITHIN: u32 = 10;
/// The radii the page offers, in miles (any whole number from 1 to
/// [`MAX_WITHIN`] is accepted).
pub const WITHIN_CHOICES: [u32; 6] = [1, 5, 10, 25, 50, 100];
/// The largest radius, in miles.
pub const MAX_WITHIN: u32 = 100;
/// The longest `q`, in characters.
pub const MAX_QUERY_CHARS: usize = 100;

/// The query parameter names, in the order [`DirectoryQuery::to_query`] writes them.
pub const PARAMS: &[&str] = &[
    "q",
    "zip",
    "within",
    "plan",
    "network",
    "accepting",
    "virtual",
    "language",
    "gender",
    "access",
    "page",
];

code_enum! {
    /// A clinician's gender as listed in the directory (members may ask for one).
    Gender {
        /// Female.
        Female = "female" / "Female",
        /// Male.
        Male = "male" / "Male",
        /// Non-binary.
        NonBinary = "nonbinary" / "Non-binary",
    }
}

code_enum! {
    /// Languages spoken at a practice (ISO 639-1 codes), the ones most
    /// spoken in Washington after English.
    Language {
        /// English.
        English = "en" / "English",
        /// Spanish.
        Spanish = "es" / "Spanish",
        /// Chinese.
        Chinese = "zh" / "Chinese",
        /// Vietnamese.
        Vietnamese = "vi" / "Vietnamese",
        /// Korean.
        Korean = "ko" / "Korean",
        /// Russian.
        Russian = "ru" / "Russian",
        /// Tagalog.
        Tagalog = "tl" / "Tagalog",
        /// Somali.
        Somali = "so" / "Somali",
        /// Ukrainian.
        Ukrainian = "uk" / "Ukrainian",
        /// Arabic.
        Arabic = "ar" / "Arabic",
        /// Amharic.
        Amharic = "am" / "Amharic",
        /// Punjabi.
        Punjabi = "pa" / "Punjabi",
    }
}

code_enum! {
    /// Accessibility a location offers.
    Access {
        /// Wheelchair access: entrance, exam room and restroom.
        Wheelchair = "wheelchair" / "Wheelchair accessible",
        /// American Sign Language at the office.
        Asl = "asl" / "American Sign Language",
    }
}

code_enum! {
    /// Which listings a search returns.
    NetworkScope {
        /// In the plan's network only.
        InNetwork = "in" / "In network only",
        /// Every listing, each with its status for the plan.
        Any = "any" / "In and out of network",
    }
}

code_enum! {
    /// What a listing is.
    ProviderKind {
        /// A person: doctor, nurse practitioner, therapist...
        Practitioner = "practitioner" / "Clinician",
        /// A clinic, hospital, lab, imaging center, pharmacy or urgent care.
        Organization = "organization" / "Facility or practice",
    }
}

/// A five-digit ZIP code, or the message for the field.
pub fn parse_zip(raw: &str) -> Result<String, FieldError> {
    let z = raw.trim();
    if z.len() == 5 && z.bytes().all(|b| b.is_ascii_digit()) {
        Ok(z.to_string())
    } else {
        Err(FieldError::new(
            "zip.invalid",
            "Enter a 5-digit ZIP code, such as 98103.",
        ))
    }
}

/// A search of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    /// A name, specialty or words such as "knee doctor" (trimmed; `None` when empty).
    pub q: Option<String>,
    /// Near this ZIP code (the server falls back to the member's home ZIP).
    pub zip: Option<String>,
    /// The radius in whole miles.
    pub within: u32,
    /// The plan whose network is searched (`None`: the member's plan).
    pub plan: Option<String>,
    /// In network only, or every listing.
    pub network: NetworkScope,
    /// Only clinicians accepting new patients.
    pub accepting: bool,
    /// Only those offering virtual visits.
    pub virtual_visits: bool,
    /// Only those where this language is spoken.
    pub language: Option<Language>,
    /// Only clinicians of this gender.
    pub gender: Option<Gender>,
    /// Only locations with this accessibility.
    pub access: Option<Access>,
    /// The page, from 1.
    pub page: u32,
}

impl Default for DirectoryQuery {
    fn default() -> Self {
        DirectoryQuery {
            q: None,
            zip: None,
            within: DEFAULT_WITHIN,
            plan: None,
            network: NetworkScope::InNetwork,
            accepting: false,
            virtual_visits: false,
            language: None,
            gender: None,
            access: None,
            page: 1,
        }
    }
}

fn choice_error(name: &str, allowed: impl Iterator<Item = &'static str>) -> FieldError {
    FieldError::new(
        format!("{name}.invalid"),
        format!("Use one of: {}.", allowed.collect::<Vec<_>>().join(", ")),
    )
}

impl DirectoryQuery {
    /// Parses decoded query pairs. Every bad value, unknown parameter or
    /// repeated parameter is reported under its name; empty values mean
    /// "not set".
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FieldErrors> {
        let mut out = Self::default();
        let mut errors = FieldErrors::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, raw) in pairs {
            let value = raw.trim();
            if !crate::problem::query_param_ok(
                &mut errors,
                &mut seen,
                PARAMS,
                name,
                "search option",
            ) {
                continue;
            }
            if value.is_empty() {
                continue;
            }
            let flag = |errors: &mut FieldErrors| match value {
                "true" => Some(true),
                "false" => Some(false),
                _ => {
                    push_error(
                        errors,
                        name,
                        FieldError::new(format!("{name}.invalid"), "Use true or false."),
                    );
                    None
                }
            };
            match name {
                "q" => {
                    if value.chars().count() > MAX_QUERY_CHARS {
                        push_error(
                            &mut errors,
                            name,
                            FieldError::new(
                                "q.too_long",
                                format!("Use at most {MAX_QUERY_CHARS} characters."),
                            ),
                        );
                    } else {
                        out.q = Some(value.to_string());
                    }
                }
                "zip" => match parse_zip(value) {
                    Ok(z) => out.zip = Some(z),
                    Err(e) => push_error(&mut errors, name, e),
                },
                "within" => match value.parse::<u32>() {
                    Ok(m) if (1..=MAX_WITHIN).contains(&m) => out.within = m,
                    _ => push_error(
                        &mut errors,
                        name,
                        FieldError::new(
                            "within.invalid",
                            format!("Use a whole number of miles from 1 to {MAX_WITHIN}."),
                        ),
                    ),
                },
                "plan" => {
                    let ok = value.len() <= 40
                        && value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                    if ok {
                        out.plan = Some(value.to_string());
                    } else {
                        push_error(
                            &mut errors,
                            name,
                            FieldError::new("plan.invalid", "This is not a plan's ID."),
                        );
                    }
                }
                "network" => match NetworkScope::parse(value) {
                    Some(n) => out.network = n,
                    None => push_error(
                        &mut errors,
                        name,
                        choice_error(name, NetworkScope::ALL.iter().map(|n| n.as_str())),
                    ),
                },
                "accepting" => {
                    if let Some(b) = flag(&mut errors) {
                        out.accepting = b;
                    }
                }
                "virtual" => {
                    if let Some(b) = flag(&mut errors) {
                        out.virtual_visits = b;
                    }
                }
                "language" => match Language::parse(value) {
                    Some(l) => out.language = Some(l),
                    None => push_error(
                        &mut errors,
                        name,
                        choice_error(name, Language::ALL.iter().map(|l| l.as_str())),
                    ),
                },
                "gender" => match Gender::parse(value) {
                    Some(g) => out.gender = Some(g),
                    None => push_error(
                        &mut errors,
                        name,
                        choice_error(name, Gender::ALL.iter().map(|g| g.as_str())),
                    ),
                },
                "access" => match Access::parse(value) {
                    Some(a) => out.access = Some(a),
                    None => push_error(
                        &mut errors,
                        name,
                        choice_error(name, Access::ALL.iter().map(|a| a.as_str())),
                    ),
                },
                "page" => match value.parse::<u32>() {
                    Ok(p) if (1..=10_000).contains(&p) => out.page = p,
                    _ => push_error(
                        &mut errors,
                        name,
                        FieldError::new("page.invalid", "Use a page number from 1."),
                    ),
                },
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The query pairs (defaults left out), in [`PARAMS`] order.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q: Vec<(&'static str, String)> = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                q.push((k, v));
            }
        };
        put("q", self.q.clone().filter(|s| !s.trim().is_empty()));
        put("zip", self.zip.clone());
        put(
            "within",
            (self.within != DEFAULT_WITHIN).then(|| self.within.to_string()),
        );
        put("plan", self.plan.clone());
        put(
            "network",
            (self.network != NetworkScope::InNetwork).then(|| self.network.as_str().into()),
        );
        put("accepting", self.accepting.then(|| "true".into()));
        put("virtual", self.virtual_visits.then(|| "true".into()));
        put("language", self.language.map(|l| l.as_str().into()));
        put("gender", self.gender.map(|g| g.as_str().into()));
        put("access", self.access.map(|a| a.as_str().into()));
        put("page", (self.page != 1).then(|| self.page.to_string()));
        q
    }

    /// The same search from its first page (after a filter changes).
    pub fn first_page(mut self) -> Self {
        self.page = 1;
        self
    }

    /// Whether any narrowing filter is set (the empty result then suggests
    /// removing them).
    pub fn is_narrowed(&self) -> bool {
        self.accepting
            || self.virtual_visits
            || self.language.is_some()
            || self.gender.is_some()
            || self.access.is_some()
    }
}

/// A listing's standing in one plan's network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum NetworkStatus {
    /// In the network, in a tier (1 is the preferred tier).
    InNetwork {
        /// The tier, from 1.
        tier: u8,
    },
    /// Not in the network.
    OutOfNetwork,
}

impl NetworkStatus {
    /// In words, for `plan` (the plan's name): "In network for Evergreen
    /// Silver PPO 2026" or "Out of network for ...".
    pub fn words(self, plan: &str) -> String {
        match self {
            NetworkStatus::InNetwork { .. } => format!("In network for {plan}"),
            NetworkStatus::OutOfNetwork => format!("Out of network for {plan}"),
        }
    }

    /// The tier in words, when in network ("Tier 1 (preferred)").
    pub fn tier_words(self) -> Option<String> {
        match self {
            NetworkStatus::InNetwork { tier: 1 } => Some("Tier 1 (preferred)".into()),
            NetworkStatus::InNetwork { tier } => Some(format!("Tier {tier}")),
            NetworkStatus::OutOfNetwork => None,
        }
    }

    /// Whether in the network.
    pub fn is_in(self) -> bool {
        matches!(self, NetworkStatus::InNetwork { .. })
    }
}

/// Where a search was measured from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Near {
    /// The ZIP code.
    pub zip: String,
    /// Its city.
    pub city: String,
    /// Its state.
    pub state: String,
    /// Whether it is the member's home ZIP (no ZIP was given).
    pub home: bool,
}

/// The plan whose network a search or a listing is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanNetwork {
    /// The plan's ID.
    pub plan_id: String,
    /// The plan's name.
    pub plan_name: String,
    /// The network's name (several plans share one).
    pub network: String,
    /// Whether it is the household's current plan.
    pub current: bool,
}

/// One location of a listing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryLocation {
    /// The practice or facility at this address.
    pub name: String,
    /// Street address.
    pub line: String,
    /// City.
    pub city: String,
    /// State.
    pub state: String,
    /// ZIP code.
    pub zip: String,
    /// Phone.
    pub phone: String,
    /// Opening hours, a line per group of days ("Mon-Fri 8:00 AM-5:00 PM").
    pub hours: Vec<String>,
    /// Accessibility offered here.
    pub access: Vec<Access>,
    /// Distance from the search's place, in tenths of a mile.
    pub distance_tenths: Option<u32>,
}

/// A listing in search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderCard {
    /// The listing's ID.
    pub id: i64,
    /// NPI (10 digits).
    pub npi: String,
    /// Name as shown ("Dr. Ana Ruiz, MD" or a facility's name).
    pub name: String,
    /// Clinician or facility.
    pub kind: ProviderKind,
    /// The specialty in plain words.
    pub specialty: String,
    /// The NUCC taxonomy code.
    pub taxonomy: String,
    /// The nearest location (the first, when no place was given).
    pub location: DirectoryLocation,
    /// How many locations in all.
    pub locations: u32,
    /// Standing in the searched plan's network.
    pub network: NetworkStatus,
    /// Accepting new patients.
    pub accepting_new: bool,
    /// Offers virtual visits.
    pub virtual_visits: bool,
    /// Languages spoken.
    pub languages: Vec<Language>,
}

/// A page of search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DirectoryResults {
    /// Listings matching, in all.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Listings per page.
    pub page_size: u32,
    /// Where distances are measured from.
    pub near: Option<Near>,
    /// The radius, in miles (when `near` is set).
    pub within: u32,
    /// The plan whose network was searched.
    pub plan: PlanNetwork,
    /// The specialties the words were read as (plain names), empty when
    /// the words were matched against names only.
    pub specialties: Vec<String>,
    /// This page's listings.
    pub providers: Vec<ProviderCard>,
}

/// A listing's standing in one plan's network (for the provider page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanStanding {
    /// The plan.
    pub plan: PlanNetwork,
    /// The plan's year.
    pub year: i32,
    /// In or out of its network.
    pub status: NetworkStatus,
}

/// Another listing this one is linked to (a hospital affiliation, the
/// practice a clinician belongs to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedListing {
    /// The listing's ID.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// One listing in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProviderDetail {
    /// The listing's ID.
    pub id: i64,
    /// NPI.
    pub npi: String,
    /// Name as shown.
    pub name: String,
    /// Clinician or facility.
    pub kind: ProviderKind,
    /// Specialty in plain words.
    pub specialty: String,
    /// NUCC taxonomy code.
    pub taxonomy: String,
    /// Gender (clinicians only).
    pub gender: Option<Gender>,
    /// Board certified in the specialty (clinicians only).
    pub board_certified: Option<bool>,
    /// Accepting new patients.
    pub accepting_new: bool,
    /// Offers virtual visits.
    pub virtual_visits: bool,
    /// Languages spoken.
    pub languages: Vec<Language>,
    /// Every location.
    pub locations: Vec<DirectoryLocation>,
    /// Standing in the network of the household's plan and of each plan
    /// members may choose next year.
    pub networks: Vec<PlanStanding>,
    /// The practice the clinician belongs to.
    pub practice: Option<LinkedListing>,
    /// Hospitals where the clinician has privileges.
    pub hospitals: Vec<LinkedListing>,
    /// When the plan last confirmed this listing with the provider (at
    /// least every 90 days, as the No Surprises Act requires).
    pub verified_on: chrono::NaiveDate,
    /// The estimator's ID for this provider, when the estimator has its rates.
    pub estimator_id: Option<String>,
    /// When a member reported this listing as wrong and the report is still
    /// open: the listing is under review since that day.
    pub under_review_since: Option<chrono::NaiveDate>,
    /// For a primary care listing: whom the caller may choose it for, and
    /// whether it can be their PCP (empty for other listings).
    pub pcp_choices: Vec<super::pcp::PcpChoice>,
}

/// "Are your doctors covered?": the household's providers (from the
/// visible members' claims of the last two years and their primary care
/// providers), each checked against every plan's network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyProviders {
    /// The plans checked, the household's first.
    pub plans: Vec<PlanNetwork>,
    /// The providers, primary care providers first, then the most recently seen.
    pub providers: Vec<MyProvider>,
}

/// One of the household's providers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyProvider {
    /// Name as the claims or the PCP record give it.
    pub name: String,
    /// Specialty (the directory's, else the claim's).
    pub specialty: String,
    /// The directory listing, when the provider is in the directory.
    pub listing_id: Option<i64>,
    /// Who in the household sees them (first names of visible members).
    pub people: Vec<String>,
    /// The latest date of service on a claim, if any.
    pub last_seen: Option<chrono::NaiveDate>,
    /// A primary care provider of someone in the household.
    pub primary_care: bool,
    /// Standing in each plan's network, in the order of `plans` (empty when
    /// the provider is not in the directory).
    pub statuses: Vec<NetworkStatus>,
}

code_enum! {
    /// What a member reports wrong about a listing (No Surprises Act: the
    /// plan must act on it within one business day).
    ReportProblem {
        /// The phone number.
        Phone = "phone" / "The phone number is wrong",
        /// The address.
        Address = "address" / "The address is wrong",
        /// The network status.
        Network = "network" / "It is not in the network this says",
        /// Accepting new patients.
        Accepting = "accepting" / "It is not accepting new patients",
        /// The provider has left or closed.
        Closed = "closed" / "The provider has moved, retired or closed",
        /// Anything else.
        Other = "other" / "Something else",
    }
}

/// The longest report, in characters.
pub const REPORT_MAX_CHARS: usize = 1000;

/// `POST /api/v1/directory/providers/{id}/reports`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRequest {
    /// What is wrong.
    pub problem: ReportProblem,
    /// What the member knows (required for "Something else").
    #[serde(default)]
    pub details: String,
}

/// What is wrong with a report, by field (the same check in the browser
/// and on the server).
pub fn report_errors(r: &ReportRequest) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let details = r.details.trim();
    if details.chars().count() > REPORT_MAX_CHARS {
        push_error(
            &mut errors,
            "details",
            FieldError::new(
                "details.too_long",
                format!("Use at most {REPORT_MAX_CHARS} characters."),
            ),
        );
    } else if r.problem == ReportProblem::Other && details.is_empty() {
        push_error(
            &mut errors,
            "details",
            FieldError::new("details.required", "Tell us what is wrong."),
        );
    }
    errors
}

/// The answer to a report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportReceipt {
    /// The reference number (the message thread's, where the answer comes).
    pub reference: String,
    /// The message thread.
    pub thread_id: i64,
    /// The business day by which the plan answers.
    pub answer_by: chrono::NaiveDate,
}

/// A record of what a listing said, kept for the member (No Surprises Act
/// reliance): its reference and where to download it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListingRecord {
    /// The reference number (`DIR-2026-000123`).
    pub reference: String,
    /// When it was made (RFC 3339, UTC).
    pub made_at: String,
    /// The PDF's address.
    pub pdf_href: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Result<DirectoryQuery, FieldErrors> {
        let pairs: Vec<(String, String)> = q
            .split('&')
            .filter(|s| !s.is_empty())
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                (k.to_string(), v.replace('+', " "))
            })
            .collect();
        DirectoryQuery::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn good_queries() {
        let q =
            parse("q=pediatrician&zip=98103&within=25&language=es&accepting=true").expect("valid");
        assert_eq!(q.q.as_deref(), Some("pediatrician"));
        assert_eq!(q.zip.as_deref(), Some("98103"));
        assert_eq!(q.within, 25);
        assert_eq!(q.language, Some(Language::Spanish));
        assert!(q.accepting);
        assert_eq!(parse("").expect("empty"), DirectoryQuery::default());
        assert_eq!(parse("q=&zip=").expect("blank"), DirectoryQuery::default());
    }

    #[test]
    fn each_bad_value_names_its_parameter() {
        let cases: &[(&str, &str, &str)] = &[
            ("zip=9810", "zip", "zip.invalid"),
            ("zip=abcde", "zip", "zip.invalid"),
            ("within=0", "within", "within.invalid"),
            ("within=101", "within", "within.invalid"),
            ("within=ten", "within", "within.invalid"),
            ("plan=no%20such", "plan", "plan.invalid"),
            ("network=out", "network", "network.invalid"),
            ("accepting=yes", "accepting", "accepting.invalid"),
            ("virtual=1", "virtual", "virtual.invalid"),
            ("language=xx", "language", "language.invalid"),
            ("gender=other", "gender", "gender.invalid"),
            ("access=ramp", "access", "access.invalid"),
            ("page=0", "page", "page.invalid"),
            ("sort=name", "sort", "param.unknown"),
            ("zip=98103&zip=98104", "zip", "param.repeated"),
        ];
        for (query, param, code) in cases {
            let errors = parse(query).expect_err(query);
            let e = errors
                .get(*param)
                .unwrap_or_else(|| panic!("{query}: {errors:?}"));
            assert_eq!(e[0].code, *code, "{query}");
            assert_eq!(errors.len(), 1, "{query}");
        }
        let long = format!("q={}", "a".repeat(MAX_QUERY_CHARS + 1));
        assert!(parse(&long).expect_err("long").contains_key("q"));
    }

    #[test]
    fn the_address_round_trips() {
        let q = DirectoryQuery {
            q: Some("knee doctor".into()),
            zip: Some("98004".into()),
            within: 25,
            plan: Some("EVG-PLT-HMO-2027".into()),
            network: NetworkScope::Any,
            accepting: true,
            virtual_visits: true,
            language: Some(Language::Korean),
            gender: Some(Gender::Female),
            access: Some(Access::Asl),
            page: 3,
        };
        let pairs = q.to_query();
        assert_eq!(pairs.len(), PARAMS.len());
        let back = DirectoryQuery::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str())))
            .expect("round trip");
        assert_eq!(back, q);
        assert!(DirectoryQuery::default().to_query().is_empty());
        assert_eq!(q.clone().first_page().page, 1);
    }

    #[test]
    fn reports() {
        let r = |problem, details: &str| ReportRequest {
            problem,
            details: details.into(),
        };
        assert!(report_errors(&r(ReportProblem::Phone, "")).is_empty());
        assert!(report_errors(&r(ReportProblem::Other, "It moved to Bellevue")).is_empty());
        assert_eq!(
            report_errors(&r(ReportProblem::Other, "   "))["details"][0].code,
            "details.required"
        );
        let long = "x".repeat(REPORT_MAX_CHARS + 1);
        assert_eq!(
            report_errors(&r(ReportProblem::Phone, &long))["details"][0].code,
            "details.too_long"
        );
    }

    #[test]
    fn network_words() {
        let plan = "Evergreen Silver PPO 2026";
        assert_eq!(
            NetworkStatus::InNetwork { tier: 1 }.words(plan),
            "In network for Evergreen Silver PPO 2026"
        );
        assert_eq!(
            NetworkStatus::OutOfNetwork.words(plan),
            "Out of network for Evergreen Silver PPO 2026"
        );
        assert_eq!(
            NetworkStatus::InNetwork { tier: 1 }.tier_words().as_deref(),
            Some("Tier 1 (preferred)")
        );
        assert_eq!(
            NetworkStatus::InNetwork { tier: 2 }.tier_words().as_deref(),
            Some("Tier 2")
        );
        assert_eq!(NetworkStatus::OutOfNetwork.tier_words(), None);
    }
}
