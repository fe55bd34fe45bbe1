//! "Download all my data" (`/account/data`): one archive of the member's
//! and the visible household members' claims (FHIR R4 CARIN Blue Button
//! Bundle and CSV), every EOB as PDF and the ID cards, built in the
//! background and kept for [`EXPORT_KEEP_DAYS`] days.

use crate::code_enum::code_enum;
use serde::{Deserialize, Serialize};

/// Days an archive can be downloaded after it is ready.
pub const EXPORT_KEEP_DAYS: i64 = 7;

/// Archives a member may request per day (building one is heavy).
pub const EXPORTS_PER_DAY: u32 = 3;

code_enum! {
    /// Where an archive is.
    ExportStatus {
        /// Waiting for the worker.
        Queued = "queued" / "Waiting to start",
        /// Being built (see [`DataExport::done`] and [`DataExport::total`]).
        Building = "building" / "Being prepared",
        /// Ready to download.
        Ready = "ready" / "Ready to download",
        /// Could not be built; request a new one.
        Failed = "failed" / "Could not be prepared",
        /// Past its download period and deleted.
        Expired = "expired" / "Expired",
    }
}

/// One archive request: `GET /api/v1/account/data-exports` lists them,
/// `POST` asks for a new one, `GET .../{id}/archive.zip` downloads it.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataExport {
    /// Opaque id.
    pub id: i64,
    /// Where it is.
    pub status: ExportStatus,
    /// Files written so far.
    pub done: u32,
    /// Files it will hold (0 until the worker has counted them).
    pub total: u32,
    /// Asked for at (Unix seconds).
    pub requested_at: i64,
    /// Ready at (Unix seconds).
    #[serde(default)]
    pub ready_at: Option<i64>,
    /// Can be downloaded until (Unix seconds).
    #[serde(default)]
    pub expires_at: Option<i64>,
    /// Size of the archive in bytes, once ready.
    #[serde(default)]
    pub size_bytes: Option<u64>,
    /// Whose data it holds (names).
    pub members: Vec<String>,
}

impl DataExport {
    /// Progress in whole percent (0 while counting; 100 when ready).
    pub fn percent(&self) -> u32 {
        match self.status {
            ExportStatus::Ready => 100,
            _ if self.total == 0 => 0,
            _ => (u64::from(self.done.min(self.total)) * 100 / u64::from(self.total)) as u32,
        }
    }

    /// Whether a new request should wait for this one.
    pub fn in_progress(&self) -> bool {
        matches!(self.status, ExportStatus::Queued | ExportStatus::Building)
    }
}

/// A file size in words: bytes under 1 kB, then kB and MB (decimal units,
/// as operating systems show downloads), one decimal below 10.
pub fn size_label(bytes: u64) -> String {
    const K: u64 = 1000;
    let unit = |value: u64, per: u64, name: &str| {
        // Tenths, rounded half up, in integers.
        let tenths = (value * 10 + per / 2) / per;
        if tenths < 100 {
            format!("{}.{} {name}", tenths / 10, tenths % 10)
        } else {
            format!("{} {name}", (value + per / 2) / per)
        }
    };
    if bytes < K {
        format!("{bytes} bytes")
    } else if bytes < K * K - K / 2 {
        unit(bytes, K, "kB")
    } else {
        unit(bytes, K * K, "MB")
    }
}

/// What the archive holds, in the words the page shows before the request.
pub const ARCHIVE_CONTENTS: [&str; 5] = [
    "Your claims as FHIR R4 resources (CARIN Blue Button ExplanationOfBenefit, with Patient, Coverage, Organization and Practitioner), in one Bundle file other apps can read",
    "The same claims as a spreadsheet (CSV), one row per claim",
    "Every explanation of benefits as a PDF",
    "Your ID cards as PDFs",
    "A README file that says what each file is",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn export(status: ExportStatus, done: u32, total: u32) -> DataExport {
        DataExport {
            id: 1,
            status,
            done,
            total,
            requested_at: 0,
            ready_at: None,
            expires_at: None,
            size_bytes: None,
            members: vec![],
        }
    }

    #[test]
    fn percent_is_whole_and_bounded() {
        let cases = [
            (ExportStatus::Queued, 0, 0, 0),
            (ExportStatus::Building, 0, 0, 0),
            (ExportStatus::Building, 1, 3, 33),
            (ExportStatus::Building, 2, 3, 66),
            (ExportStatus::Building, 5, 3, 100),
            (ExportStatus::Ready, 3, 3, 100),
            (ExportStatus::Failed, 1, 4, 25),
        ];
        for (status, done, total, want) in cases {
            assert_eq!(
                export(status, done, total).percent(),
                want,
                "{status:?} {done}/{total}"
            );
        }
        assert!(export(ExportStatus::Queued, 0, 0).in_progress());
        assert!(export(ExportStatus::Building, 0, 0).in_progress());
        assert!(!export(ExportStatus::Failed, 0, 0).in_progress());
        assert!(!export(ExportStatus::Ready, 1, 1).in_progress());
    }

    #[test]
    fn sizes_in_words() {
        let cases = [
            (0, "0 bytes"),
            (999, "999 bytes"),
            (1_000, "1.0 kB"),
            (1_949, "1.9 kB"),
            (1_950, "2.0 kB"),
            (9_949, "9.9 kB"),
            (9_950, "10 kB"),
            (245_600, "246 kB"),
            (999_499, "999 kB"),
            (999_500, "1.0 MB"),
            (2_140_000, "2.1 MB"),
            (12_500_000, "13 MB"),
        ];
        for (bytes, want) in cases {
            assert_eq!(size_label(bytes), want, "{bytes}");
        }
    }
}
