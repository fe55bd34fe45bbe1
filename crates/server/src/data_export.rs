//! "Download all my data" (issue 16): the export worker builds each
//! requested archive in the background and stores it for
//! [`EXPORT_KEEP_DAYS`] days.
//!
//! The archive holds what the family rule lets the requester see **when it
//! is built** (a consent withdrawn after the request is honoured):
//!
//! | file | what |
//! |---|---|
//! | `README.txt` | what each file is, whose data, when it was made |
//! | `claims.csv` | every claim, the columns of the claims page's CSV export |
//! | `fhir/bundle.json` | a FHIR R4 `collection` Bundle: CARIN Blue Button `ExplanationOfBenefit` per claim with `Patient`, `Coverage`, `Organization` (billing providers, the payer) and `Practitioner` (the clinicians on the claims) ([`crate::fhir::collection_bundle`]) |
//! | `eobs/eob-<claim number>.pdf` | each claim's explanation of benefits ([`crate::eob_pdf`]) |
//! | `id-cards/id-card-<suffix>.pdf` | each person's ID card ([`crate::card_pdf`]) |
//!
//! Heavy work (PDFs, compression) runs on the blocking pool; progress is
//! written to the row as files are added. A build a restart interrupted goes
//! back to the queue at start-up.

use crate::auth::AuthUser;
use crate::db::{self, accounts, claims as claims_db, exports, members};
use crate::routes::claims::{csv_chunk, Explainer};
use crate::routes::family::Family;
use crate::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Datelike, Timelike, Utc};
use portal_domain::api::IdCard;
use portal_domain::claims::{Claim, ClaimSummary};
use portal_domain::data_export::EXPORT_KEEP_DAYS;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// How often the worker looks for work without being woken, and expires
/// old archives.
const IDLE_SCAN: Duration = Duration::from_secs(30);

/// Runs the worker until the process ends: woken by `wake` when a request
/// is queued.
pub async fn run(state: AppState, wake: Arc<Notify>) {
    match exports::requeue_interrupted(&state.db).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(exports = n, "requeued interrupted data exports"),
        Err(e) => tracing::warn!(error = %e, "could not requeue data exports"),
    }
    loop {
        if let Err(e) = exports::expire(&state.db, db::now()).await {
            tracing::warn!(error = %e, "data export expiry failed");
        }
        loop {
            match exports::claim_next(&state.db, db::now()).await {
                Ok(Some(row)) => build_one(&state, &row).await,
                Ok(None) => break,
                Err(e) => {
                    tracing::warn!(error = %e, "data export queue read failed");
                    break;
                }
            }
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(IDLE_SCAN) => {}
        }
    }
}

async fn build_one(state: &AppState, row: &exports::ExportRow) {
    if let Err(e) = build(state, row).await {
        // No personal data in the message: ids and the error chain only.
        tracing::warn!(export = row.id, error = ?e, "data export failed");
        if let Err(e) = exports::fail(&state.db, row.id, &format!("{e:#}")).await {
            tracing::warn!(export = row.id, error = %e, "could not mark data export failed");
        }
    }
}

/// One person's part of the archive.
struct PersonData {
    member: members::MemberRow,
    card: IdCard,
    claims: Vec<Claim>,
}

async fn build(state: &AppState, row: &exports::ExportRow) -> anyhow::Result<()> {
    let account = accounts::by_id(&state.db, row.user_id)
        .await?
        .context("account no longer exists")?;
    let member_id = account.member_id.context("not a member account")?;
    let user = AuthUser {
        user_id: account.id,
        username: account.username,
        member_id,
        household_id: row.household_id,
        token_hash: String::new(),
        last_seen_at: 0,
        expires_at: 0,
    };
    let family = Family::of(state, user)
        .await
        .map_err(|e| anyhow::anyhow!("family rule: {e:?}"))?;
    // Claims not processed yet may be held for an unpaid premium.
    let explainer = Explainer::load(state, row.household_id, true)
        .await
        .map_err(|e| anyhow::anyhow!("explanations: {e:?}"))?;
    let mut people = Vec::new();
    for member in family.view.visible_rows() {
        let Some(card) = members::id_card(&state.db, member, state.clock.today()).await? else {
            continue;
        };
        let mut claims = claims_db::patient_claims(&state.db, row.household_id, member.id).await?;
        for c in &mut claims {
            explainer.explain(c);
        }
        people.push(PersonData {
            member: member.clone(),
            card,
            claims,
        });
    }
    let job = Job {
        people,
        fhir_base: crate::smart::fhir_base(state),
        now: Utc::now(),
        today: state.clock.today(),
    };
    let total = job.files();
    exports::progress(&state.db, row.id, 0, total).await?;
    let (tx, mut rx) = watch::channel(0u32);
    let mut handle = tokio::task::spawn_blocking(move || job.write(&tx));
    let built = loop {
        tokio::select! {
            biased;
            joined = &mut handle => break joined.context("archive task")??,
            changed = rx.changed() => match changed {
                Ok(()) => {
                    let done = *rx.borrow_and_update();
                    exports::progress(&state.db, row.id, done, total).await?;
                }
                // The task has ended (its sender is gone): take its result.
                Err(_) => break (&mut handle).await.context("archive task")??,
            },
        }
    };
    exports::finish(
        &state.db,
        row.id,
        &built.bytes,
        total,
        &built.names,
        db::now(),
    )
    .await?;
    tracing::info!(
        export = row.id,
        files = total,
        bytes = built.bytes.len(),
        "data export ready"
    );
    Ok(())
}

