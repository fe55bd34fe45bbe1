//! The sandbox gateway: a local stand-in for a payment processor, used by
//! the demo and the tests (no money moves, no network). It keeps its own
//! records in tables named `sandbox_*`, as a processor would on its side,
//! and has its own calendar that tests move forward ([`SandboxGateway::advance`]).
//!
//! Test numbers (any future expiry, any CVC of the brand's length, any ZIP):
//!
//! | number | outcome |
//! |---|---|
//! | 4242 4242 4242 4242, 5555 5555 5555 4444, 3782 822463 10005, 6011 1111 1111 1117 | approved; posts the next business day |
//! | 4000 0000 0000 9995 | declined: insufficient funds |
//! | 4000 0000 0000 0069 | declined: expired card |
//! | 4000 0000 0000 0002 | declined: do not honour |
//! | 4000 0000 0000 0119 | charged, but the answer is lost (a network error): a retry with the same key gets the charge |
//! | bank: routing 011000015, any account | approved; posts in 3 business days |
//! | bank: account 000111111116 | approved, posts, then returned (R01) 2 business days later |
//!
//! Business days skip weekends and the Federal Reserve's bank holidays
//! ([`add_business_days`]), so posting and return dates follow the ACH calendar.

use super::gateway::{
    Charge, ChargeState, Decline, GatewayError, GatewayFuture, PaymentGateway, TokenInfo,
};
use crate::clock::Clock;
use crate::db::{self, Db};
use chrono::{Duration, NaiveDate};
use portal_domain::billing::api::TokenResponse;
use portal_domain::billing::cards::{digits_of, BankInput, CardBrand, CardInput, MethodKind};
use portal_domain::billing::statements::add_business_days;
use portal_domain::money::Money;

/// The sandbox processor.
pub struct SandboxGateway {
    db: Db,
    clock: Clock,
}

/// The outcome a card or account number chooses.
fn card_outcome(digits: &str) -> &'static str {
    match digits {
        "4000000000009995" => Decline::InsufficientFunds.code(),
        "4000000000000069" => Decline::ExpiredCard.code(),
        "4000000000000002" => Decline::DoNotHonor.code(),
        "4000000000000119" => "network_after_charge",
        _ => "approve",
    }
}

fn last4(digits: &str) -> String {
    digits
        .get(digits.len().saturating_sub(4)..)
        .unwrap_or_default()
        .to_string()
}

fn gateway_err(e: sqlx::Error) -> GatewayError {
    GatewayError::Network(e.to_string())
}

type ChargeRow = (
    i64,
    String,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

/// A token's row: kind, brand, bank type, last four, expiry month and year, outcome.
type TokenRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    Option<u32>,
    Option<i32>,
    String,
);

impl SandboxGateway {
    /// The sandbox on the portal's database (its own tables).
    pub fn new(db: Db, clock: Clock) -> Self {
        Self { db, clock }
    }

    /// The sandbox's today: the plan's, plus the days tests moved it on.
    pub async fn today(&self) -> sqlx::Result<NaiveDate> {
        let offset: i64 = sqlx::query_scalar("SELECT offset_days FROM sandbox_clock WHERE id = 1")
            .fetch_optional(&self.db)
            .await?
            .unwrap_or(0);
        Ok(self.clock.today() + Duration::days(offset))
    }

    /// Moves the sandbox's calendar `days` on; returns its new today.
    pub async fn advance(&self, days: i64) -> sqlx::Result<NaiveDate> {
        sqlx::query("UPDATE sandbox_clock SET offset_days = offset_days + ? WHERE id = 1")
            .bind(days)
            .execute(&self.db)
            .await?;
        self.today().await
    }

