//! Claim filters: one definition of what matches, used by the browser (URL
//! state, saved filters) and the server (the list, the CSV export).
//!
//! Matching rules, written down:
//! * a date range matches a claim whose **first day of service** falls in it,
//!   both ends inclusive; a preset (last 30 days, this year, last 12 months,
//!   all 36 months) is resolved against "today" when the filter is applied,
//!   so a saved filter stays relative;
//! * provider: ten digits match the NPI exactly; anything else matches the
//!   provider name case-insensitively as a substring;
//! * text: every whitespace-separated term must occur (case-insensitively) in
//!   the claim number, provider name or NPI, or a line's code or description;
//! * amount range: on what the member owes, both ends inclusive;
//! * all given criteria must hold (AND).

use super::model::{ClaimStatus, ClaimSummary, ClaimType, Network, ServiceCategory};
use crate::money::Money;
use crate::problem::{push_error, FieldError, FieldErrors};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest free text accepted in `q` and `provider`.
pub const MAX_TEXT: usize = 100;
/// Largest page.
pub const MAX_PAGE_SIZE: u32 = 100;
/// Default page size.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// Relative date ranges.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DatePreset {
    /// The last 30 days.
    #[serde(rename = "last30")]
    Last30Days,
    /// January 1 of this year to today.
    #[serde(rename = "this_year")]
    ThisYear,
    /// The last 12 months.
    #[serde(rename = "last12")]
    Last12Months,
    /// All 36 months of history.
    #[serde(rename = "all")]
    All36Months,
}

impl DatePreset {
    /// Every preset, in display order.
    pub const ALL: &'static [DatePreset] = &[
        Self::Last30Days,
        Self::ThisYear,
        Self::Last12Months,
        Self::All36Months,
    ];

    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Last30Days => "last30",
            Self::ThisYear => "this_year",
            Self::Last12Months => "last12",
            Self::All36Months => "all",
        }
    }

    /// Plain label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Last30Days => "Last 30 days",
            Self::ThisYear => "This year",
            Self::Last12Months => "Last 12 months",
            Self::All36Months => "All 36 months",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.as_str() == s)
    }

    /// The inclusive range this preset means on `today`.
    pub fn range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let back = |months: u32| {
            today
                .checked_sub_months(Months::new(months))
                .and_then(|d| d.succ_opt())
                .unwrap_or(today)
        };
        let from = match self {
            Self::Last30Days => today - chrono::Duration::days(29),
            Self::ThisYear => NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today),
            Self::Last12Months => back(12),
            Self::All36Months => back(36),
        };
        (from, today)
    }
}

/// What a claim list is sorted by.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortKey {
    /// First day of service.
    #[default]
    Date,
    /// What the member owes.
    Owed,
    /// Provider name.
    Provider,
    /// Status label.
    Status,
}

impl SortKey {
    /// Every key.
    pub const ALL: &'static [SortKey] = &[Self::Date, Self::Owed, Self::Provider, Self::Status];

    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Date => "date",
            Self::Owed => "owed",
            Self::Provider => "provider",
            Self::Status => "status",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// Sort direction.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortDir {
    /// Smallest first.
    Asc,
    /// Largest (newest) first.
    #[default]
    Desc,
}

impl SortDir {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }

    /// The other direction.
    pub fn flip(self) -> Self {
        match self {
            Self::Asc => Self::Desc,
            Self::Desc => Self::Asc,
        }
    }
}

