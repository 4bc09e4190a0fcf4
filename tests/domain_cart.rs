//! Specifications of the cart service's rules.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use cqrs_shop::domain::error::{MAX_LINES, MAX_QUANTITY};
use cqrs_shop::domain::*;
use support::*;

fn add(id: &str, quantity: i64) -> Command {
    Command::AddItem {
        product: product(id),
        quantity,
    }
}

#[test]
fn adding_an_item_records_it_in_the_shoppers_cart() {
    given([registered(&alice())])
        .when(add("pasta", 2))
        .then(vec![added(&alice(), "pasta", 2)]);
}

#[test]
fn adding_fails_for_an_unknown_user() {
    given([])
        .when(add("pasta", 1))
        .then_error(DomainError::UnknownUser(alice()));
}

#[test]
fn adding_fails_for_a_product_the_shop_does_not_sell() {
    given([registered(&alice())])
        .when(add("unicorn", 1))
        .then_error(DomainError::UnknownProduct(product("unicorn")));
}

#[test]
fn adding_fails_for_zero_negative_and_huge_quantities() {
    for quantity in [0, -3, 100, 1_000_000_000] {
        given([registered(&alice())])
            .when(add("pasta", quantity))
            .then_error(DomainError::QuantityOutOfRange {
                requested: quantity,
            });
    }
}

#[test]
fn adding_fails_when_the_line_would_exceed_99() {
    given([registered(&alice()), added(&alice(), "pasta", 60)])
        .when(add("pasta", 40))
        .then_error(DomainError::QuantityOutOfRange { requested: 100 });
}

#[test]
fn adding_fails_when_more_are_wanted_than_are_in_stock() {
    // The tent has 3 in stock.
    given([registered(&alice()), added(&alice(), "tent", 2)])
        .when(add("tent", 2))
        .then_error(DomainError::NotEnoughStock {
            product: product("tent"),
            requested: 4,
            available: 3,
        });
}

#[test]
fn adding_fails_when_stock_is_reserved_by_an_order() {
    given([
        registered(&alice()),
        Event::StockReserved {
            order: OrderId(1),
            items: vec![CartLine {
                product: product("tent"),
                quantity: 3,
            }],
        },
    ])
    .when(add("tent", 1))
    .then_error(DomainError::NotEnoughStock {
        product: product("tent"),
        requested: 1,
        available: 0,
    });
}

#[test]
fn adding_a_51st_product_fails_because_a_cart_holds_at_most_50_lines() {
    let catalog = Catalog::builtin();
    let mut history = vec![registered(&alice())];
    // The catalog has fewer than 50 products, so reach the limit through a restored cart of
    // the ones it has, then check the limit against a restore of 51.
    let lines: Vec<CartLine> = (0..=MAX_LINES)
        .map(|i| CartLine {
            product: catalog.products()[i % catalog.products().len()].id.clone(),
            quantity: 1,
        })
        .collect();
    history.push(added(&alice(), "pasta", 1));
    given(history)
        .when(Command::RestoreCart { lines })
        .then_error(DomainError::TooManyLines);
}

#[test]
fn a_second_add_of_the_same_product_adds_to_its_line() {
    let spec = given([registered(&alice()), added(&alice(), "pasta", 2)]);
    assert_eq!(
        spec.model()
            .carts()
            .cart(&alice())
            .quantity_of(&product("pasta")),
        2
    );
    spec.when(add("pasta", 3))
        .then(vec![added(&alice(), "pasta", 3)]);
}

#[test]
fn changing_the_quantity_sets_the_line_to_the_new_number() {
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::ChangeQuantity {
            product: product("pasta"),
            quantity: 5,
        })
        .then(vec![Event::QuantityChanged {
            user: alice(),
            product: product("pasta"),
            quantity: 5,
        }]);
}

#[test]
fn changing_the_quantity_fails_for_a_product_not_in_the_cart() {
    given([registered(&alice())])
        .when(Command::ChangeQuantity {
            product: product("pasta"),
            quantity: 5,
        })
        .then_error(DomainError::NotInCart(product("pasta")));
}

#[test]
fn changing_the_quantity_fails_outside_1_to_99() {
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::ChangeQuantity {
            product: product("pasta"),
            quantity: i64::from(MAX_QUANTITY) + 1,
        })
        .then_error(DomainError::QuantityOutOfRange { requested: 100 });
}

#[test]
fn changing_to_the_same_quantity_is_refused_as_no_change() {
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::ChangeQuantity {
            product: product("pasta"),
            quantity: 2,
        })
        .then_error(DomainError::QuantityUnchanged(product("pasta")));
}

#[test]
fn removing_an_item_takes_its_line_out() {
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::RemoveItem {
            product: product("pasta"),
        })
        .then(vec![Event::ItemRemoved {
            user: alice(),
            product: product("pasta"),
        }]);
}

