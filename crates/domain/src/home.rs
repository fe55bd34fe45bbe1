//! The member's home: the aggregate dashboard body (coverage, progress,
//! recent claims, claims needing attention, the spending picture), family
//! sharing, and notification preferences with their validation.

use crate::account::{validate_email, validate_phone};
use crate::alerts::{AlertKind, PremiumBill};
use crate::api::{PlanSummary, Relationship};
use crate::claims::{ClaimStatus, ClaimSummary, ServiceCategory};
use crate::family::HiddenReason;
use crate::member_id::MemberId;
use crate::money::Money;
use crate::plans::api::{PersonProgress, PlanChange};
use crate::problem::{push_error, FieldError, FieldErrors};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Months in the spending picture.
pub const SPENDING_MONTHS: usize = 12;
/// Recent claims on the dashboard.
pub const RECENT_CLAIMS: usize = 5;
/// Most claims in the "needs attention" list.
pub const ATTENTION_CLAIMS: usize = 10;

/// A primary care provider.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pcp {
    /// Name.
    pub name: String,
    /// Phone.
    pub phone: String,
}

/// A covered person the viewer may see.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveredPerson {
    /// Opaque member id (the `member` scope value).
    pub id: i64,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Relationship to the subscriber.
    pub relationship: Relationship,
    /// Member ID (printed form on the wire).
    pub member_id: MemberId,
    /// Primary care provider, where one is chosen.
    pub pcp: Option<Pcp>,
    /// A new primary care provider chosen, not in effect yet.
    #[serde(default)]
    pub pcp_change: Option<crate::care::pcp::PcpChange>,
}

/// A covered person whose information is hidden from the viewer, with why.
/// No name or other detail: only the relationship.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HiddenPerson {
    /// Relationship to the subscriber.
    pub relationship: Relationship,
    /// Why hidden.
    pub reason: HiddenReason,
    /// The plain explanation.
    pub message: String,
}

/// Claims totals of this year for the scope (equal to the claims page's
/// totals for `range=this_year` and the same member).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearTotals {
    /// Claims counted.
    pub claims: u32,
    /// Deductible paid.
    pub deductible: Money,
    /// What the member owes in all.
    pub member_owes: Money,
    /// Part of it the plan does not cover.
    pub not_covered: Money,
}

/// Out-of-pocket spending (what the member owes) by category.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategorySpend {
    /// Category.
    pub category: ServiceCategory,
    /// Amount.
    pub amount: Money,
}

/// One person's spending picture.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSpending {
    /// Opaque member id.
    pub member: i64,
    /// First name.
    pub first_name: String,
    /// What they owed per month, oldest first (same order as [`Spending::months`]).
    pub by_month: Vec<Money>,
    /// What they owed per category over the same months (only non-zero, largest first).
    pub by_category: Vec<CategorySpend>,
}

/// The spending picture: the last 12 months including this one.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spending {
    /// Months, oldest first, as `YYYY-MM`.
    pub months: Vec<String>,
    /// Per person in scope.
    pub people: Vec<PersonSpending>,
}

/// `GET /api/v1/dashboard?member=<id>|all`: everything the home page draws.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The plan.
    pub plan: PlanSummary,
    /// Coverage start.
    #[serde(with = "crate::dates::iso")]
    pub coverage_start: NaiveDate,
    /// Coverage end.
    #[serde(with = "crate::dates::iso")]
    pub coverage_end: NaiveDate,
    /// The signed-in member's opaque id.
    pub viewer: i64,
    /// The people the viewer may see, viewer first.
    pub covered: Vec<CoveredPerson>,
    /// People on the plan the viewer may not see, and why.
    pub hidden: Vec<HiddenPerson>,
    /// The member the page is scoped to (`None`: everyone visible).
    pub scope: Option<i64>,
    /// Plan year of the progress figures.
    pub year: i32,
    /// Whether the plan covers out-of-network care (progress shown for it too).
    pub out_of_network: bool,
    /// Deductible and out-of-pocket progress per person in scope.
    pub progress: Vec<PersonProgress>,
    /// This year's claims totals for the scope.
    pub totals: YearTotals,
    /// The last five claims in scope.
    pub recent: Vec<ClaimSummary>,
    /// Claims needing attention (denied, under appeal) in scope.
    pub attention: Vec<ClaimSummary>,
    /// Spending by month and category.
    pub spending: Spending,
    /// The next premium bill (subscriber only).
    pub premium: Option<PremiumBill>,
    /// A plan change made and not yet in effect.
    pub next_plan: Option<PlanChange>,
    /// Unread alerts.
    pub unread_alerts: u32,
}

