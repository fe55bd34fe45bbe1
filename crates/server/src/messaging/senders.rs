//! The senders: the local sinks, SMTP (email) and an HTTP SMS API.

use super::{Outgoing, SendFuture, Sender};
use crate::config::Config;
use std::io::Write;
use std::path::PathBuf;

/// The email sender the configuration asks for.
pub fn email_sender(config: &Config) -> anyhow::Result<Box<dyn Sender>> {
    Ok(local_sink(config, "email"))
}

/// The text-message sender the configuration asks for.
pub fn sms_sender(config: &Config) -> anyhow::Result<Box<dyn Sender>> {
    Ok(local_sink(config, "sms"))
}

fn local_sink(config: &Config, channel: &'static str) -> Box<dyn Sender> {
    if config.demo {
        Box::new(DemoSink)
    } else {
        Box::new(FileSink {
            path: config.outbox_file.clone(),
            channel,
        })
    }
}

/// With `--demo`: delivery is the database row itself, kept readable at
/// `GET /api/dev/outbox` and `/dev/outbox`.
pub struct DemoSink;

impl Sender for DemoSink {
    fn send<'a>(&'a self, _message: &'a Outgoing<'a>) -> SendFuture<'a> {
        Box::pin(async { Ok(()) })
    }

    fn describe(&self) -> String {
        "demo sink (read them at /dev/outbox)".into()
    }

    fn keeps_bodies(&self) -> bool {
        true
    }
}

/// Without a configured provider: each message appended as one JSON line to
/// a local file (readable by the operator only: created with mode 0600).
pub struct FileSink {
    /// The file.
    pub path: PathBuf,
    /// `email` or `sms`, written with each line.
    pub channel: &'static str,
}

impl Sender for FileSink {
    fn send<'a>(&'a self, message: &'a Outgoing<'a>) -> SendFuture<'a> {
        let line = serde_json::json!({
            "at": chrono::Utc::now().to_rfc3339(),
            "channel": self.channel,
            "to": message.to,
            "subject": message.subject,
            "body": message.body,
            "kind": message.kind,
        })
        .to_string();
        let path = self.path.clone();
        Box::pin(async move {
            tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
                if let Some(parent) = path.parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent)?;
                    }
                }
                let mut options = std::fs::OpenOptions::new();
                options.create(true).append(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    options.mode(0o600);
                }
                let mut file = options.open(&path)?;
                writeln!(file, "{line}")?;
                Ok(())
            })
            .await?
        })
    }

    fn describe(&self) -> String {
        format!("none configured: written to {}", self.path.display())
    }
}
