//! OAuth 2.0 for connected apps (SMART App Launch, standalone, public or
//! confidential clients, PKCE S256 required): `/oauth/authorize` starts an
//! app's request and sends the browser to the consent screen
//! (`/authorize?request=…`), the member answers through
//! `/api/v1/oauth/requests/{id}`, and the app exchanges its code and
//! refresh tokens at `/oauth/token`. Connected apps are listed and
//! disconnected under `/api/v1/account/connected-apps`.

use crate::auth::session::{hash_secret, new_token};
use crate::auth::AuthUser;
use crate::db::{self, apps, audit};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::client::ClientInfo;
use crate::routes::family::Family;
use crate::smart;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, LOCATION, PRAGMA};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use portal_domain::api::Relationship;
use portal_domain::data_access::{
    describe_scopes, parse_scopes, scope_value, AppInfo, ConnectedApp, ConsentDecision,
    ConsentOutcome, ConsentRequest, PatientChoice, Scope,
};
use portal_domain::family::age_on;
use portal_domain::routes::{with_query, Page};
use portal_domain::ProblemDetails;
use serde::Deserialize;
use serde_json::json;

/// `/oauth/authorize`'s parameters (all optional here: each is checked).
#[derive(Debug, Default, Deserialize)]
pub struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    aud: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
}

/// A page for an error that must not go back to the app (unknown app or
/// redirect address: sending the browser there could hand it to anyone).
fn error_page(message: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>This app cannot connect - Evergreen Health</title></head><body><main>\
         <h1>This app cannot connect to your plan data</h1><p>{}</p>\
         <p>Nothing was shared. Go back to the app, or contact its developer.</p>\
         <p><a href=\"{}\">Go to your member portal</a></p></main></body></html>",
        escape(message),
        Page::Dashboard.href()
    );
    (
        StatusCode::BAD_REQUEST,
        [(CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `uri` with OAuth answer parameters added to its query.
fn with_params(uri: &str, params: &[(&str, &str)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        q.append_pair(k, v);
    }
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{}", q.finish())
}

fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.to_string())]).into_response()
}

/// `GET /oauth/authorize`: checks the app's request and sends the browser to
/// the consent screen. An unknown app or redirect address gets an error
/// page; any other error goes back to the app (RFC 6749 section 4.1.2.1).
pub async fn authorize(
    State(state): State<AppState>,
    Query(q): Query<AuthorizeQuery>,
) -> ApiResult<Response> {
    let Some(client_id) = q.client_id.as_deref() else {
        return Ok(error_page(
            "The app did not say who it is (client_id is missing).",
        ));
    };
    let Some(client) = apps::client(&state.db, client_id).await? else {
        return Ok(error_page(
            "This app is not registered with Evergreen Health.",
        ));
    };
    let Some(redirect_uri) = q
        .redirect_uri
        .as_deref()
        .filter(|u| client.allows_redirect(u))
    else {
        return Ok(error_page(
            "The app asked to be sent back to an address it did not register with Evergreen Health.",
        ));
    };
    let back = |error: &str, description: &str| {
        let mut p = vec![("error", error), ("error_description", description)];
        if let Some(s) = q.state.as_deref() {
            p.push(("state", s));
        }
        Ok(redirect(&with_params(redirect_uri, &p)))
    };
    if q.response_type.as_deref() != Some("code") {
        return back(
            "unsupported_response_type",
            "Only response_type=code is supported.",
        );
    }
    let challenge = q.code_challenge.as_deref().unwrap_or_default();
    if q.code_challenge_method.as_deref() != Some("S256") || !smart::challenge_ok(challenge) {
        return back(
            "invalid_request",
            "PKCE is required: send code_challenge (43 characters) with code_challenge_method=S256.",
        );
    }
    let base = smart::fhir_base(&state);
    if q.aud.as_deref().map(|a| a.trim_end_matches('/')) != Some(base.as_str()) {
        return back(
            "invalid_request",
            "aud must be this server's FHIR base URL.",
        );
    }
    let scopes = match parse_scopes(q.scope.as_deref().unwrap_or_default()) {
        Ok(s) => s,
        Err(e) => return back("invalid_scope", e.message()),
    };
    let id = new_token();
    apps::create_request(
        &state.db,
        &apps::NewRequest {
            id_hash: &hash_secret(&id),
            client_row: client.id,
            redirect_uri,
            scope: &scope_value(&scopes),
            state: q.state.as_deref(),
            code_challenge: challenge,
        },
        db::now(),
        smart::REQUEST_TTL_SECS,
    )
    .await?;
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("request", &id)
        .finish();
    Ok(redirect(&with_query(Page::ConnectApp.href(), &query)))
}