#[test]
fn removing_fails_for_a_product_not_in_the_cart() {
    given([registered(&alice())])
        .when(Command::RemoveItem {
            product: product("pasta"),
        })
        .then_error(DomainError::NotInCart(product("pasta")));
}

#[test]
fn clearing_empties_the_cart() {
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::ClearCart)
        .then(vec![Event::CartCleared { user: alice() }]);
}

#[test]
fn clearing_an_empty_cart_fails() {
    given([registered(&alice())])
        .when(Command::ClearCart)
        .then_error(DomainError::EmptyCart);
}

#[test]
fn restoring_puts_back_the_given_lines() {
    let lines = vec![CartLine {
        product: product("honey"),
        quantity: 2,
    }];
    given([registered(&alice())])
        .when(Command::RestoreCart {
            lines: lines.clone(),
        })
        .then(vec![Event::CartRestored {
            user: alice(),
            lines,
        }]);
}

#[test]
fn restoring_fails_when_a_product_appears_twice() {
    let line = CartLine {
        product: product("honey"),
        quantity: 1,
    };
    given([registered(&alice())])
        .when(Command::RestoreCart {
            lines: vec![line.clone(), line],
        })
        .then_error(DomainError::DuplicateLine(product("honey")));
}

#[test]
fn checking_out_freezes_the_lines_at_catalog_prices() {
    let catalog = Catalog::builtin();
    let price = catalog.product(&product("pasta")).unwrap().price;
    given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(Command::CheckOut)
        .then(vec![Event::CheckoutStarted {
            user: alice(),
            checkout: CheckoutId::new("cmd-under-test"),
            lines: vec![OrderLine {
                product: product("pasta"),
                quantity: 2,
                unit_price: price,
            }],
        }]);
}

#[test]
fn checking_out_an_empty_cart_fails() {
    given([registered(&alice())])
        .when(Command::CheckOut)
        .then_error(DomainError::EmptyCart);
}

#[test]
fn a_cart_being_checked_out_refuses_changes() {
    let started = Event::CheckoutStarted {
        user: alice(),
        checkout: CheckoutId::new("c1"),
        lines: vec![],
    };
    given([registered(&alice()), added(&alice(), "pasta", 1), started])
        .when(add("pasta", 1))
        .then_error(DomainError::CheckoutInProgress);
}

#[test]
fn completing_a_checkout_empties_the_cart_and_unlocks_it() {
    let history = [
        registered(&alice()),
        added(&alice(), "pasta", 1),
        Event::CheckoutStarted {
            user: alice(),
            checkout: CheckoutId::new("c1"),
            lines: vec![],
        },
        Event::CheckoutCompleted {
            user: alice(),
            checkout: CheckoutId::new("c1"),
            order: OrderId(1),
        },
    ];
    let spec = given(history);
    assert!(spec.model().carts().cart(&alice()).lines.is_empty());
    spec.when(add("pasta", 1))
        .then(vec![added(&alice(), "pasta", 1)]);
}

#[test]
fn completing_a_checkout_that_is_not_pending_fails() {
    given([registered(&alice())])
        .when(Command::CompleteCheckout {
            checkout: CheckoutId::new("c9"),
            order: OrderId(1),
        })
        .then_error(DomainError::CheckoutNotPending);
}

#[test]
fn a_failed_checkout_keeps_the_lines_and_unlocks_the_cart() {
    let history = [
        registered(&alice()),
        added(&alice(), "pasta", 1),
        Event::CheckoutStarted {
            user: alice(),
            checkout: CheckoutId::new("c1"),
            lines: vec![],
        },
        Event::CheckoutFailed {
            user: alice(),
            checkout: CheckoutId::new("c1"),
            order: OrderId(1),
        },
    ];
    let spec = given(history);
    assert_eq!(
        spec.model()
            .carts()
            .cart(&alice())
            .quantity_of(&product("pasta")),
        1
    );
    spec.when(Command::ClearCart)
        .then(vec![Event::CartCleared { user: alice() }]);
}

#[test]
fn carts_are_scoped_by_user() {
    given([
        registered(&alice()),
        registered(&bob()),
        added(&alice(), "pasta", 2),
    ])
    .when_by(&bob(), Command::ClearCart)
    .then_error(DomainError::EmptyCart);
}

#[test]
fn cart_events_are_numbered_in_the_users_cart_stream() {
    let recorded = given([registered(&alice()), added(&alice(), "pasta", 2)])
        .when(add("pasta", 1))
        .recorded();
    assert_eq!(recorded[0].stream, StreamId::cart(&alice()));
    assert_eq!(recorded[0].version, 2);
}
