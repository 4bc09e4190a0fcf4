//! Money as integer cents: no floating point ever touches a price.

use serde::{Deserialize, Serialize};
use std::iter::Sum;
use std::ops::{Add, Mul};

/// An amount in US cents. Arithmetic saturates rather than wrapping, so a corrupt quantity can
/// never turn a total negative.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub u64);

impl Money {
    /// Builds an amount from cents.
    pub const fn cents(cents: u64) -> Self {
        Self(cents)
    }

    /// Whole dollars and the remaining cents, for formatting.
    pub fn dollars_and_cents(self) -> (u64, u64) {
        (self.0 / 100, self.0 % 100)
    }

    /// The one formatting rule for money: `$1,234.50` (grouped thousands, two decimals).
    pub fn format(self, symbol: &str) -> String {
        let (dollars, cents) = self.dollars_and_cents();
        let digits = dollars.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, digit) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        format!("{symbol}{grouped}.{cents:02}")
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl Mul<u32> for Money {
    type Output = Money;
    fn mul(self, quantity: u32) -> Money {
        Money(self.0.saturating_mul(u64::from(quantity)))
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::default(), Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_cents_with_two_decimals_and_grouped_thousands() {
        assert_eq!(Money::cents(5).format("$"), "$0.05");
        assert_eq!(Money::cents(123_450).format("$"), "$1,234.50");
        assert_eq!(Money::cents(100_000_000).format("US$"), "US$1,000,000.00");
    }

    #[test]
    fn line_totals_multiply_and_sum_without_overflow() {
        assert_eq!(Money::cents(250) * 3, Money::cents(750));
        assert_eq!(Money(u64::MAX) * 2, Money(u64::MAX));
        let total: Money = [Money::cents(1), Money::cents(2)].into_iter().sum();
        assert_eq!(total, Money::cents(3));
    }
}
