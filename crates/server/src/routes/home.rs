//! The member's home: the aggregate dashboard, alerts (computed here, read
//! state stored per user), notification preferences, family sharing consent
//! and the ID card as a PDF.

use super::plans::{current_accumulators, query_params};
use crate::auth::AuthUser;
use crate::db::{self, audit::Event, home as store, members, plans as plans_db};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::card_share::CardFile;
use crate::routes::client::ClientInfo;
use crate::routes::family::Family;
use crate::routes::family::{household_view, HouseholdView};
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use portal_domain::alerts::{
    self, preventive_codes, Alert, AlertCount, AlertFacts, AlertList, ClaimFact, MarkRead,
    PaymentFact, PersonFacts, PremiumBill,
};
use portal_domain::api::Relationship;
use portal_domain::estimate::Progress;
use portal_domain::family;
use portal_domain::home::{
    self as home, CoveredPerson, Dashboard, HiddenPerson, NotificationPrefs, Scope, SharePerson,
    ShareRequest, SharingStatus,
};
use portal_domain::plans::api::PersonProgress;
use portal_domain::plans::CoverageTier;
use portal_domain::ProblemDetails;

/// Most alert keys one mark-read request may carry.
pub const MAX_READ_KEYS: usize = 200;

fn member_invalid() -> ApiError {
    ApiError::field(
        "member",
        "member.invalid",
        "Choose a member of your household you may see, or all.",
    )
}

/// The ids the `member` scope covers (validated against what the caller may see).
fn scope_ids(view: &HouseholdView, raw: Option<&str>) -> ApiResult<(Scope, Vec<i64>)> {
    let q = query_params(raw, &["member"])?;
    let scope = Scope::parse(q.get("member").map(String::as_str)).ok_or_else(member_invalid)?;
    match scope {
        Scope::All => Ok((scope, view.visible.clone())),
        Scope::Member(id) if view.visible.contains(&id) => Ok((scope, vec![id])),
        Scope::Member(_) => Err(member_invalid()),
    }
}

fn is_subscriber(view: &HouseholdView, user: &AuthUser) -> bool {
    view.rows
        .iter()
        .any(|r| r.id == user.member_id && r.relationship == Relationship::Subscriber)
}

/// The household's premium bills (only the subscriber sees them), each with
/// the coverage tier it pays for, from everyone on the plan (as `/plans`
/// prices it).
async fn premium_bills(
    state: &AppState,
    user: &AuthUser,
    view: &HouseholdView,
) -> ApiResult<Vec<PremiumBill>> {
    if !is_subscriber(view, user) {
        return Ok(Vec::new());
    }
    let relationships: Vec<Relationship> = view.rows.iter().map(|r| r.relationship).collect();
    let tier = CoverageTier::of_household(&relationships);
    // From the ledger (as `/billing` shows them), oldest first: a
    // statement a processing payment covers counts as paid.
    let mut statements = super::billing::statements(state, user.household_id).await?;
    statements.reverse();
    Ok(statements
        .into_iter()
        .map(|s| PremiumBill {
            amount: s.amount,
            tier: Some(tier),
            due: s.due,
            paid: s.balance == portal_domain::Money::ZERO,
            grace_ends: s.grace_ends,
        })
        .collect())
}

/// The household's recent premium payments, for receipts and failures.
async fn payment_facts(state: &AppState, household_id: i64) -> ApiResult<Vec<PaymentFact>> {
    Ok(db::billing::payments(&state.db, household_id)
        .await?
        .iter()
        .map(|row| {
            let r = super::billing::receipt(row);
            PaymentFact {
                provider: row.purpose == "provider",
                transaction_id: r.transaction_id,
                amount: r.amount,
                method: r.method,
                status: r.status,
                made_on: r.made_on,
                posts_on: r.posts_on,
                failure: r.failure,
                autopay: r.autopay,
            }
        })
        .collect())
}