    async fn store_token(&self, info: &TokenInfo, outcome: &str) -> sqlx::Result<TokenResponse> {
        let token = format!("sbx_tok_{}", &crate::auth::session::new_token()[..32]);
        sqlx::query(
            "INSERT INTO sandbox_tokens (token, kind, brand, bank_type, last4, exp_month, exp_year, outcome, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&token)
        .bind(info.kind.as_str())
        .bind(info.brand.map(CardBrand::as_str))
        .bind(&info.bank_type)
        .bind(&info.last4)
        .bind(info.exp_month)
        .bind(info.exp_year)
        .bind(outcome)
        .bind(db::now())
        .execute(&self.db)
        .await?;
        Ok(TokenResponse {
            token,
            kind: info.kind,
            brand: info.brand,
            last4: info.last4.clone(),
        })
    }

    /// Tokenizes a card already checked with
    /// [`portal_domain::billing::cards::card_errors`]. Keeps the outcome
    /// its test number chooses and the last four digits, never the number.
    pub async fn tokenize_card(&self, card: &CardInput) -> sqlx::Result<TokenResponse> {
        let digits = digits_of(&card.number).unwrap_or_default();
        let info = TokenInfo {
            kind: MethodKind::Card,
            brand: CardBrand::of(&digits),
            bank_type: None,
            last4: last4(&digits),
            exp_month: Some(card.exp_month),
            exp_year: Some(card.exp_year),
        };
        self.store_token(&info, card_outcome(&digits)).await
    }

    /// Tokenizes a bank account already checked with
    /// [`portal_domain::billing::cards::bank_errors`].
    pub async fn tokenize_bank(&self, bank: &BankInput) -> sqlx::Result<TokenResponse> {
        let digits = digits_of(&bank.account).unwrap_or_default();
        let info = TokenInfo {
            kind: MethodKind::Bank,
            brand: None,
            bank_type: Some(bank.account_type.clone()),
            last4: last4(&digits),
            exp_month: None,
            exp_year: None,
        };
        let outcome = if digits == "000111111116" {
            "ach_return"
        } else {
            "approve"
        };
        self.store_token(&info, outcome).await
    }

    /// How many charges were made with `key` (tests: exactly one).
    pub async fn charges_with_key(&self, key: &str) -> sqlx::Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM sandbox_charges WHERE idempotency_key = ? AND status != 'declined'")
            .bind(key)
            .fetch_one(&self.db)
            .await
    }

    async fn token_row(&self, token: &str) -> Result<(TokenInfo, String), GatewayError> {
        let row: Option<TokenRow> =
            sqlx::query_as(
                "SELECT kind, brand, bank_type, last4, exp_month, exp_year, outcome FROM sandbox_tokens WHERE token = ?",
            )
            .bind(token)
            .fetch_optional(&self.db)
            .await
            .map_err(gateway_err)?;
        let (kind, brand, bank_type, last4, exp_month, exp_year, outcome) =
            row.ok_or(GatewayError::InvalidToken)?;
        let kind = MethodKind::parse(&kind).ok_or(GatewayError::InvalidToken)?;
        Ok((
            TokenInfo {
                kind,
                brand: brand.as_deref().and_then(CardBrand::parse),
                bank_type,
                last4,
                exp_month,
                exp_year,
            },
            outcome,
        ))
    }

    async fn charge_row(&self, key: &str) -> Result<Option<ChargeRow>, GatewayError> {
        sqlx::query_as(
            "SELECT id, status, decline_code, created_on, settles_on, returns_on FROM sandbox_charges WHERE idempotency_key = ?",
        )
        .bind(key)
        .fetch_optional(&self.db)
        .await
        .map_err(gateway_err)
    }

    fn reference(id: i64) -> String {
        format!("sbx_ch_{id:08}")
    }

