//! `code_enum!`: an enum of fixed values, each with a stable code (JSON, URLs,
//! CSS modifiers, the database) and a plain-language label, so the code and
//! the words for a value are written once, next to each other.

/// Declares `pub enum $name` with `ALL`, `as_str`, `label` and `parse`, and
/// serde names from the codes:
///
/// ```ignore
/// code_enum! {
///     /// How much an alert matters.
///     Severity {
///         /// For information.
///         Info = "info" / "For your information",
///     }
/// }
/// ```
macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable code (as in URLs, JSON, CSS modifiers and the database).
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Plain-language label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses the stable code.
            pub fn parse(s: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s)
            }
        }

        // Written by hand rather than derived: the derive does not see the
        // `serde(rename)` of a macro's variants and would document the Rust
        // names (PascalCase) instead of the codes the API sends.
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
}

pub(crate) use code_enum;
