//! Sharing an ID card (issue 16): a member makes a link for one card they
//! may see (the family rule), good for 1-30 days; anyone with the link
//! (a provider's front desk) sees only that card, without signing in,
//! until it expires or the member turns it off. Only the token's hash is
//! stored; every opening is recorded and shown to the member. The page is
//! served by the server (no script), never cached or indexed.

use crate::auth::session::{hash_secret, new_token};
use crate::db::{self, members};
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::routes::client::ClientInfo;
use crate::routes::dev::escape;
use crate::routes::family::Family;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use portal_domain::api::{CardShare, CardShareRequest, IdCard, CARD_SHARE_DAYS};
use portal_domain::ProblemDetails;

/// Where shared cards are opened.
pub const SHARED_PREFIX: &str = "/shared-card/";

/// Most links a member may have working for one card at a time.
const MAX_ACTIVE: i64 = 10;

type ShareRow = (i64, i64, i64, Option<i64>, i64, Option<i64>);

async fn shares_of(state: &AppState, member_id: i64) -> ApiResult<Vec<CardShare>> {
    let now = db::now();
    let rows: Vec<ShareRow> = sqlx::query_as(
        "SELECT s.id, s.created_at, s.expires_at, s.revoked_at, \
           (SELECT COUNT(*) FROM card_share_views v WHERE v.share_id = s.id), \
           (SELECT MAX(v.at) FROM card_share_views v WHERE v.share_id = s.id) \
         FROM card_shares s WHERE s.member_id = ? AND s.expires_at > ? ORDER BY s.id DESC",
    )
    .bind(member_id)
    .bind(now - 30 * 86_400)
    .fetch_all(&state.db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, created_at, expires_at, revoked, views, last)| CardShare {
                id,
                path: None,
                created_at,
                expires_at,
                active: revoked.is_none() && expires_at > now,
                views: u32::try_from(views).unwrap_or(0),
                last_viewed_at: last,
            },
        )
        .collect())
}

fn visible_member(family: &Family, id: i64) -> ApiResult<members::MemberRow> {
    family
        .view
        .visible_rows()
        .into_iter()
        .find(|r| r.id == id)
        .cloned()
        .ok_or_else(ApiError::not_found)
}

/// The links to a card the caller may see (working ones and those ended in the last 30 days).
#[utoipa::path(get, path = "/api/v1/members/{id}/card/shares", tag = "coverage",
    params(("id" = i64, Path)),
    responses((status = 200, body = Vec<CardShare>), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn list(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Vec<CardShare>>> {
    let member = visible_member(&family, id)?;
    Ok(Json(shares_of(&state, member.id).await?))
}

/// Makes a link to a card for `days` days; the answer carries the link once.
#[utoipa::path(post, path = "/api/v1/members/{id}/card/shares", tag = "coverage",
    params(("id" = i64, Path)), request_body = CardShareRequest,
    responses((status = 201, body = CardShare), (status = 400, body = ProblemDetails),
        (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails),
        (status = 409, body = ProblemDetails, description = "Too many working links for this card")))]
pub async fn create(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<CardShareRequest>,
) -> ApiResult<(StatusCode, Json<CardShare>)> {
    let member = visible_member(&family, id)?;
    if !CARD_SHARE_DAYS.contains(&body.days) {
        return Err(ApiError::field(
            "days",
            "days.range",
            format!(
                "Choose {} to {} days.",
                CARD_SHARE_DAYS.start(),
                CARD_SHARE_DAYS.end()
            ),
        ));
    }
    let now = db::now();
    let active: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM card_shares WHERE member_id = ? AND revoked_at IS NULL AND expires_at > ?",
    )
    .bind(member.id)
    .bind(now)
    .fetch_one(&state.db)
    .await?;
    if active >= MAX_ACTIVE {
        return Err(ApiError::problem(
            portal_domain::problem::types::CARD_SHARE_LIMIT,
            "Too many links",
            StatusCode::CONFLICT,
            format!("This card already has {MAX_ACTIVE} working links. Turn one off first."),
        ));
    }
    let token = new_token();
    let expires_at = now + i64::from(body.days) * 86_400;
    let share_id = sqlx::query(
        "INSERT INTO card_shares (member_id, created_by, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(member.id)
    .bind(family.user.user_id)
    .bind(hash_secret(&token))
    .bind(now)
    .bind(expires_at)
    .execute(&state.db)
    .await?
    .last_insert_rowid();
    Ok((
        StatusCode::CREATED,
        Json(CardShare {
            id: share_id,
            path: Some(format!("{SHARED_PREFIX}{token}")),
            created_at: now,
            expires_at,
            active: true,
            views: 0,
            last_viewed_at: None,
        }),
    ))
}

