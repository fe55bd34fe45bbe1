//! The OpenAPI document, generated from the handlers' annotations.

use crate::routes::{
    account, auth, claims, coverage, dev, estimate, home, meta, plans, recovery, two_step,
};
use portal_domain::account::{
    AccountSettings, ChangePasswordRequest, ChangeUsernameRequest, ContactRequest,
    DisableTwoStepRequest, EnableTwoStepRequest, ForgotPasswordRequest, IdentityCheck,
    RecoveryCodes, RecoveryDone, RecoveryPurpose, RecoveryStartRequest, RecoveryStarted,
    RegenerateCodesRequest, SecurityEvent, SecurityEventKind, SessionInfo, SessionStatus,
    SignOutEverywhereRequest, TwoStepChallenge, TwoStepLoginRequest, TwoStepSetup, TwoStepStatus,
    UnlockRequest,
};
use portal_domain::alerts::{Alert, AlertCount, AlertKind, AlertList, PremiumBill, Severity};
use portal_domain::api::{
    CardCopay, Coverage, IdCard, LoginRequest, Me, MemberSummary, PlanSummary, PolicyInfo,
    RegisterRequest, RegistrationMethod, Relationship, RuleInfo,
};
use portal_domain::api::{ClaimsPage, RenameFilterRequest, SaveFilterRequest, SavedFilter};
use portal_domain::claims::eob::{AppealInfo, Explanation, Notice};
use portal_domain::claims::{
    Amounts, Claim, ClaimLine, ClaimStatus, ClaimSummary, ClaimType, Network, Provider,
    ServiceCategory,
};
use portal_domain::cost::{Benefit, CostShare, Limits, PlanDesign};
use portal_domain::estimate::{Priced, Progress, Purpose};
use portal_domain::family::HiddenReason;
use portal_domain::home::{
    AlertChannels, AlertPref, CategorySpend, CoveredPerson, Dashboard, HiddenPerson,
    NotificationPrefs, Pcp, PersonSpending, SharePerson, ShareRequest, SharingStatus, Spending,
    YearTotals,
};
use portal_domain::plans::api::{
    AccumulatorsView, BundlePart, ChangePlanRequest, EnrollmentStatus, EstimateRequest,
    EstimateResponse, HouseholdPerson, LifeEvent, PersonProgress, PlanCatalog, PlanChange,
    ProviderOption, PurposeOption, ServiceSearch, ShoppableService, VariantEstimate, WhatIfRequest,
};
use portal_domain::plans::compare::{CompareCell, CompareRow, Comparison};
use portal_domain::plans::{CoverageTier, MetalTier, Plan, PlanType, Premiums};
use portal_domain::whatif::{Breakdown, HouseholdUse, PersonUse, PlanCost, UseItem, WhatIfResult};
use portal_domain::{FieldError, Money, PolicyPreset, ProblemDetails, Rule};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Member portal API", version = "1", description = "Health-plan member portal. Errors are RFC 9457 problem details."),
    paths(
        meta::health, meta::policy,
        auth::register, auth::login, auth::logout, auth::me,
        coverage::coverage, coverage::member_card,
        claims::list, claims::detail, claims::export_csv,
        claims::saved_filters, claims::create_saved_filter, claims::rename_saved_filter, claims::delete_saved_filter,
        plans::list, plans::compare, plans::what_if, plans::last_year_use, plans::enrollment, plans::change, plans::cancel_change, plans::accumulators,
        estimate::services, estimate::search, estimate::providers, estimate::estimate,
        two_step::login_two_step, two_step::status, two_step::setup, two_step::enable, two_step::disable, two_step::regenerate,
        account::settings, account::change_username, account::change_password, account::change_contact,
        account::history, account::list_sessions, account::revoke_session, account::revoke_all,
        account::session_status, account::keep_alive,
        recovery::start, recovery::forgot_password, recovery::unlock, dev::outbox_json,
        home::dashboard, home::list, home::count, home::mark_read, home::prefs, home::save_prefs,
        home::sharing, home::set_sharing, home::card_pdf,
    ),
    components(schemas(
        ProblemDetails, FieldError, LoginRequest, RegisterRequest, RegistrationMethod, PolicyInfo, RuleInfo,
        Rule, PolicyPreset, Me, MemberSummary, Relationship, PlanSummary, CardCopay, IdCard, Coverage, Money,
        ClaimsPage, SavedFilter, SaveFilterRequest, RenameFilterRequest, Claim, Explanation, Notice, AppealInfo, ClaimSummary, ClaimLine, Amounts,
        Provider, ClaimStatus, ClaimType, ServiceCategory, Network,
        Plan, PlanType, MetalTier, CoverageTier, Premiums, PlanDesign, Limits, CostShare, Benefit, PlanCatalog, HouseholdPerson,
        Comparison, CompareRow, CompareCell, WhatIfRequest, WhatIfResult, PlanCost, Breakdown, HouseholdUse, PersonUse, UseItem,
        EnrollmentStatus, ChangePlanRequest, PlanChange, LifeEvent, AccumulatorsView, PersonProgress, Progress,
        ShoppableService, ProviderOption, EstimateRequest, EstimateResponse, Priced, Purpose, PurposeOption,
        ServiceSearch, BundlePart, VariantEstimate,
        TwoStepChallenge, TwoStepLoginRequest, TwoStepStatus, TwoStepSetup, EnableTwoStepRequest, RecoveryCodes,
        DisableTwoStepRequest, RegenerateCodesRequest, IdentityCheck, RecoveryPurpose, RecoveryStartRequest, RecoveryStarted,
        ForgotPasswordRequest, UnlockRequest, dev::DevMessage,
        RecoveryDone, AccountSettings, ChangeUsernameRequest, ChangePasswordRequest, ContactRequest, SecurityEvent,
        SecurityEventKind, SessionInfo, SignOutEverywhereRequest, SessionStatus,
        Dashboard, CoveredPerson, HiddenPerson, HiddenReason, Pcp, YearTotals, Spending, PersonSpending, CategorySpend,
        PremiumBill, Alert, AlertKind, Severity, AlertList, AlertCount, home::MarkRead, NotificationPrefs, AlertPref,
        AlertChannels, SharingStatus, SharePerson, ShareRequest,
    )),
    tags((name = "auth"), (name = "account"), (name = "recovery"), (name = "coverage"), (name = "claims"), (name = "plans"), (name = "estimate"), (name = "home"), (name = "meta"))
)]
struct ApiDoc;

/// The document served at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
