//! The provider directory (issue 14): the listings in memory for fast
//! search ([`DirectoryIndex`], read from the database at start-up, a few
//! thousand listings in about a megabyte), and the ZIP code centroids
//! ([`zips`]).
//!
//! A search filters every listing (about 3,000: tens of microseconds),
//! measures each location's distance from the ZIP code's centroid, and sorts
//! by distance, then name.

pub mod record_pdf;
pub mod zips;

use crate::db::directory::DirectoryRows;
use chrono::NaiveDate;
use portal_domain::care::directory::{
    Access, DirectoryLocation, DirectoryQuery, Gender, Language, LinkedListing, NetworkScope,
    NetworkStatus, ProviderCard, ProviderDetail, ProviderKind,
};
use portal_domain::care::distance::{tenths_of_mile, within, LatLon};
use portal_domain::care::taxonomy;
use std::collections::HashMap;

/// One location in memory.
#[derive(Clone, Debug)]
pub struct Place {
    /// Row id (`directory_locations.id`).
    pub id: i64,
    /// What is shown.
    pub shown: DirectoryLocation,
    /// Where it is.
    pub at: LatLon,
}

/// One listing in memory.
#[derive(Clone, Debug)]
pub struct Listing {
    /// Row id.
    pub id: i64,
    /// NPI.
    pub npi: String,
    /// Clinician or facility.
    pub kind: ProviderKind,
    /// Name as shown.
    pub name: String,
    /// Name in lower case, for matching.
    pub name_lower: String,
    /// NUCC code.
    pub taxonomy: &'static taxonomy::Taxonomy,
    /// Gender (clinicians).
    pub gender: Option<Gender>,
    /// Board certified (physicians).
    pub board_certified: Option<bool>,
    /// Accepting new patients.
    pub accepting_new: bool,
    /// Offers virtual visits.
    pub virtual_visits: bool,
    /// Languages spoken.
    pub languages: Vec<Language>,
    /// The practice, for a clinician.
    pub practice_id: Option<i64>,
    /// The estimator's provider ID.
    pub estimator_id: Option<String>,
    /// Last verified.
    pub verified_on: NaiveDate,
    /// Locations, first is the main one.
    pub places: Vec<Place>,
    /// (network name, tier).
    pub networks: Vec<(String, u8)>,
    /// Hospital listing ids.
    pub hospitals: Vec<i64>,
}

impl Listing {
    /// Standing in the network called `network`.
    pub fn status_in(&self, network: &str) -> NetworkStatus {
        self.networks
            .iter()
            .find(|(n, _)| n == network)
            .map_or(NetworkStatus::OutOfNetwork, |(_, tier)| {
                NetworkStatus::InNetwork { tier: *tier }
            })
    }

    /// The locations as shown, with distances from `from`.
    pub fn locations_from(&self, from: Option<LatLon>) -> Vec<DirectoryLocation> {
        self.places
            .iter()
            .map(|p| DirectoryLocation {
                distance_tenths: from.map(|f| tenths_of_mile(f, p.at)),
                ..p.shown.clone()
            })
            .collect()
    }
}

/// What a search asks, resolved: the words read as taxonomies, the place
/// and the network.
pub struct Search<'a> {
    /// The member's query.
    pub query: &'a DirectoryQuery,
    /// The centroid to measure from.
    pub from: Option<LatLon>,
    /// The network searched.
    pub network: &'a str,
}

/// A page of matches: (listing, index of its nearest place, distance).
pub struct Matches<'a> {
    /// How many matched in all.
    pub total: usize,
    /// The specialties the words were read as.
    pub specialties: Vec<&'static taxonomy::Taxonomy>,
    /// This page.
    pub page: Vec<(&'a Listing, usize, Option<u32>)>,
}

/// Every listing, in memory.
#[derive(Default)]
pub struct DirectoryIndex {
    listings: Vec<Listing>,
    by_id: HashMap<i64, usize>,
}

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

