//! The family privacy rule as an extractor: a handler that shows anything
//! about household members (claims, cards, accumulators, alerts, the
//! dashboard) takes a [`Family`], so the rule
//! ([`portal_domain::family::may_see`]) is applied before the handler runs
//! and cannot be forgotten. [`household_view`] is the one place it is
//! applied.

use crate::auth::AuthUser;
use crate::db::{home as home_db, members};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use portal_domain::family::{self, HiddenReason};

/// The caller's household split by what the caller may see.
pub struct HouseholdView {
    /// Everyone on the plan in the household, subscriber first.
    pub rows: Vec<members::MemberRow>,
    /// Ids of the members the caller may see (the caller first).
    pub visible: Vec<i64>,
    /// The members hidden from the caller, with why.
    pub hidden: Vec<(members::MemberRow, HiddenReason)>,
}

impl HouseholdView {
    /// The visible members' rows, the caller first.
    pub fn visible_rows(&self) -> Vec<&members::MemberRow> {
        self.visible
            .iter()
            .filter_map(|id| self.rows.iter().find(|r| r.id == *id))
            .collect()
    }
}

/// A signed-in caller with what the family rule lets them see.
pub struct Family {
    /// The caller.
    pub user: AuthUser,
    /// Their household, split by the rule.
    pub view: HouseholdView,
}

impl FromRequestParts<AppState> for Family {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = AuthUser::from_request_parts(parts, state).await?;
        Self::of(state, user).await
    }
}

impl Family {
    /// The rule applied for `user` outside a request (the alert worker).
    pub async fn of(state: &AppState, user: AuthUser) -> ApiResult<Self> {
        let view = household_view(state, &user).await?;
        Ok(Self { user, view })
    }
}

/// Who in the household the caller may see: **the one place** the family
/// privacy rule ([`portal_domain::family::may_see`]) is applied. Handlers
/// get it through [`Family`].
pub async fn household_view(state: &AppState, user: &AuthUser) -> ApiResult<HouseholdView> {
    let rows = members::household(&state.db, user.household_id).await?;
    let consents = home_db::consents(&state.db, user.household_id).await?;
    let today = state.clock.today();
    let viewer = rows
        .iter()
        .find(|r| r.id == user.member_id)
        .map(members::MemberRow::person);
    let mut visible = vec![user.member_id];
    let mut hidden = Vec::new();
    for r in &rows {
        if r.id == user.member_id {
            continue;
        }
        let verdict = match &viewer {
            Some(v) => family::may_see(
                v,
                &r.person(),
                consents.contains(&(r.id, user.member_id)),
                today,
            ),
            None => Err(HiddenReason::NotShared),
        };
        match verdict {
            Ok(()) => visible.push(r.id),
            Err(reason) => hidden.push((r.clone(), reason)),
        }
    }
    Ok(HouseholdView {
        rows,
        visible,
        hidden,
    })
}
