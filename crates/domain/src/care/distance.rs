//! Distances for "near a ZIP code": great-circle (haversine) distance
//! between two points, in tenths of a mile, rounded half up. Integer tenths
//! so a distance is shown and compared the same way everywhere ("2.3 mi"),
//! and a radius filter ("within 10 miles") compares whole numbers.

/// A point on the Earth (WGS 84 degrees).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    /// Latitude, -90 to 90.
    pub lat: f64,
    /// Longitude, -180 to 180.
    pub lon: f64,
}

/// The mean radius of the Earth in miles (IUGG mean radius, 6,371.0088 km).
pub const EARTH_RADIUS_MILES: f64 = 3958.7613;

/// Great-circle distance from `a` to `b` in tenths of a mile.
pub fn tenths_of_mile(a: LatLon, b: LatLon) -> u32 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let dp = p2 - p1;
    let dl = (b.lon - a.lon).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    let central = 2.0 * h.sqrt().min(1.0).asin();
    let tenths = (central * EARTH_RADIUS_MILES * 10.0).round();
    if tenths.is_finite() && tenths >= 0.0 {
        // At most half the Earth's circumference: about 124,000 tenths.
        tenths as u32
    } else {
        0
    }
}

/// A distance in words: "0.4 mi", "12.0 mi".
pub fn label(tenths: u32) -> String {
    format!("{}.{} mi", tenths / 10, tenths % 10)
}

/// Whether `tenths` is within a radius of `miles` whole miles.
pub fn within(tenths: u32, miles: u32) -> bool {
    tenths <= miles.saturating_mul(10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(lat: f64, lon: f64) -> LatLon {
        LatLon { lat, lon }
    }

    #[test]
    fn known_distances() {
        // (from, to, miles, tolerance in tenths): city-hall coordinates;
        // published great-circle distances.
        let cases = [
            // New York to Los Angeles: about 2,445 miles.
            (p(40.7128, -74.0060), p(34.0522, -118.2437), 24_451, 20),
            // Seattle to Portland: about 145 miles.
            (p(47.6062, -122.3321), p(45.5152, -122.6784), 1_455, 10),
            // One degree of latitude: about 69.1 miles.
            (p(40.0, -100.0), p(41.0, -100.0), 691, 1),
            // The same place.
            (p(40.0, -100.0), p(40.0, -100.0), 0, 0),
        ];
        for (a, b, want, tol) in cases {
            let got = tenths_of_mile(a, b);
            assert!(
                got.abs_diff(want) <= tol,
                "{a:?} -> {b:?}: {got} tenths, want {want}"
            );
        }
    }

    #[test]
    fn words_and_radius() {
        assert_eq!(label(0), "0.0 mi");
        assert_eq!(label(4), "0.4 mi");
        assert_eq!(label(120), "12.0 mi");
        assert!(within(100, 10));
        assert!(!within(101, 10));
        assert!(within(0, 0));
    }

    proptest! {
        #[test]
        fn symmetric_and_bounded(
            lat1 in -90.0f64..90.0, lon1 in -180.0f64..180.0,
            lat2 in -90.0f64..90.0, lon2 in -180.0f64..180.0,
        ) {
            let (a, b) = (p(lat1, lon1), p(lat2, lon2));
            prop_assert_eq!(tenths_of_mile(a, b), tenths_of_mile(b, a));
            // Never more than half the circumference (12,437 miles).
            prop_assert!(tenths_of_mile(a, b) <= 124_370);
            prop_assert_eq!(tenths_of_mile(a, a), 0);
        }
    }
}
