//! Refusals and storage failures in words a shopper understands, in each language.

use super::i18n::{fill, text, Key, Lang};
use crate::app::engine::Outcome;
use crate::app::transfer::ImportError;
use crate::domain::error::{MAX_LINES, MAX_NAME_CHARS, MAX_QUANTITY, MAX_REASON_CHARS};
use crate::domain::{Catalog, Category, DomainError, Product, ProductId};
use crate::log::AppendError;

/// A product's name in the language.
pub fn product_name(lang: Lang, product: &Product) -> &'static str {
    match lang {
        Lang::En => product.name,
        Lang::Zh => product.name_zh,
    }
}

/// A product's description in the language.
pub fn product_description(lang: Lang, product: &Product) -> &'static str {
    match lang {
        Lang::En => product.description,
        Lang::Zh => product.description_zh,
    }
}

/// The name of a product by id, or the id itself for one the catalog does not have.
pub fn name_of(lang: Lang, catalog: &Catalog, id: &ProductId) -> String {
    catalog
        .product(id)
        .map_or_else(|| id.to_string(), |p| product_name(lang, p).to_string())
}

/// A category's name.
pub fn category_name(lang: Lang, category: Category) -> &'static str {
    let key = match category {
        Category::Pantry => Key::CatPantry,
        Category::Drinks => Key::CatDrinks,
        Category::Kitchen => Key::CatKitchen,
        Category::Stationery => Key::CatStationery,
        Category::Electronics => Key::CatElectronics,
        Category::Outdoors => Key::CatOutdoors,
    };
    text(lang, key)
}

/// Why a rule refused a command, in the language.
pub fn describe(lang: Lang, error: &DomainError, catalog: &Catalog) -> String {
    use DomainError::*;
    let name = |id: &ProductId| name_of(lang, catalog, id);
    let en = lang == Lang::En;
    match error {
        UnknownUser(user) if en => format!(
            "There is no shopper called \"{user}\" on this device. Pick or add a shopper first."
        ),
        UnknownUser(user) => format!("本设备上没有名为“{user}”的顾客。请先选择或添加顾客。"),
        UserAlreadyExists(user) if en => {
            format!("A shopper with the id \"{user}\" already exists.")
        }
        UserAlreadyExists(user) => format!("ID 为“{user}”的顾客已存在。"),
        UserNameTaken(name) if en => {
            format!("\"{name}\" is already a shopper here. Choose another name.")
        }
        UserNameTaken(name) => format!("“{name}”已经是这里的顾客。请换一个名字。"),
        UserNameMissing if en => "Please enter a name.".into(),
        UserNameMissing => "请输入姓名。".into(),
        UserNameTooLong if en => format!("Names can have at most {MAX_NAME_CHARS} characters."),
        UserNameTooLong => format!("姓名最多 {MAX_NAME_CHARS} 个字符。"),
        NotAWholeNumber(typed) if en => {
            format!("\"{typed}\" is not a whole number. Enter a quantity from 1 to {MAX_QUANTITY}.")
        }
        NotAWholeNumber(typed) => {
            format!("“{typed}”不是整数。请输入 1 到 {MAX_QUANTITY} 之间的数量。")
        }
        UnknownProduct(id) if en => format!("The shop does not sell \"{id}\"."),
        UnknownProduct(id) => format!("本店不出售“{id}”。"),
        QuantityOutOfRange { requested } if en => {
            format!("You can have 1 to {MAX_QUANTITY} of a product; {requested} is not allowed.")
        }
        QuantityOutOfRange { requested } => {
            format!("每种商品的数量须为 1 到 {MAX_QUANTITY}；不能是 {requested}。")
        }
        TooManyLines if en => format!("A cart can hold at most {MAX_LINES} different products."),
        TooManyLines => format!("购物车最多只能放 {MAX_LINES} 种不同的商品。"),
        NotEnoughStock {
            product,
            requested,
            available: 0,
        } if en => format!("{} is sold out; you asked for {requested}.", name(product)),
        NotEnoughStock {
            product,
            requested,
            available: 0,
        } => format!("{}已售罄；您需要 {requested} 件。", name(product)),
        NotEnoughStock {
            product,
            requested,
            available,
        } if en => format!(
            "Only {available} left of {}; you asked for {requested}.",
            name(product)
        ),
        NotEnoughStock {
            product,
            requested,
            available,
        } => format!(
            "{}仅剩 {available} 件；您需要 {requested} 件。",
            name(product)
        ),
        NotInCart(id) if en => format!("{} is not in your cart.", name(id)),
        NotInCart(id) => format!("{}不在您的购物车中。", name(id)),
        QuantityUnchanged(id) if en => format!("{} already has that quantity.", name(id)),
        QuantityUnchanged(id) => format!("{}已经是这个数量。", name(id)),
        DuplicateLine(id) if en => format!("{} appears twice.", name(id)),
        DuplicateLine(id) => format!("{}出现了两次。", name(id)),
        EmptyCart if en => "Your cart is empty.".into(),
        EmptyCart => "您的购物车是空的。".into(),
        CheckoutInProgress if en => {
            "Your order is being placed; the cart is locked until it is done.".into()
        }
        CheckoutInProgress => "正在下单；完成前购物车已锁定。".into(),
        CheckoutNotPending if en => "That checkout has already finished.".into(),
        CheckoutNotPending => "该结账已经完成。".into(),
        CheckoutAlreadyPlaced if en => "That checkout already became an order.".into(),
        CheckoutAlreadyPlaced => "该结账已经生成了订单。".into(),
        UnknownOrder(id) if en => format!("There is no order {id}."),
        UnknownOrder(id) => format!("没有订单 {id}。"),
        NotYourOrder(id) if en => format!("Order {id} belongs to another shopper."),
        NotYourOrder(id) => format!("订单 {id} 属于另一位顾客。"),
        AlreadyPaid(id) if en => format!("Order {id} is already paid."),
        AlreadyPaid(id) => format!("订单 {id} 已经付过款。"),
        NotPaidYet(id) if en => format!("Order {id} must be paid before it ships."),
        NotPaidYet(id) => format!("订单 {id} 须先付款才能发货。"),
        AlreadyShipped(id) if en => format!("Order {id} was already shipped."),
        AlreadyShipped(id) => format!("订单 {id} 已经发货。"),
        AlreadyCancelled(id) if en => format!("Order {id} was already cancelled."),
        AlreadyCancelled(id) => format!("订单 {id} 已经取消。"),
        OrderWasRejected(id) if en => format!("Order {id} was never placed, for lack of stock."),
        OrderWasRejected(id) => format!("订单 {id} 因库存不足未能下单。"),
        ReasonMissing if en => "Please say why you cancel.".into(),
        ReasonMissing => "请填写取消原因。".into(),
        ReasonTooLong if en => {
            format!("The reason can have at most {MAX_REASON_CHARS} characters.")
        }
        ReasonTooLong => format!("原因最多 {MAX_REASON_CHARS} 个字符。"),
    }
}