/// Everything the alerts need, then the alerts with this user's read state,
/// limited to the kinds the user wants in the portal.
/// Every alert of the caller, whatever the channels, with its read state.
async fn all_alerts(state: &AppState, family: &Family) -> ApiResult<Vec<Alert>> {
    let (user, view) = (&family.user, &family.view);
    let today = state.clock.today();
    let (_, plan, acc) = current_accumulators(state, family).await?;
    let sexes = store::sexes(&state.db, user.household_id).await?;
    let codes: Vec<&str> = preventive_codes().collect();
    let history = store::service_history(&state.db, user.household_id, &codes).await?;
    let people: Vec<PersonFacts> = view
        .visible_rows()
        .into_iter()
        .map(|r| PersonFacts {
            id: r.id,
            first_name: r.first_name.clone(),
            born: r.date_of_birth,
            sex: sexes.get(&r.id).copied(),
            history: history
                .iter()
                .filter(|(p, _, _)| *p == r.id)
                .map(|(_, code, day)| (code.clone(), *day))
                .collect(),
            progress: Progress::of(&plan.design, &acc, r.id, true),
        })
        .collect();
    let index = state.claims.household(&state.db, user.household_id).await?;
    let reasons = store::denial_reasons(&state.db, user.household_id).await?;
    let requests = store::info_requests(&state.db, user.household_id).await?;
    let claims = index
        .entries
        .iter()
        .map(|(c, _)| c)
        .filter(|c| view.visible.contains(&c.patient_id))
        .filter(|c| requests.contains_key(&c.id) || reasons.contains_key(&c.id))
        .map(|c| ClaimFact {
            id: c.id,
            claim_number: c.claim_number.clone(),
            patient_id: c.patient_id,
            status: c.status,
            status_date: c.status_date,
            service_start: c.service_start,
            provider: c.provider.name.clone(),
            denial_reason: reasons.get(&c.id).cloned(),
            info_request: requests.get(&c.id).cloned(),
        })
        .collect();
    let premiums = premium_bills(state, user, view).await?;
    let payments = if is_subscriber(view, user) {
        payment_facts(state, user.household_id).await?
    } else {
        Vec::new()
    };
    let (start, end) = state.config.enrollment_window(today);
    let facts = AlertFacts {
        premiums,
        payments,
        claims,
        people,
        enrollment_open_until: (start <= today && today <= end).then_some(end),
        year: today.year(),
    };
    let read = store::read_alerts(&state.db, user.user_id).await?;
    let mut computed = alerts::compute(&facts, today);
    for (thread, reference, message, at) in
        db::messages::unread_replies(&state.db, user.user_id).await?
    {
        let day = chrono::DateTime::<chrono::Utc>::from_timestamp(at, 0)
            .map_or(today, |t| t.date_naive());
        computed.push(alerts::message_reply(thread, &reference, message, day));
    }
    for export in db::exports::ready(&state.db, user.user_id, db::now()).await? {
        let ready = export
            .ready_at
            .and_then(|t| chrono::DateTime::<chrono::Utc>::from_timestamp(t, 0))
            .map_or(today, |t| t.date_naive());
        computed.push(alerts::data_export_ready(export.id, ready));
    }
    computed.extend(crate::routes::virtual_care::reminders(state, family, today).await?);
    alerts::sort(&mut computed);
    Ok(computed
        .into_iter()
        .map(|mut a| {
            a.read = read.contains(&a.key);
            a
        })
        .collect())
}

/// The caller's alerts shown in the portal (the kinds not turned off there).
async fn alerts_for(state: &AppState, family: &Family) -> ApiResult<Vec<Alert>> {
    let prefs = store::prefs(&state.db, family.user.user_id).await?;
    Ok(all_alerts(state, family)
        .await?
        .into_iter()
        .filter(|a| prefs.channels(a.kind).portal)
        .collect())
}

fn unread(items: &[Alert]) -> u32 {
    u32::try_from(items.iter().filter(|a| !a.read).count()).unwrap_or(u32::MAX)
}