/// The first day of the month `back` months before `day`'s month.
fn month_start_back(day: NaiveDate, back: u32) -> NaiveDate {
    let idx = day.year() * 12 + day.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1, 1).unwrap_or(day)
}

/// The spending picture of `people` (id, first name) from their claims:
/// what each owed, by month of service over the last 12 months (this one
/// included) and by category over the same months.
pub fn spending(people: &[(i64, String)], claims: &[&ClaimSummary], today: NaiveDate) -> Spending {
    let first = month_start_back(today, SPENDING_MONTHS as u32 - 1);
    let months: Vec<String> = (0..SPENDING_MONTHS as u32)
        .rev()
        .map(|b| {
            let m = month_start_back(today, b);
            format!("{:04}-{:02}", m.year(), m.month())
        })
        .collect();
    let people = people
        .iter()
        .map(|(id, name)| {
            let mut by_month = vec![Money::ZERO; SPENDING_MONTHS];
            let mut by_cat: Vec<CategorySpend> = Vec::new();
            for c in claims.iter().filter(|c| {
                c.patient_id == *id && c.service_start >= first && c.service_start <= today
            }) {
                let idx = (c.service_start.year() - first.year()) * 12
                    + c.service_start.month0() as i32
                    - first.month0() as i32;
                if let Some(slot) = usize::try_from(idx).ok().and_then(|i| by_month.get_mut(i)) {
                    *slot += c.amounts.member_owes;
                }
                match by_cat.iter_mut().find(|s| s.category == c.category) {
                    Some(s) => s.amount += c.amounts.member_owes,
                    None => by_cat.push(CategorySpend {
                        category: c.category,
                        amount: c.amounts.member_owes,
                    }),
                }
            }
            by_cat.retain(|s| s.amount != Money::ZERO);
            by_cat.sort_by(|a, b| b.amount.cmp(&a.amount).then(a.category.cmp(&b.category)));
            PersonSpending {
                member: *id,
                first_name: name.clone(),
                by_month,
                by_category: by_cat,
            }
        })
        .collect();
    Spending { months, people }
}

/// The dashboard's claim panels.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimPanels {
    /// The newest claims by date of service (at most [`RECENT_CLAIMS`]).
    pub recent: Vec<ClaimSummary>,
    /// Denied or appealed claims, newest status first (at most [`ATTENTION_CLAIMS`]).
    pub attention: Vec<ClaimSummary>,
    /// This year's totals.
    pub totals: YearTotals,
    /// The last 12 months' spending by person.
    pub spending: Spending,
}

/// The dashboard's claim panels from the household's claims, for `people`
/// (id, first name; the scope the caller chose, all of whom they may see):
/// only their claims, and only care already received by `today`.
pub fn claim_panels<'a>(
    claims: impl IntoIterator<Item = &'a ClaimSummary>,
    people: &[(i64, String)],
    today: NaiveDate,
) -> ClaimPanels {
    let mut mine: Vec<&ClaimSummary> = claims
        .into_iter()
        .filter(|c| people.iter().any(|(id, _)| *id == c.patient_id) && c.service_start <= today)
        .collect();
    mine.sort_by(|a, b| b.service_start.cmp(&a.service_start).then(b.id.cmp(&a.id)));
    let recent = mine
        .iter()
        .take(RECENT_CLAIMS)
        .map(|c| (*c).clone())
        .collect();
    let mut attention: Vec<&ClaimSummary> = mine
        .iter()
        .copied()
        .filter(|c| needs_attention(c))
        .collect();
    attention.sort_by(|a, b| b.status_date.cmp(&a.status_date).then(b.id.cmp(&a.id)));
    ClaimPanels {
        recent,
        attention: attention
            .into_iter()
            .take(ATTENTION_CLAIMS)
            .cloned()
            .collect(),
        totals: year_totals(&mine, today.year()),
        spending: spending(people, &mine, today),
    }
}

