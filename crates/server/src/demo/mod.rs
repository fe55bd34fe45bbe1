//! The deterministic demo data (docs/api.md lists it): two households on the
//! 2026 silver PPO, three accounts, eligible members to try registration
//! with, and one valid and one expired activation code.

pub mod care_team;
pub mod catalog;
pub mod claims;
pub mod directory;
pub mod home;
pub mod plan;
pub mod provider_bills;
pub mod providers;
pub mod virtual_care;

use crate::auth::password;
use crate::auth::session::hash_secret;
use crate::db::Db;
use chrono::{Duration, NaiveDate, Utc};

/// The demo password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo.Pass1";
/// The password of the demo member services accounts (`support1`,
/// `support2`): staff sign in under the strong preset (12+ characters,
/// upper and lower case, a digit and a symbol).
pub const SUPPORT_PASSWORD: &str = "Support.Desk26";
/// The demo member services accounts and their authenticator-app secrets
/// (base32, RFC 6238 codes of 6 digits every 30 s): staff sign in with
/// two-step verification always.
pub const SUPPORT_ACCOUNTS: [(&str, &str); 2] = [
    ("support1", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    ("support2", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
];
/// The valid demo activation code (Casey Morgan).
pub const VALID_CODE: &str = "DEMO2026CODE";
/// The expired demo activation code (Casey Morgan's earlier letter).
pub const EXPIRED_CODE: &str = "EXPIRED02025";

struct Person {
    household: i64,
    suffix: &'static str,
    first: &'static str,
    last: &'static str,
    dob: &'static str,
    ssn4: &'static str,
    rel: &'static str,
    username: Option<&'static str>,
}

const PEOPLE: &[Person] = &[
    Person {
        household: 1,
        suffix: "01",
        first: "Alex",
        last: "Morgan",
        dob: "1984-03-14",
        ssn4: "4821",
        rel: "subscriber",
        username: Some("member1"),
    },
    Person {
        household: 1,
        suffix: "02",
        first: "Jordan",
        last: "Morgan",
        dob: "1986-07-22",
        ssn4: "3390",
        rel: "spouse",
        username: None,
    },
    Person {
        household: 1,
        suffix: "03",
        first: "Casey",
        last: "Morgan",
        dob: "2007-05-09",
        ssn4: "1177",
        rel: "child",
        username: None,
    },
    Person {
        household: 1,
        suffix: "04",
        first: "Riley",
        last: "Morgan",
        dob: "2015-11-30",
        ssn4: "2045",
        rel: "child",
        username: None,
    },
    Person {
        household: 2,
        suffix: "01",
        first: "Sam",
        last: "Rivera",
        dob: "1979-02-11",
        ssn4: "5566",
        rel: "subscriber",
        username: Some("member2"),
    },
    Person {
        household: 2,
        suffix: "02",
        first: "Taylor",
        last: "Rivera",
        dob: "1981-09-03",
        ssn4: "7788",
        rel: "spouse",
        username: None,
    },
    Person {
        household: 2,
        suffix: "03",
        first: "Jamie",
        last: "Rivera",
        dob: "2003-04-17",
        ssn4: "9901",
        rel: "child",
        username: Some("member3"),
    },
];

/// The Chen household, for family privacy: the spouse and the adult
/// dependent (Reese, 21, account `family2`) have not consented to share, so
/// the subscriber (`family1`) sees only herself and the minor child.
const CHEN_PEOPLE: &[Person] = &[
    Person {
        household: 5,
        suffix: "01",
        first: "Dana",
        last: "Chen",
        dob: "1972-04-18",
        ssn4: "5151",
        rel: "subscriber",
        username: Some("family1"),
    },
    Person {
        household: 5,
        suffix: "02",
        first: "Kim",
        last: "Chen",
        dob: "1970-09-09",
        ssn4: "5252",
        rel: "spouse",
        username: None,
    },
    Person {
        household: 5,
        suffix: "03",
        first: "Reese",
        last: "Chen",
        dob: "2005-06-12",
        ssn4: "5353",
        rel: "child",
        username: Some("family2"),
    },
    Person {
        household: 5,
        suffix: "04",
        first: "Milo",
        last: "Chen",
        dob: "2016-02-03",
        ssn4: "5454",
        rel: "child",
        username: None,
    },
];

/// The contact on file of a demo account (recovery codes go there, read at
/// `/dev/outbox`): `member1` and `secure01` to `secure09` have an email,
/// `member3` a mobile phone only, `secure10` and the others none (they are
/// told to call Member Services).
fn demo_contact(username: &str) -> (Option<String>, Option<&'static str>) {
    match username {
        "member1" => (Some("alex.morgan@example.com".into()), None),
        "member3" => (None, Some("+15555550143")),
        "secure10" => (None, None),
        u if u.starts_with("secure") => (Some(format!("{u}@example.com")), None),
        _ => (None, None),
    }
}

/// The benchmark household (seeded when `perf_claims > 0`).
/// The Lee household: ten adults with accounts `secure01` to `secure10` and
/// no claims, for trying (and end-to-end testing) the account-security tools:
/// two-step verification, recovery, username and password changes, sessions.
/// Each end-to-end spec that changes an account uses its own.
const SECURITY_PEOPLE: &[Person] = &[
    security_person("01", "Morgan", "1970-01-15", "subscriber", "secure01"),
    security_person("02", "Avery", "1971-02-16", "spouse", "secure02"),
    security_person("03", "Blake", "1990-03-17", "child", "secure03"),
    security_person("04", "Cameron", "1991-04-18", "child", "secure04"),
    security_person("05", "Devon", "1992-05-19", "child", "secure05"),
    security_person("06", "Emerson", "1993-06-20", "child", "secure06"),
    security_person("07", "Finley", "1994-07-21", "child", "secure07"),
    security_person("08", "Harper", "1995-08-22", "child", "secure08"),
    security_person("09", "Kendall", "1996-09-23", "child", "secure09"),
    security_person("10", "Logan", "1997-10-24", "child", "secure10"),
];

const fn security_person(
    suffix: &'static str,
    first: &'static str,
    dob: &'static str,
    rel: &'static str,
    username: &'static str,
) -> Person {
    Person {
        household: 4,
        suffix,
        first,
        last: "Lee",
        dob,
        ssn4: "6060",
        rel,
        username: Some(username),
    }
}

/// Households of one subscriber each, billed like the Morgans (a premium
/// past due), for paying premiums: each end-to-end spec that pays uses its
/// own (`payer1` to `payer3`). No claims.
pub const PAYER_HOUSEHOLDS: &[i64] = &[11, 12, 13];

const PAYER_PEOPLE: &[Person] = &[
    payer(11, "Riley", "payer1"),
    payer(12, "Jesse", "payer2"),
    payer(13, "Quinn", "payer3"),
];

const fn payer(household: i64, first: &'static str, username: &'static str) -> Person {
    Person {
        household,
        suffix: "01",
        first,
        last: "Okafor",
        dob: "1980-04-12",
        ssn4: "7070",
        rel: "subscriber",
        username: Some(username),
    }
}

/// Households of one subscriber each with claims and bills from their
/// providers (what members owe providers, issue 15): each end-to-end spec
/// that pays, sets up a payment plan or disputes uses its own
/// (`billpay1` to `billpay3`).
pub const BILLPAY_HOUSEHOLDS: &[i64] = &[15, 16, 17];

const BILLPAY_PEOPLE: &[Person] = &[
    billpay(15, "Morgan", "billpay1"),
    billpay(16, "Dana", "billpay2"),
    billpay(17, "Robin", "billpay3"),
];

const fn billpay(household: i64, first: &'static str, username: &'static str) -> Person {
    Person {
        household,
        suffix: "01",
        first,
        last: "Lindqvist",
        dob: "1977-09-23",
        ssn4: "8080",
        rel: "subscriber",
        username: Some(username),
    }
}

/// The Alvarez household: members of the old site who never registered;
/// each signs in the first time with the ID number and the PIN of
/// [`LEGACY_PINS`].
const LEGACY_PEOPLE: &[Person] = &[
    Person {
        household: 14,
        suffix: "01",
        first: "Pat",
        last: "Alvarez",
        dob: "1962-08-30",
        ssn4: "8080",
        rel: "subscriber",
        username: None,
    },
    Person {
        household: 14,
        suffix: "02",
        first: "Lee",
        last: "Alvarez",
        dob: "1964-01-19",
        ssn4: "8181",
        rel: "spouse",
        username: None,
    },
];

/// The old site's PINs of the legacy members: (typed member ID, PIN).
pub const LEGACY_PINS: [(&str, &str); 2] = [("61470080001", "482916"), ("61470080002", "730154")];

const PERF_PEOPLE: &[Person] = &[
    Person {
        household: 3,
        suffix: "01",
        first: "Pat",
        last: "Quinn",
        dob: "1975-06-02",
        ssn4: "1010",
        rel: "subscriber",
        username: Some("perf10k"),
    },
    Person {
        household: 3,
        suffix: "02",
        first: "Robin",
        last: "Quinn",
        dob: "1977-10-19",
        ssn4: "2020",
        rel: "spouse",
        username: None,
    },
    Person {
        household: 3,
        suffix: "03",
        first: "Drew",
        last: "Quinn",
        dob: "2009-01-25",
        ssn4: "3030",
        rel: "child",
        username: None,
    },
    Person {
        household: 3,
        suffix: "04",
        first: "Sky",
        last: "Quinn",
        dob: "2012-08-08",
        ssn4: "4040",
        rel: "child",
        username: None,
    },
];

/// Seeds the demo data into an empty database, in one transaction: the two
/// demo households with 36 months of claims, and, when `perf_claims > 0`,
/// the benchmark household (`perf10k`) with exactly that many claims.
/// Returns false (and changes nothing) when households already exist.
pub async fn seed_if_empty(db: &Db, perf_claims: usize, today: NaiveDate) -> anyhow::Result<bool> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM households")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(false);
    }
    let demo_hash = password::hash_blocking(DEMO_PASSWORD.to_string()).await?;
    let now = Utc::now();
    let mut tx = crate::db::begin_write(db).await?;
    sqlx::query(
        "INSERT INTO plans (id, name, year, plan_type, network, group_number, rx_bin, rx_pcn, rx_group, \
         copay_primary_cents, copay_specialist_cents, copay_urgent_cents, copay_er_cents, \
         member_services_phone, provider_services_phone, coverage_start, coverage_end) \
         VALUES ('EVG-SLV-PPO-2026', 'Evergreen Silver PPO 2026', 2026, 'PPO', 'Evergreen Choice', 'GRP-204518', \
         '610014', 'EVRX', 'EVG2026', 2500, 5000, 7500, 35000, '1-800-555-0142', '1-800-555-0199', \
         '2026-01-01', '2026-12-31')",
    )
    .execute(&mut *tx)
    .await?;
    let mut households = vec![
        (1i64, "100200300"),
        (2, "200300400"),
        (4, "400500600"),
        (5, "500600700"),
        (11, "611700800"),
        (12, "612700800"),
        (13, "613700800"),
        (14, "614700800"),
        (15, "615700800"),
        (16, "616700800"),
        (17, "617700800"),
    ];
    let mut people: Vec<&Person> = PEOPLE
        .iter()
        .chain(SECURITY_PEOPLE)
        .chain(CHEN_PEOPLE)
        .chain(PAYER_PEOPLE)
        .chain(LEGACY_PEOPLE)
        .chain(BILLPAY_PEOPLE)
        .collect();
    if perf_claims > 0 {
        households.push((3, "300400500"));
        people.extend(PERF_PEOPLE.iter());
    }
    for (id, base) in households {
        sqlx::query("INSERT INTO households (id, member_id_base, plan_id) VALUES (?, ?, 'EVG-SLV-PPO-2026')")
            .bind(id)
            .bind(base)
            .execute(&mut *tx)
            .await?;
    }
    let ts = now.timestamp();
    let mut patients: Vec<(i64, claims::Patient)> = Vec::new();
    for p in people {
        let member_id = sqlx::query(
            "INSERT INTO members (household_id, suffix, first_name, last_name, date_of_birth, ssn_last4, relationship) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(p.household)
        .bind(p.suffix)
        .bind(p.first)
        .bind(p.last)
        .bind(p.dob)
        .bind(p.ssn4)
        .bind(p.rel)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        let born = chrono::NaiveDate::parse_from_str(p.dob, "%Y-%m-%d")?;
        patients.push((p.household, claims::Patient { member_id, born }));
        if let Some(username) = p.username {
            let user_id = sqlx::query(
                "INSERT INTO users (member_id, username, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(member_id)
            .bind(username)
            .bind(&demo_hash)
            .bind(ts)
            .bind(ts)
            .execute(&mut *tx)
            .await?
            .last_insert_rowid();
            sqlx::query("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)")
                .bind(user_id)
                .bind(&demo_hash)
                .bind(ts)
                .execute(&mut *tx)
                .await?;
            let (email, phone) = demo_contact(username);
            sqlx::query("UPDATE users SET email = ?, phone = ? WHERE id = ?")
                .bind(email)
                .bind(phone)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        if p.first == "Casey" {
            for (code, expires) in [
                (VALID_CODE, now + Duration::days(90)),
                (EXPIRED_CODE, now - Duration::days(30)),
            ] {
                sqlx::query("INSERT INTO activation_codes (code_hash, member_id, expires_at) VALUES (?, ?, ?)")
                    .bind(hash_secret(code))
                    .bind(member_id)
                    .bind(expires.timestamp())
                    .execute(&mut *tx)
                    .await?;
            }
        }
    }
    for (household, count) in [
        (1i64, None),
        (2, Some(60)),
        (3, Some(perf_claims)),
        (5, Some(40)),
        (15, Some(90)),
        (16, Some(90)),
        (17, Some(90)),
    ] {
        let members: Vec<claims::Patient> = patients
            .iter()
            .filter(|(h, _)| *h == household)
            .map(|(_, p)| *p)
            .collect();
        if members.is_empty() || count == Some(0) {
            continue;
        }
        let generated = claims::generate(household, &members, today, count);
        crate::db::claims::insert(&mut tx, household, &generated).await?;
    }
    home::seed(&mut tx, today).await?;
    provider_bills::seed(&mut tx, today, ts).await?;
    let support_hash = password::hash_blocking(SUPPORT_PASSWORD.to_string()).await?;
    for (username, secret) in SUPPORT_ACCOUNTS {
        let user_id = sqlx::query(
            "INSERT INTO users (member_id, username, password_hash, created_at, password_changed_at, role) \
             VALUES (NULL, ?, ?, ?, ?, 'support')",
        )
        .bind(username)
        .bind(&support_hash)
        .bind(ts)
        .bind(ts)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
        sqlx::query(
            "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
        )
        .bind(user_id)
        .bind(&support_hash)
        .bind(ts)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO totp_secrets (user_id, secret, created_at, enabled_at, last_step, method) \
             VALUES (?, ?, ?, ?, -1, 'app')",
        )
        .bind(user_id)
        .bind(secret)
        .bind(ts)
        .bind(ts)
        .execute(&mut *tx)
        .await?;
    }
    providers::seed(&mut tx, &demo_hash, ts).await?;
    for (typed, pin) in LEGACY_PINS {
        let pin_hash = password::hash_blocking(pin.to_string()).await?;
        sqlx::query(
            "INSERT INTO legacy_credentials (member_id, pin_hash) SELECT m.id, ? FROM members m \
             JOIN households h ON h.id = m.household_id WHERE h.member_id_base || m.suffix = ?",
        )
        .bind(pin_hash)
        .bind(typed)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The demo's connected app: a public client (PKCE) on loopback, as a
/// member's desktop or command-line app would register (RFC 8252).
pub const SAMPLE_APP_CLIENT_ID: &str = "sample-health-app";
/// Where the sample app receives its code.
pub const SAMPLE_APP_REDIRECT: &str = "http://127.0.0.1:8765/callback";

/// Registers (or refreshes) the sample app.
pub async fn register_sample_app(db: &Db) -> anyhow::Result<()> {
    crate::db::apps::register_client(
        db,
        &crate::db::apps::NewClient {
            client_id: SAMPLE_APP_CLIENT_ID,
            name: "Sample Health Record (demo app)",
            developer: "Evergreen Health open-source demo",
            website: "http://127.0.0.1:8765/",
            privacy_policy: "http://127.0.0.1:8765/privacy",
            redirect_uris: &[SAMPLE_APP_REDIRECT.to_string()],
            secret_hash: None,
        },
        crate::db::now(),
    )
    .await?;
    Ok(())
}

/// The lines `make run` prints so a newcomer can sign in and try registration.
pub fn banner(url: &str) -> String {
    format!(
        "\n  Member portal: {url}\n\n  Demo sign-in:        username member1, password {DEMO_PASSWORD}\n  \
         Try registration:    Member ID 10020030002, date of birth 1986-07-22, last 4 of SSN 3390 (Jordan Morgan)\n  \
         Activation codes:    DEMO-2026-CODE (valid), EXPI-RED0-2025 (expired)\n  \
         Benchmark account:   username perf10k, password {DEMO_PASSWORD} (10,000 claims)\n  \
         Provider sign-in:    {url}/provider, username provider1 or provider2, password {DEMO_PASSWORD}\n  \
         Legacy first sign-in: username 61470080001, password 482916 (Pat Alvarez: the old site's ID number and PIN)\n  \
         Try provider registration: provider ID 70030040001, tax ID 41-5550123, date of birth 1979-02-11 (Harborview Cardiology)\n  \
         Connected apps:      client_id {SAMPLE_APP_CLIENT_ID}, redirect {SAMPLE_APP_REDIRECT}, FHIR {url}/fhir/r4 (README, \"Connected apps\")\n  \
         Messages sent:       {url}/dev/outbox (codes and notices; no real email or text is sent)\n"
    )
}