    async fn do_charge(
        &self,
        key: &str,
        token: &str,
        amount: Money,
    ) -> Result<Charge, GatewayError> {
        let (info, outcome) = self.token_row(token).await?;
        if let Some((id, status, code, _, settles, _)) = self.charge_row(key).await? {
            if status == "declined" {
                let d = code
                    .as_deref()
                    .and_then(Decline::parse)
                    .unwrap_or(Decline::DoNotHonor);
                return Err(GatewayError::Declined(d));
            }
            return Ok(Charge {
                reference: Self::reference(id),
                posts_on: settles.unwrap_or_default(),
            });
        }
        let today = self.today().await.map_err(gateway_err)?;
        if let Some(decline) = Decline::parse(&outcome) {
            sqlx::query(
                "INSERT INTO sandbox_charges (idempotency_key, token, amount_cents, status, decline_code, created_on, created_at) \
                 VALUES (?, ?, ?, 'declined', ?, ?, ?)",
            )
            .bind(key)
            .bind(token)
            .bind(amount.cents())
            .bind(decline.code())
            .bind(today)
            .bind(db::now())
            .execute(&self.db)
            .await
            .map_err(gateway_err)?;
            return Err(GatewayError::Declined(decline));
        }
        let days = if info.kind == MethodKind::Bank { 3 } else { 1 };
        let posts_on = add_business_days(today, days);
        let returns_on = (outcome == "ach_return").then(|| add_business_days(posts_on, 2));
        let id = sqlx::query(
            "INSERT INTO sandbox_charges (idempotency_key, token, amount_cents, status, created_on, settles_on, returns_on, created_at) \
             VALUES (?, ?, ?, 'approved', ?, ?, ?, ?)",
        )
        .bind(key)
        .bind(token)
        .bind(amount.cents())
        .bind(today)
        .bind(posts_on)
        .bind(returns_on)
        .bind(db::now())
        .execute(&self.db)
        .await
        .map_err(gateway_err)?
        .last_insert_rowid();
        if outcome == "network_after_charge" {
            return Err(GatewayError::Network(
                "the sandbox dropped the answer (test card 4000 0000 0000 0119)".into(),
            ));
        }
        Ok(Charge {
            reference: Self::reference(id),
            posts_on,
        })
    }

    async fn do_lookup(&self, key: &str) -> Result<Option<ChargeState>, GatewayError> {
        let Some((id, status, code, _, settles, returns)) = self.charge_row(key).await? else {
            return Ok(None);
        };
        if status == "declined" {
            let d = code
                .as_deref()
                .and_then(Decline::parse)
                .unwrap_or(Decline::DoNotHonor);
            return Ok(Some(ChargeState::Declined(d)));
        }
        let today = self.today().await.map_err(gateway_err)?;
        let charge = Charge {
            reference: Self::reference(id),
            posts_on: settles.unwrap_or(today),
        };
        Ok(Some(match (settles, returns) {
            (_, Some(r)) if r <= today => ChargeState::Returned(charge, Decline::AchReturned, r),
            (Some(s), _) if s <= today => ChargeState::Posted(charge, s),
            _ => ChargeState::Pending(charge),
        }))
    }
}

impl PaymentGateway for SandboxGateway {
    fn describe(&self) -> String {
        "sandbox (test numbers only; no processor is called)".into()
    }

    fn token_info<'a>(&'a self, token: &'a str) -> GatewayFuture<'a, TokenInfo> {
        Box::pin(async move { self.token_row(token).await.map(|(info, _)| info) })
    }

    fn charge<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        amount: Money,
    ) -> GatewayFuture<'a, Charge> {
        Box::pin(self.do_charge(key, token, amount))
    }

    fn lookup<'a>(&'a self, key: &'a str) -> GatewayFuture<'a, Option<ChargeState>> {
        Box::pin(self.do_lookup(key))
    }

    fn refund<'a>(&'a self, reference: &'a str, amount: Money) -> GatewayFuture<'a, ()> {
        Box::pin(async move {
            let id: i64 = reference
                .strip_prefix("sbx_ch_")
                .and_then(|s| s.parse().ok())
                .ok_or(GatewayError::InvalidToken)?;
            sqlx::query("UPDATE sandbox_charges SET status = 'refunded', amount_cents = amount_cents - ? WHERE id = ?")
                .bind(amount.cents())
                .bind(id)
                .execute(&self.db)
                .await
                .map_err(gateway_err)?;
            Ok(())
        })
    }
}
