//! ZIP code centroids of the plan's service area (Washington), from
//! `assets/zip/wa.csv` (source and licence in `assets/zip/SOURCE.md`),
//! compiled into the server and read once.

use portal_domain::care::distance::LatLon;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One ZIP code's centroid and place name.
#[derive(Clone, Debug, PartialEq)]
pub struct ZipPlace {
    /// The ZIP code.
    pub zip: String,
    /// Its centroid.
    pub at: LatLon,
    /// City.
    pub city: String,
    /// State (two letters).
    pub state: String,
}

const CSV: &str = include_str!("../../assets/zip/wa.csv");

fn parse() -> HashMap<String, ZipPlace> {
    CSV.lines()
        .skip(1)
        .filter_map(|line| {
            let mut f = line.split(',');
            let zip = f.next()?.to_string();
            let lat: f64 = f.next()?.parse().ok()?;
            let lon: f64 = f.next()?.parse().ok()?;
            let city = f.next()?.to_string();
            let state = f.next()?.to_string();
            Some((
                zip.clone(),
                ZipPlace {
                    zip,
                    at: LatLon { lat, lon },
                    city,
                    state,
                },
            ))
        })
        .collect()
}

fn table() -> &'static HashMap<String, ZipPlace> {
    static TABLE: OnceLock<HashMap<String, ZipPlace>> = OnceLock::new();
    TABLE.get_or_init(parse)
}

/// The place of a ZIP code of the service area, or `None`.
pub fn lookup(zip: &str) -> Option<&'static ZipPlace> {
    table().get(zip)
}

/// Every ZIP code of the service area, sorted.
pub fn all() -> Vec<&'static ZipPlace> {
    let mut v: Vec<&ZipPlace> = table().values().collect();
    v.sort_by(|a, b| a.zip.cmp(&b.zip));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_set_is_whole() {
        assert_eq!(all().len(), 733);
        let seattle = lookup("98103").expect("98103");
        assert_eq!(seattle.city, "Seattle");
        assert_eq!(seattle.state, "WA");
        assert!((seattle.at.lat - 47.6733).abs() < 1e-9);
        assert!((seattle.at.lon + 122.3426).abs() < 1e-9);
        assert!(lookup("10001").is_none(), "outside the service area");
        for z in all() {
            assert_eq!(z.state, "WA");
            assert!((45.0..49.5).contains(&z.at.lat), "{}", z.zip);
            assert!((-125.0..-116.0).contains(&z.at.lon), "{}", z.zip);
        }
    }
}