/// A claim filter with sort and paging. Its query-string form is the URL of
/// the claims page and the query of `GET /api/v1/claims`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClaimFilter {
    /// Relative range; overrides `from`/`to` when set.
    pub range: Option<DatePreset>,
    /// First service date, inclusive.
    #[serde(with = "crate::dates::iso_opt")]
    pub from: Option<NaiveDate>,
    /// Last service date, inclusive.
    #[serde(with = "crate::dates::iso_opt")]
    pub to: Option<NaiveDate>,
    /// Patient (opaque member id).
    pub member: Option<i64>,
    /// Provider name part or NPI.
    pub provider: Option<String>,
    /// Claim type.
    pub claim_type: Option<ClaimType>,
    /// Service category.
    pub category: Option<ServiceCategory>,
    /// Status.
    pub status: Option<ClaimStatus>,
    /// Network.
    pub network: Option<Network>,
    /// Free text.
    pub text: Option<String>,
    /// Least the member owes.
    pub min_owed: Option<Money>,
    /// Most the member owes.
    pub max_owed: Option<Money>,
    /// Sort key.
    pub sort: SortKey,
    /// Sort direction.
    pub dir: SortDir,
    /// Page, from 1.
    pub page: u32,
    /// Claims per page.
    pub page_size: u32,
}

