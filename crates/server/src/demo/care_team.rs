//! Demo clinicians on the demo claims (issue 16): who performed, attended
//! or prescribed, each with a valid individual NPI. Fictional people; each
//! billing provider works with two of the clinicians of its kind, so the
//! same office shows the same names claim after claim.

use crate::db::Db;
use portal_domain::claims::{CareRole, ClaimType, ServiceCategory};
use portal_domain::provider::identity::npi_check_digit;

/// (family name, given name, credential).
pub(crate) type Person = (&'static str, &'static str, &'static str);

/// Physicians: office visits, hospital stays, prescriptions, and the
/// clinician who ordered a lab test or an image.
pub(crate) const MEDICAL: [Person; 10] = [
    ("Okafor", "Adaeze", "MD"),
    ("Romero", "Luis", "DO"),
    ("Nguyen", "Thao", "MD"),
    ("Brennan", "Claire", "MD"),
    ("Haddad", "Samir", "MD"),
    ("Kowalski", "Marta", "MD"),
    ("Asante", "Kwame", "MD"),
    ("Delgado", "Rosa", "MD"),
    ("Iversen", "Tor", "DO"),
    ("Sato", "Emi", "MD"),
];

/// Psychologists and clinical social workers.
pub(crate) const BEHAVIORAL: [Person; 2] = [("Feld", "Miriam", "PhD"), ("Ortiz", "Daniel", "LCSW")];

/// Physical therapists.
pub(crate) const THERAPY: [Person; 2] = [("Moss", "Hannah", "DPT"), ("Ibrahim", "Yusuf", "DPT")];

/// Dentists.
pub(crate) const DENTAL: [Person; 2] = [("Whitaker", "June", "DDS"), ("Moreau", "Julien", "DMD")];

/// Optometrists.
pub(crate) const VISION: [Person; 2] = [("Castillo", "Ana", "OD"), ("Lindgren", "Paul", "OD")];

/// A clinician's NPI: `19928` then the list and index, with its check digit.
pub(crate) fn npi(list: u32, index: usize) -> String {
    let base = format!("19928{list}{index:03}");
    let check = npi_check_digit(&base).unwrap_or(0);
    format!("{base}{check}")
}

/// The clinician of a claim and what they did.
fn clinician(
    claim_id: i64,
    claim_type: ClaimType,
    category: ServiceCategory,
    provider_npi: &str,
) -> (CareRole, String, Person) {
    let (list, people, role): (u32, &[Person], CareRole) = match (claim_type, category) {
        (ClaimType::Dental, _) => (2, &DENTAL, CareRole::Performing),
        (ClaimType::Vision, _) => (3, &VISION, CareRole::Performing),
        (ClaimType::Pharmacy, _) | (_, ServiceCategory::Prescription) => {
            (1, &MEDICAL, CareRole::Prescribing)
        }
        // A lab or an imaging centre bills; the physician who ordered it is named.
        (_, ServiceCategory::LabImaging) => (1, &MEDICAL, CareRole::Referring),
        (ClaimType::InstitutionalInpatient | ClaimType::InstitutionalOutpatient, _) => {
            (1, &MEDICAL, CareRole::Attending)
        }
        (_, ServiceCategory::MentalHealth) => (4, &BEHAVIORAL, CareRole::Performing),
        (_, ServiceCategory::Therapy) => (5, &THERAPY, CareRole::Performing),
        (ClaimType::Professional, _) => (1, &MEDICAL, CareRole::Performing),
    };
    // Two clinicians per billing provider, alternating by claim.
    let office: usize = provider_npi
        .bytes()
        .map(|b| usize::from(b.wrapping_sub(b'0')))
        .sum();
    let index = (office + usize::from(claim_id % 2 == 1)) % people.len();
    (role, npi(list, index), people[index])
}

/// Adds a clinician to every claim that has none (the demo households'
/// claims, including those of a database seeded before this table existed).
/// Returns how many claims got one.
pub async fn seed(db: &Db) -> anyhow::Result<u64> {
    let missing: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.claim_type, c.category, c.provider_npi FROM claims c \
         WHERE NOT EXISTS (SELECT 1 FROM claim_care_team t WHERE t.claim_id = c.id)",
    )
    .fetch_all(db)
    .await?;
    if missing.is_empty() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_write(db).await?;
    let mut added = 0;
    for (id, claim_type, category, provider_npi) in &missing {
        let (Some(claim_type), Some(category)) = (
            ClaimType::parse(claim_type),
            ServiceCategory::parse(category),
        ) else {
            continue;
        };
        let (role, npi, (family, given, credential)) =
            clinician(*id, claim_type, category, provider_npi);
        added += sqlx::query(
            "INSERT OR IGNORE INTO claim_care_team \
             (claim_id, sequence, role, npi, family_name, given_name, credential) \
             VALUES (?, 1, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(role.as_str())
        .bind(npi)
        .bind(family)
        .bind(given)
        .bind(credential)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_domain::provider::identity::npi_valid;

    #[test]
    fn every_demo_clinician_has_a_valid_distinct_npi() {
        let mut seen = std::collections::HashSet::new();
        for (list, len) in [
            (1, MEDICAL.len()),
            (2, DENTAL.len()),
            (3, VISION.len()),
            (4, BEHAVIORAL.len()),
            (5, THERAPY.len()),
        ] {
            for i in 0..len {
                let n = npi(list, i);
                assert!(npi_valid(&n), "{n}");
                assert!(seen.insert(n));
            }
        }
    }

    #[test]
    fn the_clinician_fits_the_claim() {
        use ServiceCategory as C;
        let cases = [
            (
                ClaimType::Professional,
                C::OfficeVisit,
                CareRole::Performing,
                &["MD", "DO"][..],
            ),
            (
                ClaimType::Professional,
                C::LabImaging,
                CareRole::Referring,
                &["MD", "DO"],
            ),
            (
                ClaimType::InstitutionalOutpatient,
                C::LabImaging,
                CareRole::Referring,
                &["MD", "DO"],
            ),
            (
                ClaimType::InstitutionalInpatient,
                C::HospitalStay,
                CareRole::Attending,
                &["MD", "DO"],
            ),
            (
                ClaimType::InstitutionalOutpatient,
                C::Emergency,
                CareRole::Attending,
                &["MD", "DO"],
            ),
            (
                ClaimType::Pharmacy,
                C::Prescription,
                CareRole::Prescribing,
                &["MD", "DO"],
            ),
            (
                ClaimType::Professional,
                C::MentalHealth,
                CareRole::Performing,
                &["PhD", "LCSW"],
            ),
            (
                ClaimType::Professional,
                C::Therapy,
                CareRole::Performing,
                &["DPT"],
            ),
            (
                ClaimType::Dental,
                C::Dental,
                CareRole::Performing,
                &["DDS", "DMD"],
            ),
            (ClaimType::Vision, C::Vision, CareRole::Performing, &["OD"]),
        ];
        for (t, category, role, credentials) in cases {
            let (r, _, (_, _, credential)) = clinician(7, t, category, "1245783018");
            assert_eq!(r, role, "{t:?} {category:?}");
            assert!(
                credentials.contains(&credential),
                "{t:?} {category:?}: {credential}"
            );
        }
        // The same office, two clinicians, alternating by claim.
        let office = |id| clinician(id, ClaimType::Professional, C::OfficeVisit, "1245783018").1;
        assert_ne!(office(2), office(3));
        assert_eq!(office(2), office(4));
    }
}