/// Everything the home page draws, in one request: coverage, who is covered
/// and who is hidden (and why), progress, this year's totals, recent claims,
/// claims needing attention, spending by month and category, the next
/// premium and the unread alert count. `member` scopes it to one person.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "home",
    params(("member" = Option<String>, Query, description = "`all` (default) or an opaque member id")),
    responses((status = 200, body = Dashboard), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn dashboard(
    State(state): State<AppState>,
    family: Family,
    RawQuery(raw): RawQuery,
) -> ApiResult<Json<Dashboard>> {
    let user = &family.user;
    let today = state.clock.today();
    let view = &family.view;
    let (scope, ids) = scope_ids(view, raw.as_deref())?;
    let (h, plan, acc) = current_accumulators(&state, &family).await?;
    let viewer = view
        .rows
        .iter()
        .find(|r| r.id == user.member_id)
        .ok_or_else(ApiError::not_found)?;
    let card = members::id_card(&state.db, viewer, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let pcps = store::pcps(&state.db, user.household_id, today).await?;
    let pending = store::pending_pcps(&state.db, user.household_id, today).await?;
    let covered = view
        .visible_rows()
        .into_iter()
        .filter_map(|r| {
            let s = r.summary()?;
            Some(CoveredPerson {
                id: s.id,
                first_name: s.first_name,
                last_name: s.last_name,
                relationship: s.relationship,
                member_id: s.member_id,
                pcp: pcps.get(&r.id).cloned(),
                pcp_change: pending.iter().find(|c| c.member_id == r.id).cloned(),
            })
        })
        .collect();
    let hidden = view
        .hidden
        .iter()
        .map(|(r, reason)| HiddenPerson {
            relationship: r.relationship,
            reason: *reason,
            message: reason.message().into(),
        })
        .collect();
    let index = state.claims.household(&state.db, user.household_id).await?;
    // The people of the chosen scope (all of whom the caller may see).
    let people: Vec<(i64, String)> = h
        .people
        .iter()
        .filter(|p| ids.contains(&p.id))
        .map(|p| (p.id, p.first_name.clone()))
        .collect();
    let panels = home::claim_panels(index.entries.iter().map(|(c, _)| c), &people, today);
    let progress = people
        .iter()
        .map(|(id, name)| PersonProgress::of(&plan.design, &acc, *id, name, view.hidden.len()))
        .collect();
    let premium = premium_bills(&state, user, view)
        .await?
        .into_iter()
        .find(|b| !b.paid);
    let alerts = alerts_for(&state, &family).await?;
    Ok(Json(Dashboard {
        plan: card.plan,
        coverage_start: card.coverage_start,
        coverage_end: card.coverage_end,
        viewer: user.member_id,
        covered,
        hidden,
        scope: match scope {
            Scope::All => None,
            Scope::Member(id) => Some(id),
        },
        year: today.year(),
        out_of_network: plan.design.limits(false).is_some(),
        progress,
        totals: panels.totals,
        recent: panels.recent,
        attention: panels.attention,
        spending: panels.spending,
        premium,
        next_plan: plans_db::pending_change(&state.db, user.household_id).await?,
        unread_alerts: unread(&alerts),
    }))
}

/// The caller's alerts, most severe first, each with its read state.
#[utoipa::path(get, path = "/api/v1/alerts", tag = "home",
    responses((status = 200, body = AlertList), (status = 401, body = ProblemDetails)))]
pub async fn list(State(state): State<AppState>, family: Family) -> ApiResult<Json<AlertList>> {
    let items = alerts_for(&state, &family).await?;
    Ok(Json(AlertList {
        unread: unread(&items),
        items,
    }))
}

/// How many of the caller's alerts are unread (the header's count).
#[utoipa::path(get, path = "/api/v1/alerts/count", tag = "home",
    responses((status = 200, body = AlertCount), (status = 401, body = ProblemDetails)))]
pub async fn count(State(state): State<AppState>, family: Family) -> ApiResult<Json<AlertCount>> {
    let items = alerts_for(&state, &family).await?;
    Ok(Json(AlertCount {
        unread: unread(&items),
    }))
}

/// Marks alerts read (or unread, with `read: false`) for the caller; answers the new count.
#[utoipa::path(post, path = "/api/v1/alerts/read", tag = "home", request_body = MarkRead,
    responses((status = 200, body = AlertCount), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn mark_read(
    State(state): State<AppState>,
    family: Family,
    ApiJson(body): ApiJson<MarkRead>,
) -> ApiResult<Json<AlertCount>> {
    let user = &family.user;
    if body.keys.is_empty() || body.keys.len() > MAX_READ_KEYS {
        return Err(ApiError::field(
            "keys",
            "keys.count",
            format!("Give 1 to {MAX_READ_KEYS} alerts."),
        ));
    }
    let known = alerts_for(&state, &family).await?;
    if body.keys.iter().any(|k| !known.iter().any(|a| &a.key == k)) {
        return Err(ApiError::field(
            "keys",
            "keys.unknown",
            "One of these alerts is not one of yours.",
        ));
    }
    store::set_read(
        &state.db,
        user.user_id,
        &body.keys,
        body.read.unwrap_or(true),
        db::now(),
    )
    .await?;
    let items = alerts_for(&state, &family).await?;
    Ok(Json(AlertCount {
        unread: unread(&items),
    }))
}

/// The caller's notification preferences (defaults until saved).
#[utoipa::path(get, path = "/api/v1/notifications", tag = "home",
    responses((status = 200, body = NotificationPrefs), (status = 401, body = ProblemDetails)))]
