//! `/`: where the member stands at a glance, from one request
//! (`GET /api/v1/dashboard`): coverage, progress toward the deductible and
//! out-of-pocket maximum, this year's claims totals, recent claims, claims
//! needing attention, the spending picture and quick links. The family
//! switcher scopes it to one person (`?member=<id>`, kept in the URL).

use super::charts::SpendingPicture;
use crate::api;
use crate::browser::long_date;
use crate::components::{later, StatusBadge, Term};
use crate::pages::claims::money;
use crate::pages::{load_error, loading};
use crate::state::remote::remote;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use portal_domain::alerts::PremiumBill;
use portal_domain::claims::ClaimSummary;
use portal_domain::estimate::Progress;
use portal_domain::home::{Dashboard, Scope};
use portal_domain::routes::{claim_href, with_query, Page};
use portal_domain::Money;

/// The scope in the URL (`member=`); anything unreadable means everyone.
pub(crate) fn url_scope() -> Memo<Scope> {
    let query = use_query_map();
    Memo::new(move |_| {
        query.with(|q| Scope::parse(q.get("member").as_deref()).unwrap_or(Scope::All))
    })
}

/// The home page: greeting, family switcher and the scoped dashboard.
#[component]
pub fn DashboardPage() -> impl IntoView {
    crate::pages::page("Home");
    let session = use_session();
    let scope = url_scope();
    let name = move || {
        session
            .me()
            .and_then(|me| me.member.map(|m| m.first_name))
            .unwrap_or_default()
    };
    view! {
        <h1>"Welcome, " {name}</h1>
        {move || {
            let scope = scope.get();
            view! { <DashboardBody scope=scope /> }
        }}
    }
}

/// The dashboard for one scope (re-created when the scope changes).
#[component]
fn DashboardBody(
    /// Whose information: everyone visible, or one member.
    scope: Scope,
) -> impl IntoView {
    let session = use_session();
    let (data, retry) = remote(move || api::home::dashboard(scope));
    move || match data.get() {
        None => loading("Loading your dashboard…"),
        Some(Ok(d)) => overview(d).into_any(),
        Some(Err(e)) => load_error(session, "We couldn't load your dashboard", &e, retry),
    }
}

/// The `member=` value of a scope for links (`all` or the id).
fn scope_param(scope: Option<i64>) -> String {
    scope.map(|m| m.to_string()).unwrap_or_else(|| "all".into())
}

fn overview(d: Dashboard) -> impl IntoView {
    let scope = d.scope;
    let who = scope
        .and_then(|id| d.covered.iter().find(|p| p.id == id))
        .map(|p| p.first_name.clone());
    let claims_href = match scope {
        Some(id) => with_query(Page::Claims.href(), &format!("range=this_year&member={id}")),
        None => with_query(Page::Claims.href(), "range=this_year"),
    };
    let estimate_href = match scope {
        Some(id) => with_query(Page::Estimate.href(), &format!("member={id}")),
        None => Page::Estimate.href().to_string(),
    };
    // What the parts drawn later show (each keeps its own copy).
    let totals = d.clone();
    let (recent, attention, several) = (d.recent.clone(), d.attention.clone(), d.covered.len() > 1);
    let spending = d.spending.clone();
    let links_claims_href = claims_href.clone();
    view! {
        {switcher(&d)}
        {hidden_notice(&d)}
        {d.premium.clone().map(|p| premium_panel(p, d.plan.name.clone()))}
        {d.next_plan.clone().map(|c| view! {
            <p class="panel panel--info next-plan">
                <strong>"Plan change: "</strong>
                {format!("your plan changes to {} on {}.", c.plan_name, long_date(c.effective))}
                " " <a href=Page::Plans.href()>"See plans"</a>
            </p>
        })}
        <div class="home-grid">
            {coverage_panel(&d)}
            {progress_panel(&d, who.clone())}
        </div>
        // Below the first screen, each part in a task of its own.
        {later(move || totals_panel(&totals, who.clone(), claims_href.clone()))}
        {later(move || view! {
            <div class="home-grid">
                {claims_panel("recent-heading", "Recent claims", "No claims yet.", recent.clone(), several)}
                {claims_panel("attention-heading", "Claims needing attention", "Nothing needs your attention: no denied claims or appeals.", attention.clone(), several)}
            </div>
        })}
        {later(move || view! {
            <SpendingPicture spending=spending.clone() />
            <section class="panel" aria-labelledby="links-heading">
                <h2 id="links-heading" class="panel__title">"Quick links"</h2>
                <ul class="quick-links">
                    <li><a href=estimate_href.clone()>"Estimate a cost"</a></li>
                    <li><a href=Page::Plans.href()>"Compare plans"</a></li>
                    <li><a href=Page::IdCards.href()>"ID cards"</a></li>
                    <li><a href=links_claims_href.clone()>"This year's claims"</a></li>
                    <li><a href=Page::Alerts.href()>"Alerts"</a></li>
                    <li><a href=Page::Notifications.href()>"Notification settings"</a></li>
                </ul>
            </section>
        })}
    }
}