fn app_info(c: &apps::ClientRow) -> AppInfo {
    AppInfo {
        name: c.name.clone(),
        developer: c.developer.clone(),
        website: c.website.clone(),
        privacy_policy: c.privacy_policy.clone(),
    }
}

/// The household members whose record the caller may give an app: the
/// caller, and children under 18 the family rule lets them see (a parent
/// acts for a minor; an adult connects their own apps).
fn patients(family: &Family, today: chrono::NaiveDate) -> Vec<PatientChoice> {
    family
        .view
        .visible_rows()
        .into_iter()
        .filter(|r| {
            r.id == family.user.member_id
                || (r.relationship == Relationship::Child && age_on(r.date_of_birth, today) < 18)
        })
        .map(|r| PatientChoice {
            id: r.id,
            name: format!("{} {}", r.first_name, r.last_name),
        })
        .collect()
}

fn request_gone() -> ApiError {
    ApiError::problem(
        portal_domain::problem::types::NOT_FOUND,
        "This request has ended",
        StatusCode::NOT_FOUND,
        "The app's request was answered already or is more than 10 minutes old. Go back to the app and start again.",
    )
}

/// The consent screen's content for a pending request.
#[utoipa::path(get, path = "/api/v1/oauth/requests/{id}", tag = "connected apps",
    params(("id" = String, Path, description = "The request id from /authorize?request=")),
    responses((status = 200, body = ConsentRequest), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn consent_request(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Json<ConsentRequest>> {
    let r = apps::open_request(&state.db, &hash_secret(&id), db::now())
        .await?
        .ok_or_else(request_gone)?;
    let client = apps::client_by_id(&state.db, r.client_row)
        .await?
        .ok_or_else(request_gone)?;
    let scopes = parse_scopes(&r.scope).unwrap_or_default();
    Ok(Json(ConsentRequest {
        id,
        app: app_info(&client),
        redirect_host: host_of(&r.redirect_uri),
        reads: describe_scopes(&scopes),
        stays_connected: scopes.contains(&Scope::OfflineAccess),
        patients: patients(&family, state.clock.today()),
        expires_at: r.expires_at,
    }))
}

/// `scheme://host[:port]` of a URI, for "you will be sent back to …".
fn host_of(uri: &str) -> String {
    let after = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let host = after.split(['/', '?', '#']).next().unwrap_or(after);
    let scheme = uri.split_once("://").map_or("https", |(s, _)| s);
    format!("{scheme}://{host}")
}

/// The member agrees or declines; the answer says where the browser goes.
#[utoipa::path(post, path = "/api/v1/oauth/requests/{id}/decision", tag = "connected apps",
    params(("id" = String, Path)), request_body = ConsentDecision,
    responses((status = 200, body = ConsentOutcome), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn decide(
    State(state): State<AppState>,
    client: ClientInfo,
    family: Family,
    ApiPath(id): ApiPath<String>,
    ApiJson(body): ApiJson<ConsentDecision>,
) -> ApiResult<Json<ConsentOutcome>> {
    let now = db::now();
    let id_hash = hash_secret(&id);
    // Check the patient before using up the request, so a wrong choice can be corrected.
    let patient = body.patient_id.unwrap_or(family.user.member_id);
    if body.approve
        && !patients(&family, state.clock.today())
            .iter()
            .any(|p| p.id == patient)
    {
        return Err(ApiError::field(
            "patient_id",
            "patient_id.invalid",
            "Choose yourself or a child under 18 on your plan whose information you can see.",
        ));
    }
    let r = apps::decide_request(&state.db, &id_hash, now)
        .await?
        .ok_or_else(request_gone)?;
    let mut params: Vec<(&str, String)> = Vec::new();
    if body.approve {
        let code = new_token();
        let grant = apps::create_grant(
            &state.db,
            &apps::NewGrant {
                client_row: r.client_row,
                user_id: family.user.user_id,
                household_id: family.user.household_id,
                patient_member_id: patient,
                scope: &r.scope,
                code_hash: &hash_secret(&code),
                redirect_uri: &r.redirect_uri,
                code_challenge: &r.code_challenge,
            },
            now,
            i64::try_from(state.config.oauth_code_ttl_secs).unwrap_or(60),
        )
        .await?;
        let app = apps::client_by_id(&state.db, r.client_row).await?;
        audit::record_detail(
            &state.db,
            Some(family.user.user_id),
            audit::Event::AppConnected,
            &format!(
                "grant={grant} client={} scope={}",
                app.map(|a| a.client_id).unwrap_or_default(),
                r.scope
            ),
            now,
            client.addr.as_deref(),
            client.user_agent.as_deref(),
        )
        .await;
        params.push(("code", code));
    } else {
        params.push(("error", "access_denied".into()));
        params.push((
            "error_description",
            "The member did not allow access.".into(),
        ));
    }
    if let Some(s) = r.state {
        params.push(("state", s));
    }
    let pairs: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Ok(Json(ConsentOutcome {
        redirect_to: with_params(&r.redirect_uri, &pairs),
    }))
}

/// `/oauth/token`'s form.
#[derive(Debug, Default, Deserialize)]
pub struct TokenForm {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

/// An OAuth error answer (RFC 6749 section 5.2).
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
        Json(json!({ "error": error, "error_description": description })),
    )
        .into_response()
}

fn invalid_grant(description: &str) -> Response {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

/// The client named by HTTP Basic or the form, authenticated if it has a
/// secret.
async fn token_client(
    state: &AppState,
    headers: &HeaderMap,
    form: &TokenForm,
) -> Result<apps::ClientRow, Response> {
    let basic = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
        .and_then(|b| {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.decode(b).ok()
        })
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|s| {
            s.split_once(':').map(|(id, secret)| {
                let decode = |x: &str| {
                    form_urlencoded::parse(format!("x={x}").as_bytes())
                        .next()
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_default()
                };
                (decode(id), decode(secret))
            })
        });
    let (id, secret) = match (&basic, &form.client_id) {
        (Some((id, secret)), _) => (id.clone(), Some(secret.clone())),
        (None, Some(id)) => (id.clone(), form.client_secret.clone()),
        (None, None) => {
            return Err(oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Send client_id (and the client secret, for a confidential app).",
            ))
        }
    };
    let bad_client = || {
        oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Unknown app or wrong client secret.",
        )
    };
    let client = match apps::client(&state.db, &id).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(bad_client()),
        Err(e) => return Err(ApiError::from(e).into_response()),
    };
    match (&client.secret_hash, secret) {
        (None, _) => Ok(client),
        (Some(h), Some(s)) if *h == hash_secret(&s) => Ok(client),
        _ => Err(bad_client()),
    }
}