pub async fn prefs(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<NotificationPrefs>> {
    Ok(Json(store::prefs(&state.db, user.user_id).await?))
}

/// Saves the caller's notification preferences (validated by `portal-domain`).
#[utoipa::path(put, path = "/api/v1/notifications", tag = "home", request_body = NotificationPrefs,
    responses((status = 200, body = NotificationPrefs), (status = 400, body = ProblemDetails, description = "Validation errors by field; errors.password (password.required, password.incorrect) when the email or phone changes"),
        (status = 401, body = ProblemDetails), (status = 423, body = ProblemDetails, description = "Too many wrong passwords: locked")))]
pub async fn save_prefs(
    State(state): State<AppState>,
    client: ClientInfo,
    family: Family,
    ApiJson(body): ApiJson<NotificationPrefs>,
) -> ApiResult<Json<NotificationPrefs>> {
    let user = &family.user;
    let valid = home::validate_prefs(&body).map_err(ApiError::validation)?;
    let now = db::now();
    let before = crate::db::security::contact(&state.db, user.user_id).await?;
    let after = (
        Some(valid.email.trim().to_string()).filter(|e| !e.is_empty()),
        portal_domain::account::UsPhone::parse(&valid.phone)
            .ok()
            .map(|p| p.e164()),
    );
    if before != after {
        // The contact on file is where recovery codes go: only with the password.
        crate::routes::two_step::check_password(&state, &user.into(), "password", &body.password)
            .await?;
    }
    let saved = store::save_prefs(&state.db, user.user_id, &valid, now).await?;
    // Texts only with the consent shown beside the choice, recorded once per
    // number and wording.
    if valid.alerts.iter().any(|a| a.channels.text) {
        if let Some(phone) = portal_domain::account::UsPhone::parse(&valid.phone)
            .ok()
            .map(|p| p.e164())
        {
            use portal_domain::delivery::{SMS_CONSENT_TEXT, SMS_CONSENT_VERSION};
            if !db::delivery::has_sms_consent(&state.db, user.user_id, &phone, SMS_CONSENT_VERSION)
                .await?
            {
                db::delivery::record_sms_consent(
                    &state.db,
                    user.user_id,
                    &phone,
                    SMS_CONSENT_VERSION,
                    SMS_CONSENT_TEXT,
                    now,
                    client.addr.as_deref(),
                )
                .await?;
            }
        }
    }
    // What is waiting now goes out at once on the channels just chosen.
    if let Err(e) = deliver_alerts(&state, &family).await {
        tracing::warn!(error = ?e, "could not queue alert messages");
    }
    if let Some(before) = saved {
        // Told at the old contact too, as for a change on /account.
        let after = crate::db::security::contact(&state.db, user.user_id).await?;
        crate::routes::account::notify_contacts(
            &state,
            user.user_id,
            &[before, after],
            crate::routes::account::Notice::ContactChanged,
        )
        .await;
        client
            .audit(&state.db, Some(user.user_id), Event::ContactChanged)
            .await;
    }
    Ok(Json(store::prefs(&state.db, user.user_id).await?))
}

/// Queues each unread alert of `user` on the channels their preferences
/// choose, once per alert and channel; returns how many messages were queued.
pub(crate) async fn deliver_alerts(state: &AppState, family: &Family) -> ApiResult<usize> {
    let user = &family.user;
    use portal_domain::delivery::{alert_message, due_deliveries, SendChannel};
    let prefs = store::prefs(&state.db, user.user_id).await?;
    if !prefs
        .alerts
        .iter()
        .any(|a| a.channels.email || a.channels.text)
    {
        return Ok(0);
    }
    let alerts: Vec<(String, portal_domain::alerts::AlertKind, bool)> = alerts_for(state, family)
        .await?
        .into_iter()
        .map(|a| (a.key, a.kind, a.read))
        .collect();
    let sent: std::collections::HashSet<(String, SendChannel)> =
        db::delivery::sent(&state.db, user.user_id)
            .await?
            .into_iter()
            .filter_map(|(key, channel)| {
                let channel = match channel.as_str() {
                    "email" => SendChannel::Email,
                    "text" => SendChannel::Text,
                    _ => return None,
                };
                Some((key, channel))
            })
            .collect();
    let phone = portal_domain::account::UsPhone::parse(&prefs.phone)
        .ok()
        .map(|p| p.e164());
    let now = db::now();
    let mut messages = Vec::new();
    for d in due_deliveries(&prefs, &alerts, &sent) {
        if !db::delivery::claim(&state.db, user.user_id, &d.key, d.channel.as_str(), now).await? {
            continue;
        }
        let (subject, email_body, sms_body) =
            alert_message(d.kind, &state.config.member_services_phone);
        let (email, phone) = match d.channel {
            SendChannel::Email => (Some(prefs.email.as_str()), None),
            SendChannel::Text => (None, phone.as_deref()),
        };
        messages.extend(crate::messaging::to_contacts(
            user.user_id,
            email,
            phone,
            &format!("alert:{}", d.kind.as_str()),
            &subject,
            &email_body,
            &sms_body,
        ));
    }
    state.outbox.queue(&state.db, &messages).await?;
    Ok(messages.len())
}

