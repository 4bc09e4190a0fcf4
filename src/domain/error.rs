//! Why a command was refused: one variant per broken rule, carrying what a shopper needs to
//! understand it. The UI words these in each language; the domain never formats prose.

use super::ids::{OrderId, ProductId, UserId};

/// Largest quantity of one product in one cart line.
pub const MAX_QUANTITY: u32 = 99;
/// Largest number of distinct lines in one cart.
pub const MAX_LINES: usize = 50;
/// Longest shopper name, in characters.
pub const MAX_NAME_CHARS: usize = 32;
/// Longest cancellation reason, in characters.
pub const MAX_REASON_CHARS: usize = 200;

/// A broken business rule. Handle it by showing it to the shopper; nothing was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DomainError {
    /// The command names a user this device does not know.
    UnknownUser(UserId),
    /// A user with this id is already registered.
    UserAlreadyExists(UserId),
    /// Another user already has this name.
    UserNameTaken(String),
    /// The name is empty after trimming.
    UserNameMissing,
    /// The name is longer than [`MAX_NAME_CHARS`].
    UserNameTooLong,
    /// The text typed as a quantity is not a whole number.
    NotAWholeNumber(String),
    /// The product is not in the catalog.
    UnknownProduct(ProductId),
    /// A line would hold fewer than 1 or more than [`MAX_QUANTITY`] items.
    QuantityOutOfRange { requested: i64 },
    /// The cart already has [`MAX_LINES`] different products.
    TooManyLines,
    /// Fewer are available than the cart would hold.
    NotEnoughStock {
        product: ProductId,
        requested: u32,
        available: u32,
    },
    /// The product is not in the cart.
    NotInCart(ProductId),
    /// The line already has this quantity.
    QuantityUnchanged(ProductId),
    /// A restored cart names the same product twice.
    DuplicateLine(ProductId),
    /// Nothing to check out or clear.
    EmptyCart,
    /// The cart is locked while its checkout turns into an order.
    CheckoutInProgress,
    /// A reaction names a checkout that is not the one pending (already handled).
    CheckoutNotPending,
    /// The order service has already turned this checkout into an order.
    CheckoutAlreadyPlaced,
    /// No order with this number exists.
    UnknownOrder(OrderId),
    /// The order belongs to someone else.
    NotYourOrder(OrderId),
    /// The order was already paid.
    AlreadyPaid(OrderId),
    /// Shipping needs a paid order.
    NotPaidYet(OrderId),
    /// The order was already shipped, so it cannot change any more.
    AlreadyShipped(OrderId),
    /// The order was already cancelled.
    AlreadyCancelled(OrderId),
    /// The order was refused for lack of stock and never became active.
    OrderWasRejected(OrderId),
    /// A cancellation needs a reason.
    ReasonMissing,
    /// The reason is longer than [`MAX_REASON_CHARS`].
    ReasonTooLong,
}

/// Reads a quantity typed by a shopper. Range is checked by the cart's rules, so `0` and `-3`
/// parse here and are refused there with a precise message.
pub fn parse_quantity(text: &str) -> Result<i64, DomainError> {
    text.trim()
        .parse::<i64>()
        .map_err(|_| DomainError::NotAWholeNumber(text.trim().chars().take(20).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_quantities_parse_whole_numbers_only() {
        assert_eq!(parse_quantity(" 3 "), Ok(3));
        assert_eq!(parse_quantity("-2"), Ok(-2));
        assert_eq!(parse_quantity("1000000000"), Ok(1_000_000_000));
        assert_eq!(
            parse_quantity("two"),
            Err(DomainError::NotAWholeNumber("two".into()))
        );
        assert!(parse_quantity("1.5").is_err());
        assert!(parse_quantity("").is_err());
    }
}