/// Revokes a grant after a replayed code or refresh token (RFC 6749
/// section 4.1.2; OAuth security BCP section 4.14).
async fn revoke_replayed(state: &AppState, grant_id: i64) {
    let now = db::now();
    if let Ok(Some(g)) = apps::active_grant(&state.db, grant_id).await {
        if apps::revoke_grant(&state.db, grant_id, None, now)
            .await
            .unwrap_or(false)
        {
            audit::record_detail(
                &state.db,
                Some(g.user_id),
                audit::Event::AppDisconnected,
                &format!("grant={grant_id} client={} reason=replay", g.client_id),
                now,
                None,
                None,
            )
            .await;
        }
    }
}

/// `POST /oauth/token`: an authorization code or refresh token for an
/// access token (and a new refresh token, when `offline_access` was granted).
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    match token_inner(&state, &headers, &form).await {
        Ok(r) | Err(r) => r,
    }
}

async fn token_inner(
    state: &AppState,
    headers: &HeaderMap,
    form: &TokenForm,
) -> Result<Response, Response> {
    let client = token_client(state, headers, form).await?;
    let now = db::now();
    let internal = |e: sqlx::Error| ApiError::from(e).into_response();
    let grant_id = match form.grant_type.as_deref() {
        Some("authorization_code") => {
            let code = form.code.as_deref().unwrap_or_default();
            let row = match apps::redeem_code(&state.db, &hash_secret(code), now)
                .await
                .map_err(internal)?
            {
                apps::Redeemed::Fresh(r) => r,
                apps::Redeemed::Reused(grant) => {
                    revoke_replayed(state, grant).await;
                    return Err(invalid_grant(
                        "This code was used already; the app's access has been revoked.",
                    ));
                }
                apps::Redeemed::Invalid => {
                    return Err(invalid_grant("Unknown or expired authorization code."))
                }
            };
            let grant = apps::active_grant(&state.db, row.grant_id)
                .await
                .map_err(internal)?
                .filter(|g| g.client_row == client.id)
                .ok_or_else(|| invalid_grant("This code was not issued to this app."))?;
            if form.redirect_uri.as_deref() != Some(row.redirect_uri.as_str()) {
                return Err(invalid_grant(
                    "redirect_uri must be the one sent to /oauth/authorize.",
                ));
            }
            if !smart::pkce_matches(
                form.code_verifier.as_deref().unwrap_or_default(),
                &row.code_challenge,
            ) {
                return Err(invalid_grant(
                    "code_verifier does not match the code_challenge.",
                ));
            }
            grant.id
        }
        Some("refresh_token") => {
            let token = form.refresh_token.as_deref().unwrap_or_default();
            let grant = match apps::redeem_refresh(&state.db, &hash_secret(token), now)
                .await
                .map_err(internal)?
            {
                apps::Redeemed::Fresh(g) => g,
                apps::Redeemed::Reused(grant) => {
                    revoke_replayed(state, grant).await;
                    return Err(invalid_grant(
                        "This refresh token was used already; the app's access has been revoked.",
                    ));
                }
                apps::Redeemed::Invalid => {
                    return Err(invalid_grant("Unknown, expired or revoked refresh token."))
                }
            };
            let g = apps::active_grant(&state.db, grant)
                .await
                .map_err(internal)?
                .filter(|g| g.client_row == client.id)
                .ok_or_else(|| invalid_grant("This refresh token was not issued to this app."))?;
            g.id
        }
        _ => {
            return Err(oauth_error(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "Use grant_type=authorization_code or refresh_token.",
            ))
        }
    };
    let grant = apps::active_grant(&state.db, grant_id)
        .await
        .map_err(internal)?
        .ok_or_else(|| invalid_grant("The member disconnected this app."))?;
    let access = smart::access_token(state, &grant)
        .await
        .map_err(|e| ApiError::Internal(e).into_response())?;
    let scopes = parse_scopes(&grant.scope).unwrap_or_default();
    let mut body = json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": state.config.oauth_access_ttl_secs,
        "scope": grant.scope,
        "patient": crate::fhir::patient_id(grant.patient_member_id),
    });
    if scopes.contains(&Scope::OfflineAccess) {
        let refresh = new_token();
        apps::add_refresh(
            &state.db,
            grant.id,
            &hash_secret(&refresh),
            now,
            smart::REFRESH_TTL_SECS,
        )
        .await
        .map_err(internal)?;
        body["refresh_token"] = json!(refresh);
    }
    Ok((
        StatusCode::OK,
        [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
        Json(body),
    )
        .into_response())
}