/// Whether a claim belongs in "needs attention".
pub fn needs_attention(c: &ClaimSummary) -> bool {
    matches!(c.status, ClaimStatus::Denied | ClaimStatus::UnderAppeal)
}

/// This year's totals over claims (service started in `year`).
pub fn year_totals(claims: &[&ClaimSummary], year: i32) -> YearTotals {
    claims
        .iter()
        .filter(|c| c.service_start.year() == year)
        .fold(YearTotals::default(), |mut t, c| {
            t.claims += 1;
            t.deductible += c.amounts.deductible;
            t.member_owes += c.amounts.member_owes;
            t.not_covered += c.amounts.not_covered;
            t
        })
}

/// The `member` scope parameter: `all` (or absent) or an opaque id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everyone the viewer may see.
    All,
    /// One member.
    Member(i64),
}

impl Scope {
    /// Parses `all`, empty, or a member id; `None` for anything else.
    pub fn parse(s: Option<&str>) -> Option<Self> {
        match s.map(str::trim) {
            None | Some("") | Some("all") => Some(Self::All),
            Some(id) => id.parse().ok().filter(|n: &i64| *n > 0).map(Self::Member),
        }
    }

    /// The URL value (`all` or the id).
    pub fn to_param(self) -> String {
        match self {
            Self::All => "all".into(),
            Self::Member(id) => id.to_string(),
        }
    }
}

/// Someone the caller may share their information with (or already does).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharePerson {
    /// Opaque member id.
    pub member: i64,
    /// First name.
    pub first_name: String,
    /// Relationship to the subscriber.
    pub relationship: Relationship,
    /// The caller shares with them now.
    pub shared: bool,
}

/// `GET /api/v1/family/sharing`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingStatus {
    /// People the caller may share with; empty when the caller's
    /// information is visible to the family anyway (a minor) or nobody else is covered.
    pub people: Vec<SharePerson>,
}

/// `PUT /api/v1/family/sharing`: record or withdraw consent.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShareRequest {
    /// With whom (opaque member id).
    pub member: i64,
    /// Share (`true`) or stop sharing.
    pub share: bool,
}

/// How an alert kind is delivered.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlertChannels {
    /// By email.
    pub email: bool,
    /// By text message.
    pub text: bool,
    /// In the portal (the alerts page and the header count).
    pub portal: bool,
}

/// One alert kind's channels.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertPref {
    /// The kind.
    pub kind: AlertKind,
    /// Its channels.
    #[serde(flatten)]
    pub channels: AlertChannels,
}

/// `GET`/`PUT /api/v1/notifications`: which alerts, by which channel, and
/// where to send them.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NotificationPrefs {
    /// Email for alerts (empty: none).
    pub email: String,
    /// US mobile phone for text messages (empty: none); stored as `(555) 555-0142`.
    pub phone: String,
    /// Channels per alert kind (every kind once).
    pub alerts: Vec<AlertPref>,
    /// The current password: required (in a `PUT`) when the email or phone
    /// changes; never sent back (the server answers with it empty, and an
    /// empty one is left out of the JSON).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(write_only))]
    pub password: String,
}

impl NotificationPrefs {
    /// The defaults: every alert in the portal, nothing sent.
    pub fn defaults() -> Self {
        Self {
            email: String::new(),
            phone: String::new(),
            alerts: AlertKind::ALL
                .iter()
                .map(|k| AlertPref {
                    kind: *k,
                    channels: AlertChannels {
                        email: false,
                        text: false,
                        portal: true,
                    },
                })
                .collect(),
            password: String::new(),
        }
    }

    /// The channels of a kind (defaults when missing).
    pub fn channels(&self, kind: AlertKind) -> AlertChannels {
        self.alerts
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.channels)
            .unwrap_or(AlertChannels {
                portal: true,
                ..AlertChannels::default()
            })
    }
}