/// Why storage did not save a command, in the language.
pub fn not_saved(lang: Lang, error: &AppendError) -> String {
    match error {
        AppendError::QuotaExceeded => text(lang, Key::NotSavedQuota).into(),
        AppendError::Closed => text(lang, Key::NotSavedClosed).into(),
        AppendError::Conflict => text(lang, Key::NotSavedConflict).into(),
        AppendError::Storage(why) => fill(text(lang, Key::NotSavedStorage), &[why]),
    }
}

/// The message for a command that did not go through; `None` for an accepted one.
pub fn failure(lang: Lang, outcome: &Outcome, catalog: &Catalog) -> Option<String> {
    match outcome {
        Outcome::Accepted(_) | Outcome::Duplicate(_) => None,
        Outcome::Rejected(error) => Some(describe(lang, error, catalog)),
        Outcome::NotSaved(error) => Some(not_saved(lang, error)),
    }
}

/// Why an import was refused, in the language.
pub fn import_error(lang: Lang, error: &ImportError) -> String {
    let t = |key| text(lang, key);
    match error {
        ImportError::TooLarge { bytes, limit } => fill(
            t(Key::ImportTooLarge),
            &[&(bytes / 1_048_576), &(limit / 1_048_576)],
        ),
        ImportError::NotJson(why) => fill(t(Key::ImportNotJson), &[why]),
        ImportError::WrongFormat => t(Key::ImportWrongFormat).into(),
        ImportError::NewerFile { version } => fill(t(Key::ImportNewer), &[version]),
        ImportError::BadRecord { index, reason } => fill(t(Key::ImportBadRecord), &[index, reason]),
        ImportError::OutOfOrder {
            index,
            expected,
            found,
        } => fill(t(Key::ImportOutOfOrder), &[index, expected, found]),
        ImportError::VersionGap { index, stream } => {
            fill(t(Key::ImportVersionGap), &[index, stream])
        }
        ImportError::NotEmpty { commands } => fill(t(Key::ImportNotEmpty), &[commands]),
        ImportError::Busy => t(Key::ImportBusy).into(),
        ImportError::NotSaved(error) => not_saved(lang, error),
    }
}