impl Default for ClaimFilter {
    fn default() -> Self {
        Self {
            range: None,
            from: None,
            to: None,
            member: None,
            provider: None,
            claim_type: None,
            category: None,
            status: None,
            network: None,
            text: None,
            min_owed: None,
            max_owed: None,
            sort: SortKey::Date,
            dir: SortDir::Desc,
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

/// The query parameter names, in the order [`ClaimFilter::to_query`] writes them.
pub const PARAMS: &[&str] = &[
    "range",
    "from",
    "to",
    "member",
    "provider",
    "type",
    "category",
    "status",
    "network",
    "q",
    "min_owed",
    "max_owed",
    "sort",
    "dir",
    "page",
    "page_size",
];

fn enum_error<T>(name: &str, allowed: impl Iterator<Item = &'static str>) -> Result<T, FieldError> {
    Err(FieldError::new(
        format!("{name}.invalid"),
        format!("Use one of: {}.", allowed.collect::<Vec<_>>().join(", ")),
    ))
}

/// A date range's end must not be before its start (either may be open).
/// The one rule for the claims filter's query and the date fields on the page.
pub fn check_date_order(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<(), FieldError> {
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(FieldError::new(
            "to.before_from",
            "The end date is before the start date.",
        )),
        _ => Ok(()),
    }
}

impl ClaimFilter {
    /// Parses decoded query pairs. Every bad value, unknown parameter or
    /// repeated parameter is reported under its parameter name; nothing is
    /// silently ignored. Empty values mean "not set".
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, FieldErrors> {
        let mut f = Self::default();
        let mut errors = FieldErrors::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, raw) in pairs {
            let value = raw.trim();
            if !crate::problem::query_param_ok(&mut errors, &mut seen, PARAMS, name, "filter") {
                continue;
            }
            if value.is_empty() {
                continue;
            }
            if let Err(e) = f.set(name, value) {
                push_error(&mut errors, name, e);
            }
        }
        f.check_consistency(&mut errors);
        if errors.is_empty() {
            Ok(f)
        } else {
            Err(errors)
        }
    }

    fn set(&mut self, name: &str, v: &str) -> Result<(), FieldError> {
        let date = |v: &str| {
            crate::dates::parse_iso(v).ok_or_else(|| {
                FieldError::new(format!("{name}.invalid"), "Use a real date as YYYY-MM-DD.")
            })
        };
        let money = |v: &str| {
            Money::parse_decimal(v).ok_or_else(|| {
                FieldError::new(
                    format!("{name}.invalid"),
                    "Use an amount in dollars, like 25 or 19.99.",
                )
            })
        };
        let text = |v: &str| {
            if v.chars().count() > MAX_TEXT {
                Err(FieldError::new(
                    format!("{name}.too_long"),
                    format!("Use at most {MAX_TEXT} characters."),
                ))
            } else {
                Ok(v.to_string())
            }
        };
        match name {
            "range" => {
                self.range = Some(DatePreset::parse(v).map_or_else(
                    || enum_error(name, DatePreset::ALL.iter().map(|p| p.as_str())),
                    Ok,
                )?)
            }
            "from" => self.from = Some(date(v)?),
            "to" => self.to = Some(date(v)?),
            "member" => {
                self.member = Some(v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                    FieldError::new("member.invalid", "Choose a member of your household.")
                })?)
            }
            "provider" => self.provider = Some(text(v)?),
            "type" => {
                self.claim_type = Some(ClaimType::parse(v).map_or_else(
                    || enum_error(name, ClaimType::ALL.iter().map(|t| t.as_str())),
                    Ok,
                )?)
            }
            "category" => {
                self.category = Some(ServiceCategory::parse(v).map_or_else(
                    || enum_error(name, ServiceCategory::ALL.iter().map(|c| c.as_str())),
                    Ok,
                )?)
            }
            "status" => {
                self.status = Some(ClaimStatus::parse(v).map_or_else(
                    || enum_error(name, ClaimStatus::ALL.iter().map(|s| s.as_str())),
                    Ok,
                )?)
            }
            "network" => {
                self.network = Some(Network::parse(v).map_or_else(
                    || enum_error(name, Network::ALL.iter().map(|n| n.as_str())),
                    Ok,
                )?)
            }
            "q" => self.text = Some(text(v)?),
            "min_owed" => self.min_owed = Some(money(v)?),
            "max_owed" => self.max_owed = Some(money(v)?),
            "sort" => {
                self.sort = SortKey::parse(v).map_or_else(
                    || enum_error(name, SortKey::ALL.iter().map(|k| k.as_str())),
                    Ok,
                )?
            }
            "dir" => {
                self.dir = match v {
                    "asc" => SortDir::Asc,
                    "desc" => SortDir::Desc,
                    _ => return enum_error(name, ["asc", "desc"].into_iter()),
                }
            }
            "page" => {
                self.page =
                    v.parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        FieldError::new("page.invalid", "Use a page number from 1.")
                    })?
            }
            "page_size" => {
                self.page_size = v
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                    .ok_or_else(|| {
                        FieldError::new(
                            "page_size.invalid",
                            format!("Use 1 to {MAX_PAGE_SIZE} claims per page."),
                        )
                    })?
            }
            _ => {}
        }
        Ok(())
    }

    fn check_consistency(&self, errors: &mut FieldErrors) {
        if self.range.is_none() {
            if let Err(e) = check_date_order(self.from, self.to) {
                push_error(errors, "to", e);
            }
        }
        if let (Some(lo), Some(hi)) = (self.min_owed, self.max_owed) {
            if lo > hi {
                push_error(
                    errors,
                    "max_owed",
                    FieldError::new("max_owed.below_min", "The most is less than the least."),
                );
            }
        }
    }

    /// The query pairs for this filter (defaults left out), in [`PARAMS`] order.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q: Vec<(&'static str, String)> = Vec::new();
        let mut put = |k: &'static str, v: Option<String>| {
            if let Some(v) = v {
                q.push((k, v));
            }
        };
        put("range", self.range.map(|r| r.as_str().into()));
        put(
            "from",
            self.from
                .filter(|_| self.range.is_none())
                .map(|d| d.to_string()),
        );
        put(
            "to",
            self.to
                .filter(|_| self.range.is_none())
                .map(|d| d.to_string()),
        );
        put("member", self.member.map(|m| m.to_string()));
        put(
            "provider",
            self.provider.clone().filter(|s| !s.trim().is_empty()),
        );
        put("type", self.claim_type.map(|t| t.as_str().into()));
        put("category", self.category.map(|c| c.as_str().into()));
        put("status", self.status.map(|s| s.as_str().into()));
        put("network", self.network.map(|n| n.as_str().into()));
        put("q", self.text.clone().filter(|s| !s.trim().is_empty()));
        put("min_owed", self.min_owed.map(|m| m.to_decimal_string()));
        put("max_owed", self.max_owed.map(|m| m.to_decimal_string()));
        put(
            "sort",
            (self.sort != SortKey::Date).then(|| self.sort.as_str().into()),
        );
        put(
            "dir",
            (self.dir != SortDir::Desc).then(|| self.dir.as_str().into()),
        );
        put("page", (self.page != 1).then(|| self.page.to_string()));
        put(
            "page_size",
            (self.page_size != DEFAULT_PAGE_SIZE).then(|| self.page_size.to_string()),
        );
        q
    }

    /// The same filter without sort and paging (what a saved filter keeps).
    pub fn criteria(&self) -> ClaimFilter {
        ClaimFilter {
            sort: SortKey::default(),
            dir: SortDir::default(),
            page: 1,
            page_size: DEFAULT_PAGE_SIZE,
            ..self.clone()
        }
    }

    /// The criteria in words, for a document that lists the matched claims
    /// ("Services from January 1, 2026 to December 2, 2026", "Patient: Alex
    /// Morgan", ...); `patient` is the name of [`Self::member`].
    pub fn describe(&self, today: NaiveDate, patient: Option<&str>) -> Vec<String> {
        let long = crate::alerts::long;
        let mut out = vec![match self.date_range(today) {
            (Some(a), Some(b)) => format!("Services from {} to {}", long(a), long(b)),
            (Some(a), None) => format!("Services from {}", long(a)),
            (None, Some(b)) => format!("Services until {}", long(b)),
            (None, None) => "Services on any date".to_string(),
        }];
        if self.member.is_some() {
            out.push(format!("Patient: {}", patient.unwrap_or("one member")));
        }
        if let Some(p) = &self.provider {
            out.push(format!("Provider: {p}"));
        }
        if let Some(t) = self.claim_type {
            out.push(format!("Claim type: {}", t.label()));
        }
        if let Some(c) = self.category {
            out.push(format!("Category: {}", c.label()));
        }
        if let Some(st) = self.status {
            out.push(format!("Status: {}", st.label()));
        }
        if let Some(n) = self.network {
            out.push(format!("Network: {}", n.label()));
        }
        if let Some(q) = &self.text {
            out.push(format!("Containing: {q}"));
        }
        match (self.min_owed, self.max_owed) {
            (Some(a), Some(b)) => out.push(format!("You owe from {a} to {b}")),
            (Some(a), None) => out.push(format!("You owe at least {a}")),
            (None, Some(b)) => out.push(format!("You owe at most {b}")),
            (None, None) => {}
        }
        out
    }

    /// Whether any criterion is set (sort and paging aside).
    pub fn is_filtered(&self) -> bool {
        self.criteria() != ClaimFilter::default()
    }

    /// The inclusive service-date range in force on `today`.
    pub fn date_range(&self, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
        match self.range {
            Some(p) => {
                let (a, b) = p.range(today);
                (Some(a), Some(b))
            }
            None => (self.from, self.to),
        }
    }

    /// Lower-cased search terms of `q`.
    pub fn terms(&self) -> Vec<String> {
        self.text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// Whether `claim` (with its [`search text`](super::Claim::search_text)) matches.
    /// `terms` are [`Self::terms`], computed once per query.
    pub fn matches(
        &self,
        claim: &ClaimSummary,
        search_text: &str,
        terms: &[String],
        today: NaiveDate,
    ) -> bool {
        let (from, to) = self.date_range(today);
        if from.is_some_and(|d| claim.service_start < d)
            || to.is_some_and(|d| claim.service_start > d)
        {
            return false;
        }
        if self.member.is_some_and(|m| m != claim.patient_id)
            || self.claim_type.is_some_and(|t| t != claim.claim_type)
            || self.category.is_some_and(|c| c != claim.category)
            || self.status.is_some_and(|s| s != claim.status)
            || self.network.is_some_and(|n| n != claim.provider.network)
            || self.min_owed.is_some_and(|m| claim.amounts.member_owes < m)
            || self.max_owed.is_some_and(|m| claim.amounts.member_owes > m)
        {
            return false;
        }
        if let Some(p) = self
            .provider
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let is_npi = p.len() == 10 && p.chars().all(|c| c.is_ascii_digit());
            let ok = if is_npi {
                claim.provider.npi == p
            } else {
                contains_ignore_case(&claim.provider.name, p)
            };
            if !ok {
                return false;
            }
        }
        terms.iter().all(|t| search_text.contains(t.as_str()))
    }
}

