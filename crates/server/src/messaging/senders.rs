//! The senders: the local sinks, SMTP (email) and an HTTP SMS API.

use super::{Outgoing, SendFuture, Sender};
use crate::config::{Config, SmtpTls};
use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// How long one delivery may take before it is retried later.
const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// The email sender the configuration asks for: SMTP with `--smtp-host`,
/// otherwise the local sink.
pub fn email_sender(config: &Config) -> anyhow::Result<Box<dyn Sender>> {
    match &config.smtp_host {
        Some(host) if !host.is_empty() => Ok(Box::new(SmtpSender::new(config, host)?)),
        _ => Ok(local_sink(config, "email")),
    }
}

/// The text-message sender the configuration asks for: the provider's API
/// with `--sms-api-url`, otherwise the local sink.
pub fn sms_sender(config: &Config) -> anyhow::Result<Box<dyn Sender>> {
    match &config.sms_api_url {
        Some(url) if !url.is_empty() => Ok(Box::new(HttpSmsSender::new(config, url)?)),
        _ => Ok(local_sink(config, "sms")),
    }
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

/// Email over SMTP (`lettre`, rustls), with STARTTLS required by default.
pub struct SmtpSender {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
    describe: String,
}

impl SmtpSender {
    /// A sender for `host` with the configuration's port, TLS mode,
    /// credentials and From address.
    pub fn new(config: &Config, host: &str) -> anyhow::Result<Self> {
        use lettre::transport::smtp::authentication::Credentials;
        use lettre::transport::smtp::client::{Tls, TlsParameters};
        use lettre::AsyncSmtpTransport;
        let (tls, default_port, mode) = match config.smtp_tls {
            SmtpTls::StartTls => (
                Tls::Required(TlsParameters::new(host.into())?),
                587,
                "STARTTLS",
            ),
            SmtpTls::Tls => (Tls::Wrapper(TlsParameters::new(host.into())?), 465, "TLS"),
            SmtpTls::None => (Tls::None, 25, "no TLS"),
        };
        let port = config.smtp_port.unwrap_or(default_port);
        let mut builder = AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .tls(tls)
            .timeout(Some(SEND_TIMEOUT));
        if let (Some(user), Some(password)) = (&config.smtp_user, &config.smtp_password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        let from = config.mail_from.parse().with_context(|| {
            format!("--mail-from {:?} is not an email address", config.mail_from)
        })?;
        Ok(Self {
            transport: builder.build(),
            from,
            describe: format!("SMTP {host}:{port} ({mode})"),
        })
    }
}

impl Sender for SmtpSender {
    fn send<'a>(&'a self, message: &'a Outgoing<'a>) -> SendFuture<'a> {
        use lettre::AsyncTransport;
        Box::pin(async move {
            let to: lettre::message::Mailbox = message.to.parse().context("recipient address")?;
            let email = lettre::Message::builder()
                .from(self.from.clone())
                .to(to)
                .subject(message.subject)
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(message.body.to_string())?;
            self.transport.send(email).await?;
            Ok(())
        })
    }

    fn describe(&self) -> String {
        self.describe.clone()
    }
}

/// Text messages through a provider's HTTPS API (Twilio-style: a form POST
/// of `To`, `From`, `Body` with basic authentication; any 2xx is delivered).
pub struct HttpSmsSender {
    client: reqwest::Client,
    url: reqwest::Url,
    user: Option<String>,
    token: Option<String>,
    from: String,
}

impl HttpSmsSender {
    /// A sender posting to `url` (HTTPS, or HTTP on the loopback only).
    pub fn new(config: &Config, url: &str) -> anyhow::Result<Self> {
        let url = reqwest::Url::parse(url).context("--sms-api-url")?;
        let loopback = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
        if url.scheme() != "https" && !(url.scheme() == "http" && loopback) {
            anyhow::bail!("--sms-api-url must be https (http only on the loopback, for tests)");
        }
        let client = reqwest::Client::builder()
            .timeout(SEND_TIMEOUT)
            .build()
            .context("HTTP client")?;
        Ok(Self {
            client,
            url,
            user: config.sms_api_user.clone(),
            token: config.sms_api_token.clone(),
            from: config.sms_from.clone(),
        })
    }
}

impl Sender for HttpSmsSender {
    fn send<'a>(&'a self, message: &'a Outgoing<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            let form = form_urlencoded::Serializer::new(String::new())
                .append_pair("To", message.to)
                .append_pair("From", &self.from)
                .append_pair("Body", message.body)
                .finish();
            let mut request = self
                .client
                .post(self.url.clone())
                .header(
                    reqwest::header::CONTENT_TYPE,
                    "application/x-www-form-urlencoded",
                )
                .body(form);
            if let Some(user) = &self.user {
                request = request.basic_auth(user, self.token.as_deref());
            }
            let response = request.send().await?;
            let status = response.status();
            if !status.is_success() {
                anyhow::bail!("SMS provider answered {status}");
            }
            Ok(())
        })
    }

    fn describe(&self) -> String {
        format!(
            "SMS API {}://{}{}",
            self.url.scheme(),
            self.url.host_str().unwrap_or(""),
            self.url.path()
        )
    }
}