/// Validates preferences, field by field: the email and the phone (when
/// given or needed by a chosen channel), and each alert kind at most once.
/// Returns them normalised (email trimmed with its domain lower-cased,
/// phone as `(555) 555-0142`, every kind present in display order).
pub fn validate_prefs(p: &NotificationPrefs) -> Result<NotificationPrefs, FieldErrors> {
    let mut errors = FieldErrors::new();
    let email = match validate_email(&p.email) {
        Ok(e) => e,
        Err(e) => {
            push_error(&mut errors, "email", e);
            None
        }
    };
    let phone = match validate_phone(&p.phone) {
        Ok(ph) => ph.map(|x| x.display()),
        Err(e) => {
            push_error(&mut errors, "phone", e);
            None
        }
    };
    for (i, a) in p.alerts.iter().enumerate() {
        if p.alerts[..i].iter().any(|b| b.kind == a.kind) {
            push_error(
                &mut errors,
                "alerts",
                FieldError::new("alerts.repeated", "Give each kind of alert once."),
            );
            break;
        }
    }
    let wants_email = p.alerts.iter().any(|a| a.channels.email);
    let wants_text = p.alerts.iter().any(|a| a.channels.text);
    if wants_email && p.email.trim().is_empty() {
        push_error(
            &mut errors,
            "email",
            FieldError::new(
                "email.required",
                "Add an email address to get alerts by email, or turn email off.",
            ),
        );
    }
    if wants_text && p.phone.trim().is_empty() {
        push_error(
            &mut errors,
            "phone",
            FieldError::new(
                "phone.required",
                "Add a mobile number to get text messages, or turn text messages off.",
            ),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let alerts = AlertKind::ALL
        .iter()
        .map(|k| AlertPref {
            kind: *k,
            channels: p.channels(*k),
        })
        .collect();
    Ok(NotificationPrefs {
        email: email.unwrap_or_default(),
        phone: phone.unwrap_or_default(),
        alerts,
        password: p.password.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Amounts, ClaimType, Network, Provider};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn claim(patient: i64, start: NaiveDate, cat: ServiceCategory, owes: i64) -> ClaimSummary {
        ClaimSummary {
            id: 1,
            claim_number: "C1".into(),
            patient_id: patient,
            patient_name: "P".into(),
            claim_type: ClaimType::Professional,
            category: cat,
            service_start: start,
            service_end: start,
            provider: Provider {
                name: "Clinic".into(),
                npi: "1234567893".into(),
                specialty: "Family medicine".into(),
                network: Network::InNetwork,
            },
            status: ClaimStatus::Paid,
            status_date: start,
            amounts: Amounts {
                member_owes: Money::from_cents(owes),
                deductible: Money::from_cents(owes),
                ..Amounts::default()
            },
        }
    }

    #[test]
    fn claim_panels_keep_the_scope_past_care_and_their_limits() {
        let today = d(2026, 11, 23);
        let mut claims = Vec::new();
        for i in 0..14 {
            let mut c = claim(1, d(2026, 1, 1 + i), ServiceCategory::OfficeVisit, 100);
            c.id = i64::from(i) + 1;
            if i % 2 == 0 {
                c.status = ClaimStatus::Denied;
                c.status_date = d(2026, 2, 28 - i);
            }
            claims.push(c);
        }
        let mut future = claim(1, d(2026, 12, 1), ServiceCategory::OfficeVisit, 999);
        future.id = 100;
        let mut other = claim(2, d(2026, 6, 1), ServiceCategory::OfficeVisit, 999);
        other.id = 101;
        claims.extend([future, other]);
        let p = claim_panels(&claims, &[(1, "A".into())], today);
        let ids = |list: &[ClaimSummary]| list.iter().map(|c| c.id).collect::<Vec<_>>();
        // Newest service first, five of them; no one else's, nothing not yet received.
        assert_eq!(ids(&p.recent), [14, 13, 12, 11, 10]);
        // Denied ones by newest status date (day 28 - i), seven of them.
        assert_eq!(ids(&p.attention), [1, 3, 5, 7, 9, 11, 13]);
        assert_eq!(p.totals.claims, 14);
        assert_eq!(p.totals.member_owes, Money::from_cents(1400));
        assert_eq!(p.spending.people.len(), 1);
    }

    #[test]
    fn spending_by_month_and_category() {
        let today = d(2026, 11, 23);
        let claims = [
            claim(1, d(2026, 11, 2), ServiceCategory::OfficeVisit, 2500),
            claim(1, d(2025, 12, 1), ServiceCategory::Prescription, 1000),
            claim(1, d(2025, 11, 30), ServiceCategory::Prescription, 999_999), // 13 months ago
            claim(1, d(2026, 11, 24), ServiceCategory::OfficeVisit, 999_999),  // future
            claim(2, d(2026, 3, 5), ServiceCategory::Prescription, 700),
            claim(1, d(2026, 3, 5), ServiceCategory::OfficeVisit, 500),
        ];
        let refs: Vec<&ClaimSummary> = claims.iter().collect();
        let s = spending(&[(1, "A".into()), (2, "B".into())], &refs, today);
        assert_eq!(s.months.first().map(String::as_str), Some("2025-12"));
        assert_eq!(s.months.last().map(String::as_str), Some("2026-11"));
        assert_eq!(s.months.len(), 12);
        let a = &s.people[0];
        let cents: Vec<i64> = a.by_month.iter().map(|m| m.cents()).collect();
        assert_eq!(cents, [1000, 0, 0, 500, 0, 0, 0, 0, 0, 0, 0, 2500]);
        assert_eq!(
            a.by_category,
            vec![
                CategorySpend {
                    category: ServiceCategory::OfficeVisit,
                    amount: Money::from_cents(3000)
                },
                CategorySpend {
                    category: ServiceCategory::Prescription,
                    amount: Money::from_cents(1000)
                },
            ]
        );
        // sums agree: by month = by category
        for p in &s.people {
            let m: Money = p.by_month.iter().copied().sum();
            let c: Money = p.by_category.iter().map(|x| x.amount).sum();
            assert_eq!(m, c);
        }
        assert_eq!(s.people[1].by_month[3], Money::from_cents(700));
        let t = year_totals(&refs, 2026);
        assert_eq!(
            (t.claims, t.member_owes.cents()),
            (4, 2500 + 999_999 + 700 + 500)
        );
    }

    #[test]
    fn scope_param() {
        let cases = [
            (None, Some(Scope::All)),
            (Some(""), Some(Scope::All)),
            (Some("all"), Some(Scope::All)),
            (Some("12"), Some(Scope::Member(12))),
            (Some("0"), None),
            (Some("-3"), None),
            (Some("x"), None),
        ];
        for (input, expected) in cases {
            assert_eq!(Scope::parse(input), expected, "{input:?}");
        }
        assert_eq!(Scope::Member(4).to_param(), "4");
    }

    #[test]
    fn prefs_validation_table() {
        let with = |email: &str, phone: &str, e: bool, t: bool| {
            let mut p = NotificationPrefs::defaults();
            p.email = email.into();
            p.phone = phone.into();
            p.alerts[0].channels.email = e;
            p.alerts[1].channels.text = t;
            p
        };
        let codes = |p: &NotificationPrefs| -> Vec<(String, String)> {
            match validate_prefs(p) {
                Ok(_) => vec![],
                Err(errors) => errors
                    .iter()
                    .flat_map(|(f, es)| es.iter().map(move |e| (f.clone(), e.code.clone())))
                    .collect(),
            }
        };
        let cases: Vec<(NotificationPrefs, Vec<(&str, &str)>)> = vec![
            (NotificationPrefs::defaults(), vec![]),
            (with("alex@example.com", "", true, false), vec![]),
            (with("", "(555) 555-0142", false, true), vec![]),
            (with("", "", true, false), vec![("email", "email.required")]),
            (with("", "", false, true), vec![("phone", "phone.required")]),
            (
                with("not-an-email", "", false, false),
                vec![("email", "email.format")],
            ),
            (
                with("", "555-0142", false, false),
                vec![("phone", "phone.length")],
            ),
            (
                with("", "+44 20 7946 0958", false, false),
                vec![("phone", "phone.us_only")],
            ),
        ];
        for (prefs, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(f, c)| (f.to_string(), c.to_string()))
                .collect();
            assert_eq!(codes(&prefs), expected, "{prefs:?}");
        }
        let mut repeated = NotificationPrefs::defaults();
        repeated.alerts.push(repeated.alerts[0]);
        assert_eq!(
            codes(&repeated),
            vec![("alerts".to_string(), "alerts.repeated".to_string())]
        );
        let ok =
            validate_prefs(&with("Alex@EXAMPLE.com ", "555.555.0142", true, true)).expect("valid");
        assert_eq!(ok.email, "Alex@example.com");
        assert_eq!(ok.phone, "(555) 555-0142");
        assert_eq!(ok.alerts.len(), AlertKind::ALL.len());
    }
}
