//! No text is left untranslated: every interface text and every refusal exists in English and
//! in Simplified Chinese, and the two differ.
#![cfg(not(target_arch = "wasm32"))]

use cqrs_shop::app::transfer::ImportError;
use cqrs_shop::domain::{Catalog, DomainError, Money, OrderId, ProductId, UserId};
use cqrs_shop::log::AppendError;
use cqrs_shop::ui::i18n::{date_time, fill, money, text, utc_parts, Key, Lang};
use cqrs_shop::ui::messages::{describe, import_error, not_saved};

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Texts that are the same in both languages on purpose.
const SAME_IN_BOTH: [Key; 0] = [];

#[test]
fn every_interface_text_exists_in_both_languages_and_they_differ() {
    for key in Key::ALL {
        let (en, zh) = (text(Lang::En, *key), text(Lang::Zh, *key));
        assert!(!en.trim().is_empty(), "{key:?} has no English");
        assert!(!zh.trim().is_empty(), "{key:?} has no Chinese");
        if !SAME_IN_BOTH.contains(key) {
            assert_ne!(en, zh, "{key:?} is not translated");
        }
        assert_eq!(
            en.matches("{}").count(),
            zh.matches("{}").count(),
            "{key:?} placeholders differ"
        );
    }
}

fn every_refusal() -> Vec<DomainError> {
    use DomainError::*;
    let p = ProductId::new("tent");
    let o = OrderId(3);
    vec![
        UnknownUser(UserId::new("zed")),
        UserAlreadyExists(UserId::new("zed")),
        UserNameTaken("Ana".into()),
        UserNameMissing,
        UserNameTooLong,
        NotAWholeNumber("abc".into()),
        UnknownProduct(ProductId::new("unicorn")),
        QuantityOutOfRange { requested: 0 },
        TooManyLines,
        NotEnoughStock {
            product: p.clone(),
            requested: 5,
            available: 3,
        },
        NotEnoughStock {
            product: p.clone(),
            requested: 5,
            available: 0,
        },
        NotInCart(p.clone()),
        QuantityUnchanged(p.clone()),
        DuplicateLine(p),
        EmptyCart,
        CheckoutInProgress,
        CheckoutNotPending,
        CheckoutAlreadyPlaced,
        UnknownOrder(o),
        NotYourOrder(o),
        AlreadyPaid(o),
        NotPaidYet(o),
        AlreadyShipped(o),
        AlreadyCancelled(o),
        OrderWasRejected(o),
        ReasonMissing,
        ReasonTooLong,
    ]
}

#[test]
fn every_refusal_is_worded_in_both_languages() {
    let catalog = Catalog::builtin();
    for error in every_refusal() {
        let en = describe(Lang::En, &error, &catalog);
        let zh = describe(Lang::Zh, &error, &catalog);
        assert!(!en.is_empty() && !has_chinese(&en), "{error:?}: {en}");
        assert!(has_chinese(&zh), "{error:?} is not in Chinese: {zh}");
    }
}

#[test]
fn refusals_name_the_product_and_the_numbers() {
    let catalog = Catalog::builtin();
    let error = DomainError::NotEnoughStock {
        product: ProductId::new("tent"),
        requested: 5,
        available: 3,
    };
    assert_eq!(
        describe(Lang::En, &error, &catalog),
        "Only 3 left of Two-person tent; you asked for 5."
    );
    assert_eq!(
        describe(Lang::Zh, &error, &catalog),
        "双人帐篷仅剩 3 件；您需要 5 件。"
    );
    assert_eq!(
        describe(
            Lang::En,
            &DomainError::AlreadyShipped(OrderId(12)),
            &catalog
        ),
        "Order #12 was already shipped."
    );
}

#[test]
fn storage_failures_and_import_errors_are_worded_in_both_languages() {
    let failures = [
        AppendError::QuotaExceeded,
        AppendError::Closed,
        AppendError::Conflict,
        AppendError::Storage("UnknownError".into()),
    ];
    for failure in &failures {
        assert!(has_chinese(&not_saved(Lang::Zh, failure)));
        assert!(!has_chinese(&not_saved(Lang::En, failure)));
    }
    let imports = [
        ImportError::TooLarge {
            bytes: 30 << 20,
            limit: 20 << 20,
        },
        ImportError::NotJson("x".into()),
        ImportError::WrongFormat,
        ImportError::NewerFile { version: 9 },
        ImportError::BadRecord {
            index: 2,
            reason: "r".into(),
        },
        ImportError::OutOfOrder {
            index: 2,
            expected: 2,
            found: 5,
        },
        ImportError::VersionGap {
            index: 2,
            stream: "cart/a".into(),
        },
        ImportError::NotEmpty { commands: 4 },
        ImportError::Busy,
        ImportError::NotSaved(AppendError::QuotaExceeded),
    ];
    for error in &imports {
        assert!(has_chinese(&import_error(Lang::Zh, error)), "{error:?}");
        assert!(!has_chinese(&import_error(Lang::En, error)), "{error:?}");
    }
    assert_eq!(
        import_error(Lang::En, &imports[0]),
        "The file is too large: 30 MB, the limit is 20 MB."
    );
}

#[test]
fn prices_and_dates_are_written_the_way_each_language_writes_them() {
    assert_eq!(money(Lang::En, Money::cents(123_450)), "$1,234.50");
    assert_eq!(money(Lang::Zh, Money::cents(123_450)), "US$1,234.50");
    // 2026-12-04 16:30 UTC
    let parts = utc_parts(1_796_401_800_000);
    assert_eq!(date_time(Lang::En, parts), "Dec 4, 2026, 16:30");
    assert_eq!(date_time(Lang::Zh, parts), "2026年12月4日 16:30");
    assert_eq!(fill("{} of {}", &[&1, &2]), "1 of 2");
}
