//! The identity check of the recovery pages: member ID, first and last name,
//! date of birth. It only decides whether the server sends a message to the
//! contact on file.

use crate::components::TextField;
use crate::state::form::FormErrors;
use leptos::prelude::*;
use portal_domain::account::IdentityCheck;

/// The values of the identity fields.
#[derive(Clone, Copy)]
pub struct IdentityValues {
    /// Member ID as typed.
    pub member_id: RwSignal<String>,
    /// First name.
    pub first_name: RwSignal<String>,
    /// Last name.
    pub last_name: RwSignal<String>,
    /// `YYYY-MM-DD` (a date input).
    pub date_of_birth: RwSignal<String>,
}

impl IdentityValues {
    /// Empty fields.
    pub fn new() -> Self {
        Self {
            member_id: RwSignal::new(String::new()),
            first_name: RwSignal::new(String::new()),
            last_name: RwSignal::new(String::new()),
            date_of_birth: RwSignal::new(String::new()),
        }
    }

    /// The request body, read without tracking (for a submit handler).
    pub fn check_untracked(&self) -> IdentityCheck {
        untrack(|| self.check())
    }

    /// The request body (tracked).
    pub fn check(&self) -> IdentityCheck {
        IdentityCheck {
            member_id: self.member_id.get(),
            first_name: self.first_name.get(),
            last_name: self.last_name.get(),
            date_of_birth: self.date_of_birth.get(),
        }
    }
}

impl Default for IdentityValues {
    fn default() -> Self {
        Self::new()
    }
}

/// The field names, in form order.
pub const IDENTITY_ORDER: [&str; 4] = ["member_id", "first_name", "last_name", "date_of_birth"];

/// The identity fields, each with its errors beside it.
#[component]
pub fn IdentityFields(
    /// The values.
    values: IdentityValues,
    /// The form's error state.
    form: FormErrors,
    /// Today (`YYYY-MM-DD`), the latest date of birth.
    #[prop(into)]
    today: String,
) -> impl IntoView {
    let v = values;
    view! {
        <TextField
            id="member_id"
            label="Member ID"
            value=v.member_id
            errors=form.errors_for("member_id")
            hint="As on your ID card, without the asterisk: 123456789*01 → 12345678901"
            inputmode="numeric"
            autocomplete="off"
            on:input=move |_| form.edited("member_id")
            on:focusout=move |_| form.left("member_id")
        />
        <TextField
            id="first_name"
            label="First name"
            value=v.first_name
            errors=form.errors_for("first_name")
            autocomplete="given-name"
            on:input=move |_| form.edited("first_name")
            on:focusout=move |_| form.left("first_name")
        />
        <TextField
            id="last_name"
            label="Last name"
            value=v.last_name
            errors=form.errors_for("last_name")
            autocomplete="family-name"
            on:input=move |_| form.edited("last_name")
            on:focusout=move |_| form.left("last_name")
        />
        <TextField
            id="date_of_birth"
            label="Date of birth"
            value=v.date_of_birth
            errors=form.errors_for("date_of_birth")
            input_type="date"
            autocomplete="bday"
            max=today
            on:input=move |_| form.edited("date_of_birth")
            on:focusout=move |_| form.left("date_of_birth")
        />
    }
}