/// The caller's connected apps.
#[utoipa::path(get, path = "/api/v1/account/connected-apps", tag = "connected apps",
    responses((status = 200, body = Vec<ConnectedApp>), (status = 401, body = ProblemDetails)))]
pub async fn connected_apps(
    State(state): State<AppState>,
    family: Family,
) -> ApiResult<Json<Vec<ConnectedApp>>> {
    let grants = apps::user_grants(&state.db, family.user.user_id).await?;
    let name_of = |id: i64| {
        family
            .view
            .rows
            .iter()
            .find(|r| r.id == id)
            .map(|r| format!("{} {}", r.first_name, r.last_name))
            .unwrap_or_default()
    };
    Ok(Json(
        grants
            .into_iter()
            .map(|g| {
                let scopes = parse_scopes(&g.scope).unwrap_or_default();
                ConnectedApp {
                    id: g.id,
                    app: AppInfo {
                        name: g.name,
                        developer: g.developer,
                        website: g.website,
                        privacy_policy: g.privacy_policy,
                    },
                    patient_name: name_of(g.patient_member_id),
                    reads: describe_scopes(&scopes),
                    stays_connected: scopes.contains(&Scope::OfflineAccess),
                    connected_at: g.created_at,
                    last_used_at: g.last_used_at,
                }
            })
            .collect(),
    ))
}

/// Disconnects an app: its access and refresh tokens stop working at once.
#[utoipa::path(delete, path = "/api/v1/account/connected-apps/{id}", tag = "connected apps",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Disconnected"), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn disconnect(
    State(state): State<AppState>,
    client: ClientInfo,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let now = db::now();
    let grant = apps::active_grant(&state.db, id)
        .await?
        .filter(|g| g.user_id == user.user_id)
        .ok_or_else(ApiError::not_found)?;
    if !apps::revoke_grant(&state.db, id, Some(user.user_id), now).await? {
        return Err(ApiError::not_found());
    }
    audit::record_detail(
        &state.db,
        Some(user.user_id),
        audit::Event::AppDisconnected,
        &format!("grant={id} client={} reason=member", grant.client_id),
        now,
        client.addr.as_deref(),
        client.user_agent.as_deref(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}
