//! The demo provider file: two organisations with accounts (`provider1`,
//! `provider2`) and two not yet registered, whose NPIs are those of
//! providers in the demo members' claims.

use super::claims::npi;
use sqlx::{Sqlite, Transaction};

/// A demo organisation: name, tax ID kind and digits, its NPIs (base nine
/// digits and the name each bills as), the person in the provider file
/// (provider ID base and suffix, first and last name, date of birth,
/// email), and the account's username when it is registered.
struct DemoOrg {
    name: &'static str,
    tax_kind: &'static str,
    tax_id: &'static str,
    npis: &'static [(u32, &'static str)],
    person: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    username: Option<&'static str>,
}

const ORGS: &[DemoOrg] = &[
    DemoOrg {
        name: "Cedar Family Medicine",
        tax_kind: "ein",
        tax_id: "411234567",
        npis: &[(124_578_301, "Cedar Family Medicine")],
        person: (
            "700100200",
            "01",
            "Elena",
            "Brooks",
            "1971-05-14",
            "billing@cedarfamily.example",
        ),
        username: Some("provider1"),
    },
    DemoOrg {
        name: "Evergreen Health Partners",
        tax_kind: "ein",
        tax_id: "417654321",
        npis: &[
            (124_578_306, "Evergreen Regional Hospital"),
            (124_578_308, "ClearPath Imaging"),
        ],
        person: (
            "700200300",
            "01",
            "Marcus",
            "Hale",
            "1968-09-02",
            "revenue@evergreenhp.example",
        ),
        username: Some("provider2"),
    },
    DemoOrg {
        name: "Harborview Cardiology",
        tax_kind: "ein",
        tax_id: "415550123",
        npis: &[(124_578_303, "Harborview Cardiology")],
        person: (
            "700300400",
            "01",
            "Priya",
            "Natarajan",
            "1979-02-11",
            "office@harborview.example",
        ),
        username: None,
    },
    DemoOrg {
        name: "Motion Physical Therapy",
        tax_kind: "ssn",
        tax_id: "512346789",
        npis: &[(124_578_312, "Motion Physical Therapy")],
        person: (
            "700400500",
            "01",
            "Sam",
            "Ortiz",
            "1983-07-21",
            "sam@motionpt.example",
        ),
        username: None,
    },
];

/// Seeds the provider file and the two provider accounts (password `hash`).
pub async fn seed(tx: &mut Transaction<'_, Sqlite>, hash: &str, ts: i64) -> anyhow::Result<()> {
    for org in ORGS {
        let org_id = sqlx::query(
            "INSERT INTO provider_orgs (name, tax_id_kind, tax_id, in_network) VALUES (?, ?, ?, 1)",
        )
        .bind(org.name)
        .bind(org.tax_kind)
        .bind(org.tax_id)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        for (base, name) in org.npis {
            sqlx::query("INSERT INTO provider_npis (npi, org_id, name) VALUES (?, ?, ?)")
                .bind(npi(*base))
                .bind(org_id)
                .bind(*name)
                .execute(&mut **tx)
                .await?;
        }
        let (base, suffix, first, last, dob, email) = org.person;
        let record_id = sqlx::query(
            "INSERT INTO provider_records (org_id, provider_id_base, provider_id_suffix, first_name, last_name, \
             date_of_birth, email) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(org_id)
        .bind(base)
        .bind(suffix)
        .bind(first)
        .bind(last)
        .bind(dob)
        .bind(email)
        .execute(&mut **tx)
        .await?
        .last_insert_rowid();
        if let Some(username) = org.username {
            let user_id = sqlx::query(
                "INSERT INTO users (member_id, provider_id, role, username, password_hash, email, created_at, \
                 password_changed_at) VALUES (NULL, ?, 'provider', ?, ?, ?, ?, ?)",
            )
            .bind(record_id)
            .bind(username)
            .bind(hash)
            .bind(email)
            .bind(ts)
            .bind(ts)
            .execute(&mut **tx)
            .await?
            .last_insert_rowid();
            sqlx::query(
                "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
            )
            .bind(user_id)
            .bind(hash)
            .bind(ts)
            .execute(&mut **tx)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_npis_have_valid_check_digits() {
        for org in ORGS {
            for (base, _) in org.npis {
                assert!(
                    portal_domain::provider::npi_valid(&npi(*base)),
                    "{}",
                    org.name
                );
            }
        }
    }
}