/// Everything the blocking part needs.
struct Job {
    people: Vec<PersonData>,
    fhir_base: String,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
}

/// A finished archive.
struct Built {
    bytes: Vec<u8>,
    names: Vec<String>,
}

impl Job {
    /// Files the archive will hold.
    fn files(&self) -> u32 {
        let per_person: usize = self.people.iter().map(|p| p.claims.len() + 1).sum();
        u32::try_from(per_person + 3).unwrap_or(u32::MAX)
    }

    fn write(self, progress: &watch::Sender<u32>) -> anyhow::Result<Built> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stamp = zip::DateTime::from_date_and_time(
            u16::try_from(self.now.year()).unwrap_or(1980),
            u8::try_from(self.now.month()).unwrap_or(1),
            u8::try_from(self.now.day()).unwrap_or(1),
            u8::try_from(self.now.hour()).unwrap_or(0),
            u8::try_from(self.now.minute()).unwrap_or(0),
            u8::try_from(self.now.second()).unwrap_or(0),
        )
        .unwrap_or_default();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(stamp);
        let mut done = 0u32;
        let mut add = |zip: &mut zip::ZipWriter<_>, name: &str, bytes: &[u8]| {
            zip.start_file(name, options)?;
            zip.write_all(bytes)?;
            done += 1;
            // Progress every few files: the receiver writes it to the row.
            if done.is_multiple_of(10) {
                progress.send_replace(done);
            }
            anyhow::Ok(())
        };
        let names: Vec<String> = self
            .people
            .iter()
            .map(|p| format!("{} {}", p.member.first_name, p.member.last_name))
            .collect();
        let mut summaries: Vec<&ClaimSummary> = self
            .people
            .iter()
            .flat_map(|p| p.claims.iter().map(|c| &c.summary))
            .collect();
        summaries.sort_by(|a, b| b.service_start.cmp(&a.service_start).then(b.id.cmp(&a.id)));
        let claims_total = summaries.len();
        add(
            &mut zip,
            "README.txt",
            readme(&names, claims_total, self.now).as_bytes(),
        )?;
        let rows: Vec<ClaimSummary> = summaries.into_iter().cloned().collect();
        add(&mut zip, "claims.csv", &csv_chunk(&rows, true)?)?;
        let persons: Vec<crate::fhir::Person<'_>> = self
            .people
            .iter()
            .map(|p| crate::fhir::Person {
                member: &p.member,
                card: &p.card,
                claims: &p.claims,
            })
            .collect();
        let bundle = crate::fhir::collection_bundle(&self.fhir_base, &persons, self.now);
        add(
            &mut zip,
            "fhir/bundle.json",
            &serde_json::to_vec_pretty(&bundle)?,
        )?;
        for p in &self.people {
            for c in &p.claims {
                let pdf = crate::eob_pdf::render(c, &p.card, self.today);
                let name = format!("eobs/eob-{}.pdf", c.summary.claim_number);
                add(&mut zip, &name, &pdf)?;
            }
            let card = crate::card_pdf::render(&p.card);
            let name = format!("id-cards/id-card-{}.pdf", p.card.member.member_id.suffix());
            add(&mut zip, &name, &card)?;
        }
        let bytes = zip.finish()?.into_inner();
        Ok(Built { bytes, names })
    }
}

/// The archive's README: what each file is, in plain words.
fn readme(names: &[String], claims: usize, now: DateTime<Utc>) -> String {
    format!(
        "Your health plan data\r\n\
         =====================\r\n\
         \r\n\
         Made on {made} (UTC) at your request from the member portal.\r\n\
         Whose data: {who}.\r\n\
         It holds the people whose information you could see in the portal when it was made.\r\n\
         This download is kept for {keep} days after it is ready, then deleted.\r\n\
         \r\n\
         Files\r\n\
         -----\r\n\
         claims.csv\r\n\
         \x20 Every claim ({claims} in all), one row each, with the amounts billed, allowed,\r\n\
         \x20 paid by the plan and owed by you. Opens in any spreadsheet program.\r\n\
         fhir/bundle.json\r\n\
         \x20 The same claims in the standard format health apps read: a FHIR R4 Bundle of\r\n\
         \x20 CARIN Blue Button ExplanationOfBenefit resources with Patient, Coverage,\r\n\
         \x20 Organization and Practitioner (http://hl7.org/fhir/us/carin-bb/).\r\n\
         eobs/\r\n\
         \x20 Each claim's explanation of benefits as a PDF, named by claim number.\r\n\
         id-cards/\r\n\
         \x20 Each person's ID card as a PDF.\r\n\
         \r\n\
         Keep this file safe: it holds health information. Once you share it with\r\n\
         someone or an app, your health plan's privacy protections (HIPAA) may no\r\n\
         longer apply to their copy.\r\n",
        made = now.format("%Y-%m-%d %H:%M"),
        who = names.join(", "),
        keep = EXPORT_KEEP_DAYS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readme_names_every_file_and_person() {
        let now = DateTime::from_timestamp(1_764_000_000, 0).expect("time");
        let text = readme(&["Alex Morgan".into(), "Casey Morgan".into()], 12, now);
        for part in [
            "claims.csv",
            "fhir/bundle.json",
            "eobs/",
            "id-cards/",
            "Alex Morgan, Casey Morgan",
            "12 in all",
            "7 days",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
