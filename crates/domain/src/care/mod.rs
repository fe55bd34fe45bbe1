//! Find care (issue 14): the rules of the provider directory that the
//! browser and the server share: specialties as NUCC taxonomy codes with the
//! plain-language words members search with ([`taxonomy`]), distances
//! between two places ([`distance`]), and the directory's search query and
//! answers ([`directory`]), primary care choices ([`pcp`]) and virtual
//! visits ([`virtual_visit`]).

pub mod directory;
pub mod distance;
pub mod pcp;
pub mod taxonomy;
pub mod virtual_visit;
