//! The OpenAPI document, generated from the handlers' annotations.

use crate::routes::{auth, coverage, meta};
use portal_domain::api::{
    CardCopay, Coverage, IdCard, LoginRequest, Me, MemberSummary, PlanSummary, PolicyInfo,
    RegisterRequest, RegistrationMethod, Relationship, RuleInfo,
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
    ),
    components(schemas(
        ProblemDetails, FieldError, LoginRequest, RegisterRequest, RegistrationMethod, PolicyInfo, RuleInfo,
        Rule, PolicyPreset, Me, MemberSummary, Relationship, PlanSummary, CardCopay, IdCard, Coverage, Money,
    )),
    tags((name = "auth"), (name = "coverage"), (name = "meta"))
)]
struct ApiDoc;

/// The document served at `/api/openapi.json`.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}
