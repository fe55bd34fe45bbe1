//! The payment processor's interface. The portal holds only tokens: card
//! and bank details go from the browser to the processor's tokenization
//! endpoint, and the portal asks the processor to charge a token.
//!
//! Every charge carries the portal's idempotency key, and a processor
//! answers the same key with the same charge: that, with the intent the
//! portal writes before calling [`PaymentGateway::charge`], is what makes a
//! retry after a timeout, or a restart after a crash, charge once.
//!
//! **Plugging in a real processor**: implement this trait (its hosted
//! fields for tokenization, its API for the rest, with its keys from the
//! environment), add its name to `--payment-gateway`, and point the
//! browser's tokenization URL at the processor. None is called by default.

use chrono::NaiveDate;
use portal_domain::billing::cards::{CardBrand, MethodKind};
use portal_domain::money::Money;
use std::future::Future;
use std::pin::Pin;

/// A gateway call's future.
pub type GatewayFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, GatewayError>> + Send + 'a>>;

/// Why the processor declined, in the codes processors use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decline {
    /// Not enough money or credit.
    InsufficientFunds,
    /// The card has expired.
    ExpiredCard,
    /// The card's bank said no without a reason.
    DoNotHonor,
    /// The bank returned an ACH debit (R01 insufficient funds).
    AchReturned,
}

impl Decline {
    /// Stable code (stored, and in problem details).
    pub fn code(self) -> &'static str {
        match self {
            Decline::InsufficientFunds => "insufficient_funds",
            Decline::ExpiredCard => "expired_card",
            Decline::DoNotHonor => "do_not_honor",
            Decline::AchReturned => "ach_returned",
        }
    }

    /// From [`Decline::code`].
    pub fn parse(code: &str) -> Option<Self> {
        [
            Decline::InsufficientFunds,
            Decline::ExpiredCard,
            Decline::DoNotHonor,
            Decline::AchReturned,
        ]
        .into_iter()
        .find(|d| d.code() == code)
    }

    /// What the member is told (nothing was taken).
    pub fn message(self) -> &'static str {
        match self {
            Decline::InsufficientFunds => {
                "Your bank declined this payment for insufficient funds. Nothing was charged. Use another card or account."
            }
            Decline::ExpiredCard => {
                "Your bank says this card has expired. Nothing was charged. Use another card or account."
            }
            Decline::DoNotHonor => {
                "Your bank declined this payment without giving a reason. Nothing was charged. Call the number on the back of your card, or use another card or account."
            }
            Decline::AchReturned => {
                "Your bank returned this payment (insufficient funds). The statements it paid are open again."
            }
        }
    }
}

/// A failed gateway call.
#[derive(Debug)]
pub enum GatewayError {
    /// The processor declined.
    Declined(Decline),
    /// The token is unknown or of another kind.
    InvalidToken,
    /// The processor did not answer (or the answer was lost): the charge
    /// may or may not have happened; ask again with the same key.
    Network(String),
}

/// What a token stands for (what the portal may keep).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    /// Card or bank account.
    pub kind: MethodKind,
    /// Card brand.
    pub brand: Option<CardBrand>,
    /// `checking` or `savings`.
    pub bank_type: Option<String>,
    /// Last four digits.
    pub last4: String,
    /// Card expiry month.
    pub exp_month: Option<u32>,
    /// Card expiry year.
    pub exp_year: Option<i32>,
}

/// An approved charge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    /// The processor's reference.
    pub reference: String,
    /// When it is expected to post.
    pub posts_on: NaiveDate,
}

/// Where a charge stands at the processor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChargeState {
    /// Approved, not yet posted.
    Pending(Charge),
    /// Posted (the money arrived) on that day.
    Posted(Charge, NaiveDate),
    /// Declined: nothing was taken.
    Declined(Decline),
    /// Posted, then returned by the bank on that day.
    Returned(Charge, Decline, NaiveDate),
}

/// A payment processor.
pub trait PaymentGateway: Send + Sync {
    /// What it is, for the start-up log.
    fn describe(&self) -> String;
    /// What a token stands for.
    fn token_info<'a>(&'a self, token: &'a str) -> GatewayFuture<'a, TokenInfo>;
    /// Charges `amount` to `token`, once per `key` (the same key answers
    /// with the first charge's result).
    fn charge<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        amount: Money,
    ) -> GatewayFuture<'a, Charge>;
    /// The charge made with `key`, if any.
    fn lookup<'a>(&'a self, key: &'a str) -> GatewayFuture<'a, Option<ChargeState>>;
    /// Refunds `amount` of a posted charge.
    fn refund<'a>(&'a self, reference: &'a str, amount: Money) -> GatewayFuture<'a, ()>;
}