/// Turns a link off at once.
#[utoipa::path(delete, path = "/api/v1/card-shares/{id}", tag = "coverage",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Turned off"), (status = 401, body = ProblemDetails), (status = 404, body = ProblemDetails)))]
pub async fn revoke(
    State(state): State<AppState>,
    family: Family,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    let member: Option<i64> = sqlx::query_scalar("SELECT member_id FROM card_shares WHERE id = ?")
        .bind(id)
        .fetch_optional(&state.db)
        .await?;
    let member = member.ok_or_else(ApiError::not_found)?;
    visible_member(&family, member)?;
    sqlx::query("UPDATE card_shares SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(db::now())
        .bind(id)
        .execute(&state.db)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The card a token opens, recording the opening; `None` when unknown,
/// expired or turned off.
async fn opened(
    state: &AppState,
    token: &str,
    client: &ClientInfo,
) -> ApiResult<Option<(IdCard, i64)>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT id, member_id, expires_at FROM card_shares WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
    )
    .bind(hash_secret(token))
    .bind(db::now())
    .fetch_optional(&state.db)
    .await?;
    let Some((share, member_id, expires_at)) = row else {
        return Ok(None);
    };
    let Some(member) = members::by_id(&state.db, member_id).await? else {
        return Ok(None);
    };
    let Some(mut card) = members::id_card(&state.db, &member, state.clock.today()).await? else {
        return Ok(None);
    };
    // Someone shown the card sees today's card, not a choice still to come.
    card.pcp_change = None;
    sqlx::query("INSERT INTO card_share_views (share_id, at, client_addr) VALUES (?, ?, ?)")
        .bind(share)
        .bind(db::now())
        .bind(client.addr.as_deref())
        .execute(&state.db)
        .await?;
    Ok(Some((card, expires_at)))
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><meta name=\"referrer\" content=\"no-referrer\">\
         <link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"{SHARED_PREFIX}card.css\">\
         <title>{}</title></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

fn private(status: StatusCode, content_type: &str, body: impl IntoResponse) -> Response {
    (
        status,
        [
            (CONTENT_TYPE, content_type.to_string()),
            (CACHE_CONTROL, "no-store".to_string()),
            (
                axum::http::HeaderName::from_static("x-robots-tag"),
                "noindex".to_string(),
            ),
        ],
        body,
    )
        .into_response()
}

fn gone() -> Response {
    private(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        page(
            "Link not working",
            "<h1>This link doesn't work</h1><p>It has expired or the member turned it off. Ask the member for a new link, or call Provider Services at the number on the back of their card.</p>",
        ),
    )
}

/// The shared card page's body; `token` names its downloads (relative to the page).
fn card_html(card: &IdCard, expires_at: i64, token: &str) -> String {
    let e = escape;
    let until = chrono::DateTime::from_timestamp(expires_at, 0).map_or(String::new(), |t| {
        t.format("%B %-d, %Y at %H:%M UTC").to_string()
    });
    let limits = |l: Option<&portal_domain::cost::Limits>, deductible: bool| {
        l.map_or("Not covered".to_string(), |l| {
            if deductible {
                format!(
                    "{} / {}",
                    l.deductible_individual.short(),
                    l.deductible_family.short()
                )
            } else {
                format!("{} / {}", l.oop_individual.short(), l.oop_family.short())
            }
        })
    };
    let copays: String = card
        .copays
        .iter()
        .map(|c| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                e(&c.label),
                c.amount
            )
        })
        .collect();
    let i = Some(&card.limits.in_network);
    let o = card.limits.out_of_network.as_ref();
    format!(
        "<h1>Member ID card</h1>\
         <p class=\"note\">Shared by the member. This link stops working on {until}. It shows only this card.</p>\
         <p class=\"downloads\"><a href=\"{token}/card.pdf\">Download the card (PDF)</a> \
         <a href=\"{token}/card.png\">Download the card as an image (PNG)</a></p>\
         <section aria-labelledby=\"front\" class=\"card\"><h2 id=\"front\">{plan}</h2>\
         <dl><div><dt>Member</dt><dd>{first} {last}</dd></div>\
         <div><dt>Member ID</dt><dd>{id}</dd></div><div><dt>Group number</dt><dd>{group}</dd></div>\
         <div><dt>Plan type and network</dt><dd>{ptype} &middot; {net}</dd></div>\
         <div><dt>Coverage</dt><dd>{start} to {end}</dd></div></dl>\
         <table><caption>Copays</caption><tbody>{copays}</tbody></table></section>\
         <section aria-labelledby=\"back\" class=\"card\"><h2 id=\"back\">Pharmacy and contacts</h2>\
         <dl><div><dt>Rx BIN</dt><dd>{bin}</dd></div><div><dt>Rx PCN</dt><dd>{pcn}</dd></div>\
         <div><dt>Rx group</dt><dd>{rxg}</dd></div>\
         <div><dt>Member services</dt><dd>{ms}</dd></div><div><dt>Provider services</dt><dd>{ps}</dd></div>\
         <div><dt>Help</dt><dd>{web}</dd></div></dl>\
         <table><caption>Deductible and out-of-pocket maximum, individual / family</caption>\
         <thead><tr><td></td><th scope=\"col\">In network</th><th scope=\"col\">Out of network</th></tr></thead>\
         <tbody><tr><th scope=\"row\">Deductible</th><td>{di}</td><td>{do_}</td></tr>\
         <tr><th scope=\"row\">Out-of-pocket max</th><td>{oi}</td><td>{oo}</td></tr></tbody></table></section>",
        token = e(token),
        plan = e(&card.plan.name),
        first = e(&card.member.first_name),
        last = e(&card.member.last_name),
        id = e(&card.member.member_id.printed()),
        group = e(&card.group_number),
        ptype = e(&card.plan.plan_type),
        net = e(&card.plan.network),
        start = card.coverage_start,
        end = card.coverage_end,
        bin = e(&card.rx_bin),
        pcn = e(&card.rx_pcn),
        rxg = e(&card.rx_group),
        ms = e(&card.member_services_phone),
        ps = e(&card.provider_services_phone),
        web = e(&card.website),
        di = limits(i, true),
        do_ = limits(o, true),
        oi = limits(i, false),
        oo = limits(o, false),
    )
}

