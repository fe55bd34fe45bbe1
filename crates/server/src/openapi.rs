//! The OpenAPI document, generated from the handlers' annotations and then
//! completed with the answers the middleware gives every route of a kind
//! (a refused cross-site request, a body that is not JSON, a rate limit, no
//! session), so that it lists every status the API actually sends, each
//! error as `application/problem+json`. `tests/http/openapi_http.rs` calls every
//! operation and checks the answers against it.

use crate::routes::{
    account, auth, billing, card_share, claims, coverage, data_export, dev, directory, estimate,
    help, home, legacy, messages, meta, oauth, plans, provider, provider_bills, recovery, two_step,
    two_step_code, virtual_care,
};
use portal_domain::account::{
    AccountSettings, ChangePasswordRequest, ChangeUsernameRequest, ContactRequest,
    DisableTwoStepRequest, EnableTwoStepRequest, ForgotPasswordRequest, IdentityCheck,
    RecoveryCodes, RecoveryDone, RecoveryPurpose, RecoveryStartRequest, RecoveryStarted,
    RegenerateCodesRequest, SecurityEvent, SecurityEventKind, SessionInfo, SessionStatus,
    SignOutEverywhereRequest, TwoStepChallenge, TwoStepLoginRequest, TwoStepSetup, TwoStepStatus,
    UnlockRequest,
};
use portal_domain::alerts::{
    Alert, AlertCount, AlertKind, AlertList, MarkRead, PremiumBill, Severity,
};
use portal_domain::api::{
    CardCopay, CardLimits, CardShare, CardShareRequest, Coverage, IdCard, LoginRequest, Me,
    MemberSummary, PlanSummary, PolicyInfo, RegisterRequest, RegistrationMethod, Relationship,
    RuleInfo, SignInLimits,
};
use portal_domain::api::{ClaimsPage, RenameFilterRequest, SaveFilterRequest, SavedFilter};
use portal_domain::billing::api::{
    AddMethodRequest, AppliedPart, Autopay, AutopayRequest, BillingSummary, MailPayment,
    PayRequest, PaymentMethod, PaymentStatus, Receipt, ScheduledPayment, SkipRequest, Statement,
    TokenResponse,
};
use portal_domain::billing::cards::{BankInput, CardBrand, CardInput, MethodKind};
use portal_domain::billing::provider_bills::{
    Dispute, DisputeReason, DisputeRequest, DisputeStatus, Instalment, InstalmentStatus,
    PaymentPlan, PlanRequest, PlanStatus, ProviderBill, ProviderBillStatus, ProviderBills,
    ProviderPayRequest,
};
use portal_domain::billing::statements::StatementStatus;
use portal_domain::care::directory::{
    Access, DirectoryLocation, DirectoryResults, Gender, Language, LinkedListing, ListingRecord,
    MyProvider, MyProviders, Near, NetworkStatus, PlanNetwork, PlanStanding, ProviderCard,
    ProviderDetail, ProviderKind, ReportProblem, ReportReceipt, ReportRequest,
};
use portal_domain::care::pcp::{ChoosePcpRequest, PcpChange, PcpChoice, PcpRefusal};
use portal_domain::care::virtual_visit::{
    BookVisit, JoinLink, MoveVisit, PastVisit, PlaceOfService, Slot, Slots, VirtualBenefit,
    VirtualCare, VirtualCoverage, VirtualProvider, VirtualProviders, Visit, VisitMode, VisitStatus,
};
use portal_domain::claims::eob::{AppealInfo, Explanation, Notice};
use portal_domain::claims::{
    Amounts, CareRole, Claim, ClaimLine, ClaimStatus, ClaimSummary, ClaimType, Clinician, Network,
    Provider, ServiceCategory,
};
use portal_domain::cost::Telehealth;
use portal_domain::cost::{Benefit, CostShare, Limits, PlanDesign};
use portal_domain::data_access::{
    AppInfo, ConnectedApp, ConsentDecision, ConsentOutcome, ConsentRequest, PatientChoice,
};
use portal_domain::data_export::{DataExport, ExportStatus};
use portal_domain::estimate::{Priced, Progress, Purpose};
use portal_domain::family::HiddenReason;
use portal_domain::help::contacts::{Audience, ContactDirectory, ContactLine};
use portal_domain::help::glossary::{GlossaryEntry, GlossaryList, RelatedTerm, TermSummary};
use portal_domain::help::hours::{ClockTime, LineHours, OpenPeriod};
use portal_domain::home::{
    AlertChannels, AlertPref, CategorySpend, CoveredPerson, Dashboard, HiddenPerson,
    NotificationPrefs, Pcp, PersonSpending, SharePerson, ShareRequest, SharingStatus, Spending,
    YearTotals,
};
use portal_domain::legacy::{LegacyChallenge, LegacyCompleteRequest};
use portal_domain::messages::{
    AssignRequest, AttachmentInfo, AttachmentKind, AttachmentUpload, Author, ClaimChoice,
    ClaimReference, Inbox, Message, NewThreadRequest, ReplyRequest, Role, TechSupportRequest,
    Thread, ThreadCreated, ThreadList, ThreadStatus, ThreadSummary, Topic,
};
use portal_domain::plans::api::{
    AccumulatorsView, BundlePart, ChangePlanRequest, EnrollmentStatus, EstimateRequest,
    EstimateResponse, HouseholdPerson, LifeEvent, PersonProgress, PlanCatalog, PlanChange,
    ProviderOption, PurposeOption, ServiceSearch, ShoppableService, VariantEstimate, WhatIfRequest,
};
use portal_domain::plans::compare::{CompareCell, CompareRow, Comparison};
use portal_domain::plans::{CoverageTier, MetalTier, Plan, PlanType, Premiums};
use portal_domain::provider::{
    BenefitStanding, CopayLine, Eligibility, EligibilityRequest, ProviderClaim, ProviderClaimQuery,
    ProviderClaimsPage, ProviderNpi, ProviderRecoveryRequest, ProviderRegisterRequest,
    ProviderSummary, Registrant, Remittance, RemittanceClaim, RemittanceList, TaxId,
};
use portal_domain::two_step_code::{CodeSent, CodeSetupRequest, TwoStepMethod};
use portal_domain::whatif::{Breakdown, HouseholdUse, PersonUse, PlanCost, UseItem, WhatIfResult};
use portal_domain::{FieldError, Money, PolicyPreset, ProblemDetails, Rule};
use serde_json::{json, Value};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Member portal API", version = "1", description = "Health-plan member portal. Errors are RFC 9457 problem details."),
    paths(
        meta::health, meta::policy, meta::openapi,
        auth::register, auth::login, auth::logout, auth::me,
        coverage::coverage, coverage::member_card,
        claims::list, claims::detail, claims::eob_pdf, claims::statement_pdf, claims::export_csv,
        claims::saved_filters, claims::create_saved_filter, claims::rename_saved_filter, claims::delete_saved_filter,
        plans::list, plans::compare, plans::what_if, plans::last_year_use, plans::enrollment, plans::change, plans::cancel_change, plans::accumulators,
        estimate::services, estimate::search, estimate::providers, estimate::estimate,
        two_step::login_two_step, two_step::status, two_step::setup, two_step::enable, two_step::disable, two_step::regenerate,
        two_step_code::code_setup, two_step_code::send_code, two_step_code::resend_sign_in_code,
        account::settings, account::change_username, account::change_password, account::change_contact,
        account::history, account::list_sessions, account::revoke_session, account::revoke_all,
        account::session_status, account::keep_alive,
        recovery::start, recovery::forgot_password, recovery::unlock, dev::outbox_json,
        home::dashboard, home::list, home::count, home::mark_read, home::prefs, home::save_prefs,
        home::sharing, home::set_sharing, home::card_pdf, home::card_png,
        help::contacts, help::list, help::term,
        billing::summary, billing::statement_pdf, billing::add_method, billing::remove_method, billing::pay, billing::payment,
        billing::set_autopay, billing::cancel_autopay, billing::skip_autopay, billing::advance,
        card_share::list, card_share::create, card_share::revoke,
        oauth::consent_request, oauth::decide, oauth::connected_apps, oauth::disconnect,
        data_export::list, data_export::request, data_export::get, data_export::archive,
        directory::search, directory::provider, directory::my_providers, directory::report, directory::choose_pcp, directory::keep_record, directory::record_pdf,
        virtual_care::overview, virtual_care::providers, virtual_care::slots, virtual_care::book, virtual_care::visit,
        virtual_care::cancel, virtual_care::move_visit, virtual_care::calendar, virtual_care::join,
        provider_bills::list, provider_bills::pay, provider_bills::create_plan, provider_bills::cancel_plan, provider_bills::dispute,
        messages::list, messages::claim_choices, messages::create, messages::thread, messages::reply, messages::download,
        messages::technical, messages::inbox, messages::staff_thread, messages::staff_reply, messages::close,
        messages::assign, messages::staff_download,
        legacy::complete, provider::register, recovery::provider_start, provider::eligibility, provider::claims,
        provider::remittances, provider::remittances_csv,
    ),
    components(schemas(
        VirtualCare, VirtualCoverage, VirtualBenefit, VirtualProviders, VirtualProvider, Slots, Slot, BookVisit, MoveVisit,
        Visit, VisitMode, VisitStatus, PastVisit, PlaceOfService, JoinLink, Telehealth,
        ProblemDetails, FieldError, DirectoryResults, ProviderCard, ProviderDetail, DirectoryLocation, Near, PlanNetwork,
        PlanStanding, LinkedListing, MyProviders, MyProvider, ReportProblem, ReportRequest, ReportReceipt, ListingRecord, ChoosePcpRequest, PcpChange, PcpChoice, PcpRefusal, NetworkStatus, ProviderKind, Gender, Language, Access, LoginRequest, RegisterRequest, RegistrationMethod, PolicyInfo, RuleInfo,
        Rule, PolicyPreset, Me, MemberSummary, Relationship, PlanSummary, CardCopay, IdCard, Coverage, Money,
        ClaimsPage, SavedFilter, SaveFilterRequest, RenameFilterRequest, Claim, Explanation, Notice, AppealInfo, ClaimSummary, ClaimLine, Amounts, Clinician, CareRole,
        Provider, ClaimStatus, ClaimType, ServiceCategory, Network,
        Plan, PlanType, MetalTier, CoverageTier, Premiums, PlanDesign, Limits, CostShare, Benefit, PlanCatalog, HouseholdPerson,
        Comparison, CompareRow, CompareCell, WhatIfRequest, WhatIfResult, PlanCost, Breakdown, HouseholdUse, PersonUse, UseItem,
        EnrollmentStatus, ChangePlanRequest, PlanChange, LifeEvent, AccumulatorsView, PersonProgress, Progress,
        ShoppableService, ProviderOption, EstimateRequest, EstimateResponse, Priced, Purpose, PurposeOption,
        ServiceSearch, BundlePart, VariantEstimate,
        TwoStepMethod, CodeSetupRequest, CodeSent,
        TwoStepChallenge, TwoStepLoginRequest, TwoStepStatus, TwoStepSetup, EnableTwoStepRequest, RecoveryCodes,
        DisableTwoStepRequest, RegenerateCodesRequest, IdentityCheck, RecoveryPurpose, RecoveryStartRequest, RecoveryStarted,
        ForgotPasswordRequest, UnlockRequest, dev::DevMessage,
        RecoveryDone, AccountSettings, ChangeUsernameRequest, ChangePasswordRequest, ContactRequest, SecurityEvent,
        SecurityEventKind, SessionInfo, SignOutEverywhereRequest, SessionStatus,
        Dashboard, CoveredPerson, HiddenPerson, HiddenReason, Pcp, YearTotals, Spending, PersonSpending, CategorySpend,
        PremiumBill, Alert, AlertKind, Severity, AlertList, AlertCount, MarkRead, NotificationPrefs, AlertPref,
        AlertChannels, SharingStatus, SharePerson, ShareRequest, SignInLimits,
        ContactDirectory, Audience, ContactLine, LineHours, OpenPeriod, ClockTime,
        GlossaryList, TermSummary, GlossaryEntry, RelatedTerm,
        BillingSummary, Statement, StatementStatus, PaymentMethod, MethodKind, CardBrand, Receipt, PaymentStatus,
        AppliedPart, Autopay, ScheduledPayment, MailPayment, AddMethodRequest, PayRequest, AutopayRequest, SkipRequest,
        TokenResponse, CardInput, BankInput, billing::AdvanceRequest, billing::AdvanceResponse,
        CardShare, CardShareRequest, CardLimits,
        AppInfo, ConnectedApp, ConsentDecision, ConsentOutcome, ConsentRequest, PatientChoice, DataExport, ExportStatus, ProviderBills, ProviderBill, ProviderBillStatus, Dispute, DisputeReason, DisputeStatus, Instalment,
        InstalmentStatus, PaymentPlan, PlanStatus, PlanRequest, ProviderPayRequest, DisputeRequest,
        Role, Topic, ThreadStatus, Author, AttachmentKind, AttachmentUpload, NewThreadRequest, ReplyRequest,
        TechSupportRequest, ThreadCreated, ClaimReference, ClaimChoice, AttachmentInfo, Message, ThreadSummary,
        ThreadList, Thread, Inbox, AssignRequest,
        LegacyChallenge, LegacyCompleteRequest, LoginChallenge, Registrant, ProviderRegisterRequest, ProviderRecoveryRequest, ProviderSummary, ProviderNpi,
        EligibilityRequest, Eligibility, BenefitStanding, CopayLine, ProviderClaimQuery, ProviderClaim,
        ProviderClaimsPage, Remittance, RemittanceClaim, RemittanceList, TaxId,
    )),
    tags((name = "auth"), (name = "account"), (name = "recovery"), (name = "coverage"), (name = "claims"), (name = "plans"), (name = "estimate"), (name = "home"), (name = "meta"), (name = "help"), (name = "messages"), (name = "support"), (name = "billing"), (name = "provider"), (name = "directory"), (name = "virtual-care"))
)]
struct ApiDoc;

