//! Find care (issue 14): the rules of the provider directory that the
//! browser and the server share. So far: specialties as NUCC taxonomy codes
//! with the plain-language words members search with ([`taxonomy`]), and
//! distances between two places ([`distance`]). The directory's data, its
//! search API and its pages are still to come.

pub mod distance;
pub mod taxonomy;