/// Sends what is due to every account that asked for alerts by email or
/// text (the background scan, every `--alert-scan-secs`).
pub async fn deliver_all_alerts(state: &AppState) -> ApiResult<usize> {
    let mut total = 0;
    for (user_id, username, member_id, household_id) in db::delivery::subscribers(&state.db).await?
    {
        let user = AuthUser {
            user_id,
            username,
            member_id,
            household_id,
            token_hash: String::new(),
            last_seen_at: 0,
            expires_at: 0,
        };
        total += deliver_alerts(state, &Family::of(state, user).await?).await?;
    }
    Ok(total)
}

/// Read fresh (not from the request's [`Family`]): it answers a change of
/// consent with the state after it.
async fn sharing_status(state: &AppState, user: &AuthUser) -> ApiResult<SharingStatus> {
    let today = state.clock.today();
    let view = &household_view(state, user).await?;
    let consents = store::consents(&state.db, user.household_id).await?;
    let me = view
        .rows
        .iter()
        .find(|r| r.id == user.member_id)
        .map(members::MemberRow::person);
    let people = view
        .rows
        .iter()
        .filter_map(|r| {
            let (me, other) = (me.as_ref()?, r.person());
            let shared = consents.contains(&(user.member_id, r.id));
            (shared || family::can_share_with(me, &other, today)).then(|| SharePerson {
                member: r.id,
                first_name: r.first_name.clone(),
                relationship: other.relationship,
                shared,
            })
        })
        .collect();
    Ok(SharingStatus { people })
}

/// Whom the caller may share their health information with, and with whom they do.
#[utoipa::path(get, path = "/api/v1/family/sharing", tag = "home",
    responses((status = 200, body = SharingStatus), (status = 401, body = ProblemDetails)))]
pub async fn sharing(
    State(state): State<AppState>,
    user: AuthUser,
) -> ApiResult<Json<SharingStatus>> {
    Ok(Json(sharing_status(&state, &user).await?))
}

/// Records or withdraws the caller's consent to share with one household member.
#[utoipa::path(put, path = "/api/v1/family/sharing", tag = "home", request_body = ShareRequest,
    responses((status = 200, body = SharingStatus), (status = 400, body = ProblemDetails), (status = 401, body = ProblemDetails)))]
pub async fn set_sharing(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<ShareRequest>,
) -> ApiResult<Json<SharingStatus>> {
    let status = sharing_status(&state, &user).await?;
    if !status.people.iter().any(|p| p.member == body.member) {
        return Err(ApiError::field(
            "member",
            "member.invalid",
            "Choose someone in your household you can share with.",
        ));
    }
    store::set_consent(
        &state.db,
        user.member_id,
        body.member,
        body.share,
        db::now(),
    )
    .await?;
    Ok(Json(sharing_status(&state, &user).await?))
}

/// A visible member's ID card as a two-page, card-sized PDF (front, back).
#[utoipa::path(get, path = "/api/v1/members/{id}/card.pdf", tag = "coverage",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "application/pdf", description = "The card"), (status = 404, body = ProblemDetails)))]
pub async fn card_pdf(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    card_file(&state, &family, id, CardFile::Pdf).await
}

/// A visible member's ID card as one PNG image, front above back (to save
/// on a phone or send to a provider's office).
#[utoipa::path(get, path = "/api/v1/members/{id}/card.png", tag = "coverage",
    params(("id" = i64, Path)),
    responses((status = 200, content_type = "image/png", description = "The card"), (status = 404, body = ProblemDetails)))]
pub async fn card_png(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    card_file(&state, &family, id, CardFile::Png).await
}

async fn card_file(
    state: &AppState,
    family: &Family,
    id: i64,
    format: CardFile,
) -> ApiResult<Response> {
    let member = family
        .view
        .visible_rows()
        .into_iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let card = members::id_card(&state.db, &member, state.clock.today())
        .await?
        .ok_or_else(ApiError::not_found)?;
    let bytes = format.render(&card)?;
    Ok((
        StatusCode::OK,
        [
            (CONTENT_TYPE, format.content_type().to_string()),
            (
                CONTENT_DISPOSITION,
                // The file name carries no personal information.
                format!(
                    "attachment; filename=\"id-card-{}.{}\"",
                    card.member.member_id.suffix(),
                    format.extension()
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}