/// The 202 answer of `POST /auth/login`: one of the second steps (the
/// document's view of it; the handlers send the two types themselves).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub(crate) enum LoginChallenge {
    /// Two-step verification is on.
    TwoStep(TwoStepChallenge),
    /// The old site's ID number and PIN were right: choose new credentials.
    Legacy(LegacyChallenge),
}

/// Operations anyone may call without a session (every other one answers
/// 401 without one).
pub const PUBLIC: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/openapi.json"),
    ("get", "/api/v1/policy"),
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/legacy"),
    ("post", "/api/v1/auth/login/two-step"),
    ("post", "/api/v1/auth/login/two-step/resend"),
    ("post", "/api/v1/recovery/start"),
    ("post", "/api/v1/recovery/password"),
    ("post", "/api/v1/recovery/unlock"),
    ("get", "/api/dev/outbox"),
    ("post", "/api/dev/payments/advance"),
    ("get", "/api/v1/help/contacts"),
    ("get", "/api/v1/glossary"),
    ("get", "/api/v1/glossary/{slug}"),
    ("post", "/api/v1/support/technical"),
    ("post", "/api/v1/provider/register"),
    ("post", "/api/v1/provider/recovery/start"),
];

/// Operations that hash a password, and so may answer 503 `/problems/busy`
/// when no hashing slot is free in time.
const HASHING: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/register"),
    ("post", "/api/v1/auth/login"),
    ("put", "/api/v1/account/username"),
    ("put", "/api/v1/account/password"),
    ("put", "/api/v1/account/contact"),
    ("put", "/api/v1/notifications"),
    ("post", "/api/v1/account/two-step/code-setup"),
    ("post", "/api/v1/account/two-step/disable"),
    ("post", "/api/v1/account/two-step/recovery-codes"),
    ("post", "/api/v1/recovery/password"),
    ("post", "/api/v1/provider/register"),
    ("post", "/api/v1/auth/legacy"),
];