/// Orders two claims by `key` and `dir`; ties are broken by id (newest
/// first) so the order is stable across pages. Allocation-free: provider
/// names compare case-insensitively character by character.
pub fn compare_claims(
    a: &ClaimSummary,
    b: &ClaimSummary,
    key: SortKey,
    dir: SortDir,
) -> std::cmp::Ordering {
    let primary = match key {
        SortKey::Date => a.service_start.cmp(&b.service_start),
        SortKey::Owed => a.amounts.member_owes.cmp(&b.amounts.member_owes),
        SortKey::Provider => a
            .provider
            .name
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(b.provider.name.chars().flat_map(char::to_lowercase)),
        SortKey::Status => a.status.label().cmp(b.status.label()),
    };
    let primary = if dir == SortDir::Desc {
        primary.reverse()
    } else {
        primary
    };
    primary.then_with(|| b.id.cmp(&a.id))
}

/// Whether `needle` occurs in `hay`, ignoring case; allocation-free for ASCII.
pub fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        n.is_empty() || h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(&needle.to_lowercase())
    }
}

/// Sorts claims by `key` and `dir` (see [`compare_claims`]).
pub fn sort_claims<T>(
    items: &mut [T],
    key: SortKey,
    dir: SortDir,
    summary: impl Fn(&T) -> &ClaimSummary,
) {
    items.sort_by(|a, b| compare_claims(summary(a), summary(b), key, dir));
}

