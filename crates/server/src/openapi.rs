//! The OpenAPI document, generated from the handlers' annotations.

use crate::routes::{auth, claims, coverage, meta};
use portal_domain::api::{
    CardCopay, Coverage, IdCard, LoginRequest, Me, MemberSummary, PlanSummary, PolicyInfo,
    RegisterRequest, RegistrationMethod, Relationship, RuleInfo,
};
use portal_domain::api::{ClaimsPage, RenameFilterRequest, SaveFilterRequest, SavedFilter};
use portal_domain::claims::{
    Amounts, Claim, ClaimLine, ClaimStatus, ClaimSummary, ClaimType, Network, Provider,
    ServiceCategory,
};
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
    ),
    components(schemas(
        ProblemDetails, FieldError, LoginRequest, RegisterRequest, RegistrationMethod, PolicyInfo, RuleInfo,
        Rule, PolicyPreset, Me, MemberSummary, Relationship, PlanSummary, CardCopay, IdCard, Coverage, Money,
        ClaimsPage, SavedFilter, SaveFilterRequest, RenameFilterRequest, Claim, ClaimSummary, ClaimLine, Amounts,
        Provider, ClaimStatus, ClaimType, ServiceCategory, Network,
    )),
    tags((name = "auth"), (name = "coverage"), (name = "claims"), (name = "meta"))
)]
struct ApiDoc;

/// The document served at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