/// The media type of every error answer.
const PROBLEM: &str = "application/problem+json";

/// The document served at `/api/openapi.json`.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_else(|_| json!({}));
    complete(&mut doc);
    doc
}

/// Adds what the middleware answers to every operation it applies to.
fn complete(doc: &mut Value) {
    let problem_ref = json!({ "$ref": "#/components/schemas/ProblemDetails" });
    let problem = |description: &str| {
        json!({
            "description": description,
            "content": { PROBLEM: { "schema": problem_ref.clone() } }
        })
    };
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert(
            "securitySchemes".into(),
            json!({ "session": { "type": "apiKey", "in": "cookie", "name": "portal_session",
                "description": "`__Host-portal_session` when the server runs with --cookie-secure" } }),
        );
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    // Two answers the annotations cannot type: the health check and this document.
    let bodies = [
        (
            "/api/health",
            json!({ "type": "object", "required": ["status"],
                    "properties": { "status": { "type": "string", "enum": ["ok"] } } }),
        ),
        (
            "/api/openapi.json",
            json!({ "type": "object", "required": ["openapi", "paths"] }),
        ),
    ];
    for (path, schema) in bodies {
        if let Some(ok) = paths
            .get_mut(path)
            .and_then(|p| p.pointer_mut("/get/responses/200"))
        {
            ok["content"] = json!({ "application/json": { "schema": schema } });
        }
    }
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let key = (method.as_str(), path.as_str());
            let has_body = op.contains_key("requestBody");
            let has_path_param = path.contains('{');
            let public = PUBLIC.contains(&key);
            if !public {
                op.insert("security".into(), json!([{ "session": [] }]));
            }
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            // Every error is a problem document, whatever the annotation said.
            for (status, response) in responses.iter_mut() {
                if status.starts_with('4') || status.starts_with('5') {
                    if let Some(content) =
                        response.get_mut("content").and_then(Value::as_object_mut)
                    {
                        if let Some(json_body) = content.remove("application/json") {
                            content.insert(PROBLEM.into(), json_body);
                        }
                    }
                }
            }
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_string())
                    .or_insert_with(|| problem(description));
            };
            if !public {
                add(
                    "401",
                    "/problems/unauthenticated: not signed in, or the session has ended",
                );
            }
            if method != "get" {
                add("403", "/problems/forbidden: a state-changing request from another site (Origin or Sec-Fetch-Site)");
            }
            if has_body {
                add("400", "/problems/validation: malformed JSON, or the request's rules broken (errors by field)");
                add(
                    "413",
                    "The request body is larger than the API reads (64 KiB)",
                );
                add("415", "The request body is not sent as application/json");
                add(
                    "422",
                    "A JSON value of the wrong type or shape for this request",
                );
            }
            if has_path_param {
                add(
                    "400",
                    "/problems/validation: a path parameter of the wrong type",
                );
            }
            if method == "post"
                && (path.starts_with("/api/v1/auth/") || path.starts_with("/api/v1/recovery/"))
            {
                add("429", "/problems/rate-limited: too many requests from this address or overall (Retry-After)");
            }
            if HASHING.contains(&key) {
                add("503", "/problems/busy: no password-hashing slot free in time (Retry-After); not counted as a failure");
            }
            add(
                "500",
                "/problems/internal: something failed on the server (no details are sent)",
            );
        }
    }
}