impl DirectoryIndex {
    /// Builds the index from the tables' rows; a row with an unknown
    /// taxonomy or a bad date is left out (and logged).
    pub fn from_rows(rows: DirectoryRows) -> Self {
        let mut places: HashMap<i64, Vec<Place>> = HashMap::new();
        for l in rows.locations {
            let mut access = Vec::new();
            if l.wheelchair {
                access.push(Access::Wheelchair);
            }
            if l.asl {
                access.push(Access::Asl);
            }
            places.entry(l.provider_id).or_default().push(Place {
                id: l.id,
                at: LatLon {
                    lat: l.lat_e6 as f64 / 1e6,
                    lon: l.lon_e6 as f64 / 1e6,
                },
                shown: DirectoryLocation {
                    name: l.name,
                    line: l.line,
                    city: l.city,
                    state: l.state,
                    zip: l.zip,
                    phone: l.phone,
                    hours: l.hours.split('|').map(str::to_string).collect(),
                    access,
                    distance_tenths: None,
                },
            });
        }
        let mut networks: HashMap<i64, Vec<(String, u8)>> = HashMap::new();
        for (p, n, tier) in rows.networks {
            networks
                .entry(p)
                .or_default()
                .push((n, u8::try_from(tier).unwrap_or(u8::MAX)));
        }
        let mut hospitals: HashMap<i64, Vec<i64>> = HashMap::new();
        for (p, h) in rows.affiliations {
            hospitals.entry(p).or_default().push(h);
        }
        let mut listings = Vec::with_capacity(rows.providers.len());
        for r in rows.providers {
            let (Some(tax), Ok(verified_on)) = (
                taxonomy::by_code(&r.taxonomy),
                r.verified_on.parse::<NaiveDate>(),
            ) else {
                tracing::warn!(
                    id = r.id,
                    "directory listing left out: bad taxonomy or date"
                );
                continue;
            };
            let Some(places) = places.remove(&r.id) else {
                tracing::warn!(id = r.id, "directory listing left out: no location");
                continue;
            };
            listings.push(Listing {
                id: r.id,
                npi: r.npi,
                kind: ProviderKind::parse(&r.kind).unwrap_or(ProviderKind::Organization),
                name_lower: r.name.to_lowercase(),
                name: r.name,
                taxonomy: tax,
                gender: r.gender.as_deref().and_then(Gender::parse),
                board_certified: r.board_certified,
                accepting_new: r.accepting_new,
                virtual_visits: r.virtual_visits,
                languages: r.languages.split(',').filter_map(Language::parse).collect(),
                practice_id: r.practice_id,
                estimator_id: r.estimator_id,
                verified_on,
                places,
                networks: networks.remove(&r.id).unwrap_or_default(),
                hospitals: hospitals.remove(&r.id).unwrap_or_default(),
            });
        }
        let by_id = listings
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id, i))
            .collect();
        DirectoryIndex { listings, by_id }
    }

    /// Reads the directory from the database.
    pub async fn load(db: &crate::db::Db) -> sqlx::Result<Self> {
        Ok(Self::from_rows(crate::db::directory::load(db).await?))
    }

    /// How many listings.
    pub fn len(&self) -> usize {
        self.listings.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.listings.is_empty()
    }

    /// The listing with this id.
    pub fn get(&self, id: i64) -> Option<&Listing> {
        self.by_id.get(&id).map(|i| &self.listings[*i])
    }

    /// Every listing whose name is `name` (the claims' provider names).
    pub fn named(&self, name: &str) -> Vec<&Listing> {
        let lower = name.to_lowercase();
        self.listings
            .iter()
            .filter(|l| l.name_lower == lower)
            .collect()
    }

    /// The first listing whose name starts with `prefix` (case-insensitive).
    pub fn name_starting(&self, prefix: &str) -> Option<&Listing> {
        let lower = prefix.to_lowercase();
        self.listings
            .iter()
            .find(|l| l.name_lower.starts_with(&lower))
    }

    /// Every listing, in id order.
    pub fn all(&self) -> &[Listing] {
        &self.listings
    }

    /// The listing with this NPI.
    pub fn by_npi(&self, npi: &str) -> Option<&Listing> {
        self.listings.iter().find(|l| l.npi == npi)
    }

    /// Runs a search: every filter, the radius; listings the words name
    /// first, then by distance (then name); one page of [`portal_domain::care::directory::PAGE_SIZE`].
    pub fn search(&self, s: &Search<'_>) -> Matches<'_> {
        let q = s.query;
        let text = q.q.as_deref().unwrap_or("").trim();
        let specialties = if text.is_empty() {
            Vec::new()
        } else {
            taxonomy::from_words(text)
        };
        let terms = words(text);
        // Listings the words name come first only when a name may be meant
        // ("Cedar Family Medicine", not "family medicine").
        let may_be_a_name = !taxonomy::only_specialty_words(text);
        let text_lower = text.to_lowercase();
        // (listing, place, distance, matched by its name).
        let mut hits: Vec<(&Listing, usize, Option<u32>, bool)> = Vec::new();
        for l in &self.listings {
            let mut named = false;
            if !text.is_empty() {
                let by_specialty = specialties.iter().any(|t| t.code == l.taxonomy.code);
                let by_name = if specialties.is_empty() {
                    terms.iter().all(|t| l.name_lower.contains(t.as_str()))
                } else {
                    l.name_lower.contains(&text_lower)
                };
                if !by_specialty && !by_name {
                    continue;
                }
                named = by_name && may_be_a_name;
            }
            if q.network == NetworkScope::InNetwork && !l.status_in(s.network).is_in() {
                continue;
            }
            if q.accepting && !l.accepting_new {
                continue;
            }
            if q.virtual_visits && !l.virtual_visits {
                continue;
            }
            if let Some(lang) = q.language {
                if !l.languages.contains(&lang) {
                    continue;
                }
            }
            if let Some(g) = q.gender {
                if l.gender != Some(g) {
                    continue;
                }
            }
            let nearest = l
                .places
                .iter()
                .enumerate()
                .filter(|(_, p)| q.access.is_none_or(|a| p.shown.access.contains(&a)))
                .map(|(i, p)| (i, s.from.map(|f| tenths_of_mile(f, p.at))))
                .min_by_key(|(_, d)| d.unwrap_or(0));
            let Some((place, distance)) = nearest else {
                continue;
            };
            if let Some(d) = distance {
                if !within(d, q.within) {
                    continue;
                }
            }
            hits.push((l, place, distance, named));
        }
        // A listing the words name comes first ("Cedar Family Medicine"
        // before other family doctors nearer by), then by distance.
        hits.sort_by(|a, b| {
            b.3.cmp(&a.3)
                .then_with(|| a.2.unwrap_or(0).cmp(&b.2.unwrap_or(0)))
                .then_with(|| a.0.name.cmp(&b.0.name))
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        let total = hits.len();
        let size = portal_domain::care::directory::PAGE_SIZE as usize;
        let start = (q.page as usize).saturating_sub(1).saturating_mul(size);
        let page = hits
            .into_iter()
            .skip(start)
            .take(size)
            .map(|(l, place, d, _)| (l, place, d))
            .collect();
        Matches {
            total,
            specialties,
            page,
        }
    }

    /// A listing as a search result, at its place `place`.
    pub fn card(
        &self,
        l: &Listing,
        place: usize,
        distance: Option<u32>,
        network: &str,
    ) -> ProviderCard {
        let mut location = l
            .places
            .get(place)
            .or_else(|| l.places.first())
            .map(|p| p.shown.clone())
            .unwrap_or_else(|| empty_location(&l.name));
        location.distance_tenths = distance;
        ProviderCard {
            id: l.id,
            npi: l.npi.clone(),
            name: l.name.clone(),
            kind: l.kind,
            specialty: l.taxonomy.name.to_string(),
            taxonomy: l.taxonomy.code.to_string(),
            location,
            locations: u32::try_from(l.places.len()).unwrap_or(u32::MAX),
            network: l.status_in(network),
            accepting_new: l.accepting_new,
            virtual_visits: l.virtual_visits,
            languages: l.languages.clone(),
        }
    }

    /// A listing in full, with its standing in each of `plans`' networks
    /// (filled in by the caller) and distances from `from`.
    pub fn detail(&self, l: &Listing, from: Option<LatLon>) -> ProviderDetail {
        let linked = |id: i64| {
            self.get(id).map(|o| LinkedListing {
                id: o.id,
                name: o.name.clone(),
            })
        };
        ProviderDetail {
            id: l.id,
            npi: l.npi.clone(),
            name: l.name.clone(),
            kind: l.kind,
            specialty: l.taxonomy.name.to_string(),
            taxonomy: l.taxonomy.code.to_string(),
            gender: l.gender,
            board_certified: l.board_certified,
            accepting_new: l.accepting_new,
            virtual_visits: l.virtual_visits,
            languages: l.languages.clone(),
            locations: l.locations_from(from),
            networks: Vec::new(),
            practice: l.practice_id.and_then(linked),
            hospitals: l.hospitals.iter().filter_map(|h| linked(*h)).collect(),
            verified_on: l.verified_on,
            estimator_id: l.estimator_id.clone(),
            under_review_since: None,
            pcp_choices: Vec::new(),
        }
    }
}

fn empty_location(name: &str) -> DirectoryLocation {
    DirectoryLocation {
        name: name.to_string(),
        line: String::new(),
        city: String::new(),
        state: String::new(),
        zip: String::new(),
        phone: String::new(),
        hours: Vec::new(),
        access: Vec::new(),
        distance_tenths: None,
    }
}