/// Puts the first `k` claims in sorted order at the front (the rest follow
/// in no particular order): what one page needs, in linear time plus
/// `k log k`, instead of sorting every match.
pub fn sort_prefix<T>(
    items: &mut [T],
    k: usize,
    key: SortKey,
    dir: SortDir,
    summary: impl Fn(&T) -> &ClaimSummary,
) {
    let cmp = |a: &T, b: &T| compare_claims(summary(a), summary(b), key, dir);
    if k == 0 {
        return;
    }
    if k < items.len() {
        items.select_nth_unstable_by(k - 1, cmp);
    }
    let end = k.min(items.len());
    items[..end].sort_by(cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_in_words() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let f = ClaimFilter {
            range: Some(DatePreset::ThisYear),
            member: Some(3),
            claim_type: Some(ClaimType::Pharmacy),
            min_owed: Some(Money::from_dollars(10)),
            ..ClaimFilter::default()
        };
        assert_eq!(
            f.describe(today, Some("Alex Morgan")),
            [
                "Services from January 1, 2026 to December 2, 2026",
                "Patient: Alex Morgan",
                "Claim type: Pharmacy",
                "You owe at least $10.00",
            ]
        );
        assert_eq!(
            ClaimFilter::default().describe(today, None),
            ["Services on any date"]
        );
    }
    use crate::claims::model::{Amounts, Provider};
    use proptest::prelude::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn claim(id: i64, date: &str, owes: i64) -> ClaimSummary {
        ClaimSummary {
            id,
            claim_number: format!("C{id:05}"),
            patient_id: 1 + id % 2,
            patient_name: "Alex Morgan".into(),
            claim_type: ClaimType::Professional,
            category: if id % 3 == 0 {
                ServiceCategory::Prescription
            } else {
                ServiceCategory::OfficeVisit
            },
            service_start: day(date),
            service_end: day(date),
            provider: Provider {
                name: if id % 2 == 0 {
                    "Cedar Family Medicine".into()
                } else {
                    "Lakeside Imaging".into()
                },
                npi: format!("{:010}", 1_000_000_000 + id),
                specialty: "Family medicine".into(),
                network: if id == 4 {
                    Network::OutOfNetwork
                } else {
                    Network::InNetwork
                },
            },
            status: if id == 5 {
                ClaimStatus::Denied
            } else {
                ClaimStatus::Paid
            },
            status_date: day(date),
            amounts: Amounts {
                member_owes: Money::from_cents(owes),
                ..Amounts::default()
            },
        }
    }

    fn q(s: &str) -> Result<ClaimFilter, FieldErrors> {
        let pairs: Vec<(&str, &str)> = s
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').unwrap_or((p, "")))
            .collect();
        ClaimFilter::from_query(pairs)
    }

    #[test]
    fn parse_errors_name_the_parameter() {
        let cases = [
            ("status=lost", "status", "status.invalid"),
            ("from=2026-02-30", "from", "from.invalid"),
            ("from=2026-05-01&to=2026-04-01", "to", "to.before_from"),
            ("page=0", "page", "page.invalid"),
            ("page_size=500", "page_size", "page_size.invalid"),
            ("min_owed=-5", "min_owed", "min_owed.invalid"),
            ("min_owed=10&max_owed=5", "max_owed", "max_owed.below_min"),
            ("member=abc", "member", "member.invalid"),
            ("stauts=paid", "stauts", "param.unknown"),
            ("q=a&q=b", "q", "param.repeated"),
            ("sort=price", "sort", "sort.invalid"),
            ("category=spa", "category", "category.invalid"),
        ];
        for (query, param, code) in cases {
            let e = q(query).expect_err(query);
            assert_eq!(
                e.get(param).map(|v| v[0].code.as_str()),
                Some(code),
                "{query}: {e:?}"
            );
        }
    }

    #[test]
    fn query_roundtrip_table() {
        for query in [
            "",
            "range=last30",
            "from=2025-01-01&to=2025-12-31&member=2&provider=cedar&type=pharmacy&category=prescription&status=denied&network=out&q=mri knee&min_owed=10.00&max_owed=99.50&sort=owed&dir=asc&page=3&page_size=50",
        ] {
            let f = q(query).expect(query);
            let back: Vec<String> = f.to_query().into_iter().map(|(k, v)| format!("{k}={v}")).collect();
            assert_eq!(back.join("&"), query);
        }
    }

    #[test]
    fn matching_table() {
        let today = day("2026-11-23");
        let claims: Vec<ClaimSummary> = (1..=6)
            .map(|i| claim(i, &format!("2026-0{i}-15"), i * 1000))
            .collect();
        let ids = |query: &str| -> Vec<i64> {
            let f = q(query).expect(query);
            let terms = f.terms();
            claims
                .iter()
                .filter(|c| {
                    let text = format!("{} {} {}", c.claim_number, c.provider.name, c.provider.npi)
                        .to_lowercase();
                    f.matches(c, &text, &terms, today)
                })
                .map(|c| c.id)
                .collect()
        };
        assert_eq!(ids(""), vec![1, 2, 3, 4, 5, 6]);
        assert_eq!(ids("from=2026-02-15&to=2026-04-15"), vec![2, 3, 4]);
        assert_eq!(ids("member=1"), vec![2, 4, 6]);
        assert_eq!(ids("category=prescription"), vec![3, 6]);
        assert_eq!(ids("status=denied"), vec![5]);
        assert_eq!(ids("network=out"), vec![4]);
        assert_eq!(ids("provider=CEDAR"), vec![2, 4, 6]);
        assert_eq!(ids("provider=1000000003"), vec![3]);
        assert_eq!(ids("q=c00002"), vec![2]);
        assert_eq!(ids("q=lakeside c00005"), vec![5]);
        assert_eq!(ids("min_owed=20&max_owed=40"), vec![2, 3, 4]);
        assert_eq!(ids("member=1&category=prescription"), vec![6]);
        assert_eq!(ids("range=last30"), Vec::<i64>::new());
        assert_eq!(ids("range=this_year"), vec![1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn presets_resolve_against_today() {
        let today = day("2026-11-23");
        assert_eq!(
            DatePreset::Last30Days.range(today),
            (day("2026-10-25"), today)
        );
        assert_eq!(
            DatePreset::ThisYear.range(today),
            (day("2026-01-01"), today)
        );
        assert_eq!(
            DatePreset::Last12Months.range(today),
            (day("2025-11-24"), today)
        );
        assert_eq!(
            DatePreset::All36Months.range(today),
            (day("2023-11-24"), today)
        );
    }

    proptest! {
        #[test]
        fn prefix_sort_equals_full_sort(owes in proptest::collection::vec(0i64..50, 0..60), k in 0usize..70, key in 0usize..4, asc in any::<bool>()) {
            let claims: Vec<ClaimSummary> = owes.iter().enumerate().map(|(i, o)| claim(i as i64 + 1, &format!("2026-0{}-1{}", 1 + i % 9, i % 10), *o)).collect();
            let (key, dir) = (SortKey::ALL[key], if asc { SortDir::Asc } else { SortDir::Desc });
            let mut full: Vec<&ClaimSummary> = claims.iter().collect();
            sort_claims(&mut full, key, dir, |c| c);
            let mut part: Vec<&ClaimSummary> = claims.iter().collect();
            sort_prefix(&mut part, k, key, dir, |c| c);
            let n = k.min(claims.len());
            prop_assert_eq!(full[..n].iter().map(|c| c.id).collect::<Vec<_>>(), part[..n].iter().map(|c| c.id).collect::<Vec<_>>());
        }
    }

    #[test]
    fn contains_ignore_case_table() {
        for (hay, needle, want) in [
            ("Cedar Family", "cedar", true),
            ("Cedar Family", "FAMILY", true),
            ("Cedar", "cedars", false),
            ("Ärzte Haus", "ärzte", true),
            ("x", "", true),
        ] {
            assert_eq!(contains_ignore_case(hay, needle), want, "{hay} / {needle}");
        }
    }

    #[test]
    fn sorting_is_stable_with_id_tiebreak() {
        let mut v: Vec<ClaimSummary> = vec![
            claim(1, "2026-01-01", 500),
            claim(2, "2026-01-01", 100),
            claim(3, "2026-02-01", 300),
        ];
        sort_claims(&mut v, SortKey::Date, SortDir::Desc, |c| c);
        assert_eq!(v.iter().map(|c| c.id).collect::<Vec<_>>(), vec![3, 2, 1]);
        sort_claims(&mut v, SortKey::Owed, SortDir::Asc, |c| c);
        assert_eq!(v.iter().map(|c| c.id).collect::<Vec<_>>(), vec![2, 3, 1]);
        sort_claims(&mut v, SortKey::Provider, SortDir::Asc, |c| c);
        assert_eq!(v[0].provider.name, "Cedar Family Medicine");
    }

    proptest! {
        #[test]
        fn from_query_never_panics(pairs in proptest::collection::vec(("[a-z_]{1,10}", "\\PC{0,20}"), 0..6)) {
            let _ = ClaimFilter::from_query(pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        }

        #[test]
        fn narrowing_never_adds(owes in proptest::collection::vec(0i64..100_000, 1..30), lo in 0i64..1000, extra in 0i64..1000) {
            let today = day("2026-11-23");
            let claims: Vec<ClaimSummary> = owes.iter().enumerate().map(|(i, o)| claim(i as i64 + 1, "2026-03-01", *o)).collect();
            let wide = ClaimFilter { min_owed: Some(Money::from_dollars(lo)), ..ClaimFilter::default() };
            let narrow = ClaimFilter { max_owed: Some(Money::from_dollars(lo + extra)), ..wide.clone() };
            for c in &claims {
                if narrow.matches(c, "", &[], today) { prop_assert!(wide.matches(c, "", &[], today)); }
            }
        }

        #[test]
        fn roundtrip_any_filter(member in proptest::option::of(1i64..1000), cat in proptest::option::of(0usize..13), page in 1u32..50) {
            let f = ClaimFilter { member, category: cat.map(|i| ServiceCategory::ALL[i]), page, ..ClaimFilter::default() };
            let pairs = f.to_query();
            let back = ClaimFilter::from_query(pairs.iter().map(|(k, v)| (*k, v.as_str()))).expect("valid");
            prop_assert_eq!(back, f);
        }
    }
}