/// `GET /shared-card/{token}`: the shared card, or a page saying the link doesn't work.
pub async fn open(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(token): Path<String>,
) -> Response {
    match opened(&state, &token, &client).await {
        Ok(Some((card, expires_at))) => private(
            StatusCode::OK,
            "text/html; charset=utf-8",
            page("Member ID card", &card_html(&card, expires_at, &token)),
        ),
        Ok(None) => gone(),
        Err(e) => e.into_response(),
    }
}

/// `GET /shared-card/{token}/card.pdf`: the shared card as its PDF.
pub async fn open_pdf(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(token): Path<String>,
) -> Response {
    open_file(&state, &token, &client, CardFile::Pdf).await
}

/// `GET /shared-card/{token}/card.png`: the shared card as an image.
pub async fn open_png(
    State(state): State<AppState>,
    client: ClientInfo,
    Path(token): Path<String>,
) -> Response {
    open_file(&state, &token, &client, CardFile::Png).await
}

async fn open_file(
    state: &AppState,
    token: &str,
    client: &ClientInfo,
    format: CardFile,
) -> Response {
    match opened(state, token, client).await {
        Ok(Some((card, _))) => match format.render(&card) {
            Ok(bytes) => {
                let mut r = private(StatusCode::OK, format.content_type(), bytes);
                if let Ok(v) =
                    format!("attachment; filename=\"id-card.{}\"", format.extension()).parse()
                {
                    r.headers_mut().insert(CONTENT_DISPOSITION, v);
                }
                r
            }
            Err(e) => e.into_response(),
        },
        Ok(None) => gone(),
        Err(e) => e.into_response(),
    }
}

/// The downloadable forms of an ID card.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardFile {
    /// Two card-sized PDF pages ([`crate::card_pdf`]).
    Pdf,
    /// One PNG, front above back ([`crate::card_image`]).
    Png,
}

impl CardFile {
    /// The file.
    pub fn render(self, card: &portal_domain::api::IdCard) -> ApiResult<Vec<u8>> {
        Ok(match self {
            CardFile::Pdf => crate::card_pdf::render(card),
            CardFile::Png => crate::card_image::render(card)?,
        })
    }

    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            CardFile::Pdf => "application/pdf",
            CardFile::Png => "image/png",
        }
    }

    /// Its file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            CardFile::Pdf => "pdf",
            CardFile::Png => "png",
        }
    }
}

/// `GET /shared-card/card.css`: the shared card page's stylesheet (the CSP allows no inline styles).
pub async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        SHARED_CSS,
    )
        .into_response()
}

const SHARED_CSS: &str = "body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f4f7f6}\
main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem}\
.note{background:#fff8e1;border-left:4px solid #8a6d00;padding:.5rem .75rem}\
.card{background:#fff;border:1px solid #c8d6d3;border-radius:12px;padding:1rem;margin:1rem 0}\
.card h2{margin-top:0;color:#0b5e55;font-size:1.15rem}dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.5rem 1rem;margin:0 0 .75rem}\
dt{font-size:.8rem;color:#4a5a57;text-transform:uppercase;letter-spacing:.04em}dd{margin:0;font-weight:600;overflow-wrap:anywhere}\
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600;padding:.25rem 0}\
th,td{text-align:left;padding:.2rem .5rem .2rem 0;vertical-align:top}thead th{font-size:.8rem;color:#4a5a57}\
.downloads{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem}.downloads a{color:#0b5e55;font-weight:600}\
@media print{body{background:#fff}.note{border:1px solid #999}.downloads{display:none}}";
