//! The demo plan's allowed amounts for virtual visits (its telehealth fee
//! schedule), by benefit, with the code each is billed under. Virtual
//! visits are paid at the office (non-facility) rate, as Medicare pays
//! place of service 10, so these match the in-person visit of the same code.

use portal_domain::cost::Benefit;
use portal_domain::Money;

/// (CPT code billed, allowed amount) of a virtual visit of `benefit`.
pub fn fee(benefit: Benefit) -> (&'static str, Money) {
    match benefit {
        // Office visit, established patient, low complexity (99213).
        Benefit::PrimaryCare => ("99213", Money::from_dollars(110)),
        // Psychotherapy, 45 minutes (90834).
        Benefit::MentalHealth => ("90834", Money::from_dollars(125)),
        // Office visit, established patient, straightforward (99212).
        Benefit::UrgentCare => ("99212", Money::from_dollars(85)),
        // Office visit, established patient, moderate complexity (99214).
        _ => ("99214", Money::from_dollars(165)),
    }
}