/// "Show information for": links that scope the page (kept in the URL).
fn switcher(d: &Dashboard) -> Option<impl IntoView> {
    if d.covered.len() < 2 {
        return None;
    }
    let current = d.scope;
    let mut options = vec![(None, "Everyone".to_string())];
    options.extend(d.covered.iter().map(|p| (Some(p.id), p.first_name.clone())));
    Some(view! {
        <nav class="switcher" aria-label="Show information for">
            <span class="switcher__label" aria-hidden="true">"Show information for:"</span>
            <ul>
                {options
                    .into_iter()
                    .map(|(id, label)| {
                        let href = with_query(Page::Dashboard.href(), &format!("member={}", scope_param(id)));
                        let here = id == current;
                        view! {
                            <li>
                                <a
                                    href=href
                                    class="switcher__option"
                                    aria-current=here.then_some("page")
                                >
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    })
}

/// Why some people on the plan are not shown.
fn hidden_notice(d: &Dashboard) -> Option<impl IntoView> {
    if d.hidden.is_empty() {
        return None;
    }
    let count = d.hidden.len();
    Some(view! {
        <section class="panel panel--info hidden-people" aria-labelledby="hidden-heading">
            <h2 id="hidden-heading" class="panel__title">
                {if count == 1 {
                    "1 person on your plan is not shown".to_string()
                } else {
                    format!("{count} people on your plan are not shown")
                }}
            </h2>
            <ul>
                {d.hidden
                    .iter()
                    .map(|h| {
                        view! {
                            <li>
                                <strong>{h.relationship.label()} ": "</strong>
                                {h.message.clone()}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    })
}

fn premium_panel(p: PremiumBill, plan: String) -> impl IntoView {
    let overdue = p.overdue(crate::browser::today());
    view! {
        <section
            id="premium"
            class=if overdue { "panel panel--error premium" } else { "panel premium" }
            aria-labelledby="premium-heading"
        >
            <h2 id="premium-heading" class="panel__title">
                {if overdue { "Premium overdue" } else { "Next premium" }}
            </h2>
            <p data-testid="premium-bill">
                {if overdue { "⚠ Overdue: " } else { "" }}
                {format!(
                    "{}{} {} {}.",
                    money(p.amount),
                    p.covers(),
                    if overdue { "was due on" } else { "is due on" },
                    long_date(p.due),
                )}
                {if overdue { " Pay it soon to keep your coverage." } else { "" }}
            </p>
            <p>
                <a class=if overdue { "button button--primary" } else { "button button--secondary" } href=Page::PayPremium.href()>
                    "Pay your premium"
                </a>
                " "
                <a href=Page::Billing.href()>"See statements and autopay"</a>
            </p>
            <p class="premium__note">
                "This is your household's monthly premium for " {plan} ", the figure "
                <a href=Page::Plans.href()>"Plans"</a>
                " shows for your coverage."
            </p>
        </section>
    }
}

fn coverage_panel(d: &Dashboard) -> impl IntoView {
    let plan = d.plan.clone();
    let period = format!(
        "{} to {}",
        long_date(d.coverage_start),
        long_date(d.coverage_end)
    );
    view! {
        <section class="panel" aria-labelledby="coverage-heading">
            <h2 id="coverage-heading" class="panel__title">"Your coverage"</h2>
            <dl class="facts">
                <div><dt>"Plan"</dt><dd>{plan.name}</dd></div>
                <div><dt>"Type"</dt><dd>{plan.plan_type}</dd></div>
                <div><dt>"Coverage period"</dt><dd>{period}</dd></div>
                <div><dt>"Network"</dt><dd>{plan.network}</dd></div>
            </dl>
            <h3>"Who is covered"</h3>
            <ul class="household">
                {d.covered
                    .iter()
                    .map(|m| {
                        let pcp = m.pcp.clone().map(|p| view! {
                            <span class="household__meta">"Primary care: " {p.name} " · " {p.phone}</span>
                        });
                        let pcp_change = m.pcp_change.clone().map(|c| view! {
                            <span class="household__meta">
                                {format!("New primary care from {}: {}", crate::browser::long_date(c.effective), c.name)}
                            </span>
                        });
                        view! {
                            <li class="household__member">
                                <span class="household__name">{format!("{} {}", m.first_name, m.last_name)}</span>
                                <span class="household__meta">
                                    {m.relationship.label()} " · Member ID "
                                    <span class="mono">{m.member_id.printed()}</span>
                                </span>
                                {pcp}
                                {pcp_change}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// One accessible progress bar with its visible text ("$850 of $1,500 met"),
/// named by `owner` (the person's heading id, if any) and its label.
pub(crate) fn bar(
    id: String,
    owner: Option<String>,
    label: String,
    met: Money,
    limit: Money,
) -> impl IntoView {
    let shown = met.min(limit).clamp_non_negative();
    // Hundredths of a percent, so the drawn width matches the figure to the
    // pixel (integers: float formatting would cost bundle size).
    let basis_points = if limit.cents() > 0 {
        shown.cents().saturating_mul(10_000) / limit.cents()
    } else {
        0
    };
    let width = format!("{}.{:02}%", basis_points / 100, basis_points % 100);
    let text = format!("{} of {} met", money(shown), money(limit));
    let label_id = format!("{id}-label");
    let named_by = match owner {
        Some(o) => format!("{o} {label_id}"),
        None => label_id.clone(),
    };
    view! {
        <div class="meter">
            <div class="meter__head">
                <span id=label_id.clone() class="meter__label">{label}</span>
                <span class="meter__text">{text.clone()}</span>
            </div>
            <div
                class="meter__track"
                role="progressbar"
                aria-labelledby=named_by
                aria-valuemin="0"
                aria-valuemax=limit.cents().to_string()
                aria-valuenow=shown.cents().to_string()
                aria-valuetext=text
            >
                // The width is set through the CSSOM (`style:`), which the
                // Content-Security-Policy allows; an inline style attribute
                // would be blocked and the bar drawn full.
                <div class="meter__fill" style:width=width></div>
            </div>
        </div>
    }
}

fn person_bars(key: String, owner: String, p: &Progress, network: &str) -> impl IntoView {
    view! {
        {bar(format!("{key}-ded"), Some(owner.clone()), format!("Deductible ({network})"), p.deductible_met, p.deductible)}
        {bar(format!("{key}-oop"), Some(owner), format!("Out-of-pocket maximum ({network})"), p.oop_met, p.oop_max)}
    }
}

fn progress_panel(d: &Dashboard, who: Option<String>) -> impl IntoView {
    let words = view! {
        <p class="help-note term-line">
            "What these mean: " <Term slug="deductible">"deductible"</Term> ", "
            <Term slug="out-of-pocket-maximum-limit">"out-of-pocket maximum"</Term> ", "
            <Term slug="network">"network"</Term>
        </p>
    };
    let year = d.year;
    let oon = d.out_of_network;
    let family = d.progress.first().map(|p| p.in_network);
    let family_oon = d.progress.first().map(|p| p.out_of_network);
    view! {
        <section class="panel" aria-labelledby="progress-heading">
            <h2 id="progress-heading" class="panel__title">
                {format!("Progress in {year}")}
                {who.map(|w| format!(": {w}"))}
            </h2>
            {words}
            {d.progress
                .iter()
                .map(|p| {
                    let key = format!("m{}", p.member);
                    let owner = format!("{key}-name");
                    view! {
                        <h3 class="meter-group" id=owner.clone()>{p.first_name.clone()}</h3>
                        {person_bars(key.clone(), owner.clone(), &p.in_network, "in network")}
                        {oon.then(|| person_bars(format!("{key}-out"), owner.clone(), &p.out_of_network, "out of network"))}
                    }
                })
                .collect_view()}
            {family.filter(|f| f.family_deductible > f.deductible && f.family_withheld).map(|f| view! {
                <h3 class="meter-group">"Family"</h3>
                <p class="withheld-note">
                    {format!(
                        "Family totals aren't shown: one person in your household doesn't share their information with you, and the family total would reveal what they spent. Your family's in-network deductible is {} and out-of-pocket maximum {}.",
                        money(f.family_deductible),
                        money(f.family_oop_max),
                    )}
                </p>
            })}
            {family.filter(|f| f.family_deductible > f.deductible && !f.family_withheld).map(|f| view! {
                <h3 class="meter-group">"Family"</h3>
                {bar("fam-ded".into(), None, "Family deductible (in network)".into(), f.family_deductible_met, f.family_deductible)}
                {bar("fam-oop".into(), None, "Family out-of-pocket maximum (in network)".into(), f.family_oop_met, f.family_oop_max)}
                {family_oon.filter(|_| oon).map(|o| view! {
                    {bar("fam-ded-out".into(), None, "Family deductible (out of network)".into(), o.family_deductible_met, o.family_deductible)}
                    {bar("fam-oop-out".into(), None, "Family out-of-pocket maximum (out of network)".into(), o.family_oop_met, o.family_oop_max)}
                })}
            })}
        </section>
    }
}

fn totals_panel(d: &Dashboard, who: Option<String>, href: String) -> impl IntoView {
    let t = d.totals;
    let whose = who.unwrap_or_else(|| "your household".into());
    view! {
        <section class="panel" aria-labelledby="totals-heading">
            <h2 id="totals-heading" class="panel__title">{format!("Claims this year ({})", d.year)}</h2>
            <dl class="facts facts--row" data-testid="year-totals">
                <div><dt>"Claims"</dt><dd data-testid="totals-claims">{t.claims}</dd></div>
                <div><dt>"Deductible paid"</dt><dd data-testid="totals-deductible">{money(t.deductible)}</dd></div>
                <div><dt>"Not covered"</dt><dd data-testid="totals-not-covered">{money(t.not_covered)}</dd></div>
                <div><dt>"Your share of costs"</dt><dd data-testid="totals-owed">{money(t.member_owes)}</dd></div>
            </dl>
            <p><a href=href>{format!("See this year's claims for {whose}")}</a></p>
        </section>
    }
}

fn claims_panel(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    claims: Vec<ClaimSummary>,
    show_patient: bool,
) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby=id>
            <h2 id=id class="panel__title">{title}</h2>
            {if claims.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="claim-list">
                        {claims
                            .into_iter()
                            .map(|c| {
                                let href = claim_href(c.id);
                                let who = show_patient.then(|| format!("{} · ", c.patient_name));
                                view! {
                                    <li class="claim-list__item">
                                        <a href=href class="claim-list__link">
                                            {format!("{} · {}", long_date(c.service_start), c.provider.name)}
                                        </a>
                                        <span class="claim-list__meta">
                                            {who}
                                            {c.category.label()} " · You owe " {money(c.amounts.member_owes)}
                                            " "
                                        </span>
                                        <StatusBadge status=c.status />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}
