//! The session: who is signed in, provided as a typed context.
//!
//! [`provide_session`] once at the root, [`use_session`] anywhere below.
//! The server is asked (`GET /me`) only when a signed-in page needs to know
//! ([`Session::ensure_loaded`]): public pages never trigger the expected 401. The session cookie itself is HttpOnly:
//! the app never sees the token, only the [`Me`] the server answers with.

use crate::api::{self, ApiError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_domain::api::Me;

/// Why nobody is signed in (the sign-in page words its notice by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOutReason {
    /// Never signed in during this visit.
    Anonymous,
    /// The member chose "Sign out".
    SignedOut,
    /// The server stopped accepting the session (idle or absolute timeout).
    Expired,
}

/// What the app knows about the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionState {
    /// Not known yet (not asked, or still asking the server).
    Loading,
    /// Signed in as this member.
    SignedIn(Me),
    /// Nobody is signed in.
    SignedOut(SignOutReason),
}

/// Handle to the session state; cheap to copy.
#[derive(Clone, Copy, Debug)]
pub struct Session {
    state: RwSignal<SessionState>,
    asked: StoredValue<bool>,
}

/// Creates the session context (state [`SessionState::Loading`] until a
/// page calls [`Session::ensure_loaded`] or someone signs in).
pub fn provide_session() -> Session {
    let session = Session {
        state: RwSignal::new(SessionState::Loading),
        asked: StoredValue::new(false),
    };
    provide_context(session);
    session
}

/// The session provided by [`provide_session`].
///
/// # Panics
/// When called outside the tree below [`provide_session`] (a programming error).
pub fn use_session() -> Session {
    expect_context::<Session>()
}

impl Session {
    /// The whole state (tracked).
    pub fn state(&self) -> SessionState {
        self.state.get()
    }

    /// The signed-in member (tracked); `None` while loading or signed out.
    pub fn me(&self) -> Option<Me> {
        self.state.with(|s| match s {
            SessionState::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// `Some(true)` signed in, `Some(false)` signed out, `None` while loading (tracked).
    pub fn is_signed_in(&self) -> Option<bool> {
        self.state.with(|s| match s {
            SessionState::Loading => None,
            SessionState::SignedIn(_) => Some(true),
            SessionState::SignedOut(_) => Some(false),
        })
    }

    /// Asks the server once, if the state is still unknown.
    pub fn ensure_loaded(&self) {
        let first = !self.asked.get_value();
        if first && self.state.with_untracked(|s| *s == SessionState::Loading) {
            self.refresh();
        }
    }

    /// Asks the server who is signed in and updates the state.
    pub fn refresh(&self) {
        self.asked.set_value(true);
        let state = self.state;
        spawn_local(async move {
            let next = match api::auth::me().await {
                Ok(me) => SessionState::SignedIn(me),
                Err(_) => SessionState::SignedOut(SignOutReason::Anonymous),
            };
            state.set(next);
        });
    }

    /// Records a successful sign-in or registration.
    pub fn signed_in(&self, me: Me) {
        self.state.set(SessionState::SignedIn(me));
    }

    /// Reacts to an API error: a 401 means the session is gone.
    /// Returns `true` when it did.
    pub fn handle_error(&self, error: &ApiError) -> bool {
        if !matches!(error, ApiError::Unauthorized { .. }) {
            return false;
        }
        let was_signed_in = self
            .state
            .with_untracked(|s| matches!(s, SessionState::SignedIn(_)));
        self.state.set(SessionState::SignedOut(if was_signed_in {
            SignOutReason::Expired
        } else {
            SignOutReason::Anonymous
        }));
        true
    }

    /// Signs out on the server, then locally (locally even when the server
    /// could not be reached, so a shared computer never stays signed in on screen).
    pub async fn sign_out(&self) -> Result<(), ApiError> {
        let result = api::auth::logout().await;
        self.state
            .set(SessionState::SignedOut(SignOutReason::SignedOut));
        result
    }
}
