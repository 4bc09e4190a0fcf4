//! The built-in catalog: what the shop sells, its prices and its starting stock.

use super::ids::ProductId;
use super::money::Money;
use serde::{Deserialize, Serialize};

/// A shelf of the shop; the catalog page filters by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    Pantry,
    Drinks,
    Kitchen,
    Stationery,
    Electronics,
    Outdoors,
}

impl Category {
    /// Every category, in shelf order.
    pub const ALL: [Category; 6] = [
        Category::Pantry,
        Category::Drinks,
        Category::Kitchen,
        Category::Stationery,
        Category::Electronics,
        Category::Outdoors,
    ];
}

/// A product as the catalog lists it. Names and descriptions come in English and Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: ProductId,
    pub name: &'static str,
    pub name_zh: &'static str,
    pub description: &'static str,
    pub description_zh: &'static str,
    pub category: Category,
    pub price: Money,
    /// Units on hand before any order reserved some.
    pub stock: u32,
}

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Category,
    u64,
    u32,
);

use Category::*;

const ROWS: &[Row] = &[
    (
        "rice-5kg",
        "Jasmine rice, 5 kg",
        "茉莉香米 5 公斤",
        "Fragrant long-grain rice.",
        "清香长粒米。",
        Pantry,
        1299,
        40,
    ),
    (
        "olive-oil",
        "Olive oil, 1 l",
        "橄榄油 1 升",
        "Cold-pressed extra virgin.",
        "冷榨特级初榨。",
        Pantry,
        999,
        25,
    ),
    (
        "pasta",
        "Spaghetti, 500 g",
        "意大利面 500 克",
        "Bronze-cut durum wheat.",
        "铜模硬质小麦。",
        Pantry,
        249,
        80,
    ),
    (
        "honey",
        "Wildflower honey",
        "野花蜂蜜",
        "Raw, from local hives.",
        "本地蜂场原蜜。",
        Pantry,
        749,
        12,
    ),
    (
        "oats",
        "Rolled oats, 1 kg",
        "燕麦片 1 公斤",
        "Whole-grain breakfast oats.",
        "全谷物早餐燕麦。",
        Pantry,
        399,
        50,
    ),
    (
        "green-tea",
        "Longjing green tea",
        "龙井绿茶",
        "Spring harvest, 100 g.",
        "春茶，100 克。",
        Drinks,
        1899,
        15,
    ),
    (
        "coffee-beans",
        "Coffee beans, 1 kg",
        "咖啡豆 1 公斤",
        "Medium roast arabica.",
        "中度烘焙阿拉比卡。",
        Drinks,
        2499,
        20,
    ),
    (
        "sparkling-water",
        "Sparkling water, 6 pack",
        "气泡水 6 瓶装",
        "Lightly carbonated.",
        "微气泡。",
        Drinks,
        499,
        60,
    ),
    (
        "orange-juice",
        "Orange juice, 1 l",
        "橙汁 1 升",
        "Not from concentrate.",
        "非浓缩还原。",
        Drinks,
        349,
        30,
    ),
    (
        "oat-milk",
        "Oat milk, 1 l",
        "燕麦奶 1 升",
        "Barista edition.",
        "咖啡师版。",
        Drinks,
        299,
        45,
    ),
    (
        "chef-knife",
        "Chef's knife",
        "主厨刀",
        "20 cm stainless steel.",
        "20 厘米不锈钢。",
        Kitchen,
        5900,
        8,
    ),
    (
        "cutting-board",
        "Bamboo cutting board",
        "竹砧板",
        "Large, with juice groove.",
        "大号，带导流槽。",
        Kitchen,
        2450,
        14,
    ),
    (
        "wok",
        "Carbon-steel wok",
        "碳钢炒锅",
        "36 cm, hand-hammered.",
        "36 厘米，手工锻打。",
        Kitchen,
        4200,
        6,
    ),
    (
        "kettle",
        "Electric kettle",
        "电热水壶",
        "1.7 l with temperature control.",
        "1.7 升，可控温。",
        Kitchen,
        3999,
        10,
    ),
    (
        "notebook",
        "Dotted notebook",
        "点阵笔记本",
        "A5, 160 pages.",
        "A5，160 页。",
        Stationery,
        1250,
        35,
    ),
    (
        "fountain-pen",
        "Fountain pen",
        "钢笔",
        "Fine nib, refillable.",
        "细尖，可替换墨囊。",
        Stationery,
        2800,
        9,
    ),
    (
        "pencils",
        "Pencils, 12 pack",
        "铅笔 12 支装",
        "HB cedar pencils.",
        "HB 雪松铅笔。",
        Stationery,
        450,
        70,
    ),
    (
        "sticky-notes",
        "Sticky notes",
        "便利贴",
        "Six colours, 600 sheets.",
        "六色，600 张。",
        Stationery,
        599,
        40,
    ),
    (
        "headphones",
        "Wireless headphones",
        "无线耳机",
        "Noise cancelling, 30 h battery.",
        "降噪，续航 30 小时。",
        Electronics,
        12900,
        5,
    ),
    (
        "usb-charger",
        "USB-C charger",
        "USB-C 充电器",
        "65 W, two ports.",
        "65 瓦，双口。",
        Electronics,
        3499,
        18,
    ),
    (
        "power-bank",
        "Power bank",
        "移动电源",
        "20,000 mAh.",
        "20000 毫安时。",
        Electronics,
        4599,
        11,
    ),
    (
        "e-reader",
        "E-reader",
        "电子阅读器",
        "6-inch glare-free screen.",
        "6 英寸防眩光屏幕。",
        Electronics,
        10900,
        4,
    ),
    (
        "tent",
        "Two-person tent",
        "双人帐篷",
        "Three-season, 2.1 kg.",
        "三季帐，2.1 公斤。",
        Outdoors,
        18900,
        3,
    ),
    (
        "water-bottle",
        "Steel water bottle",
        "不锈钢水壶",
        "Keeps drinks cold for 24 h.",
        "保冷 24 小时。",
        Outdoors,
        2299,
        25,
    ),
    (
        "headlamp",
        "Headlamp",
        "头灯",
        "400 lumens, rechargeable.",
        "400 流明，可充电。",
        Outdoors,
        2999,
        16,
    ),
    (
        "rain-jacket",
        "Rain jacket",
        "雨衣",
        "Packable and breathable.",
        "可收纳，透气。",
        Outdoors,
        7900,
        7,
    ),
];

/// The catalog every service reads from. It is fixed at build time, so it needs no stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    // Shared, so that copying the write model or handing the catalog to a view costs a
    // reference count, not 26 products.
    products: std::sync::Arc<[Product]>,
}

impl Catalog {
    /// The shop's built-in products.
    pub fn builtin() -> Self {
        let products: Vec<Product> = ROWS
            .iter()
            .map(
                |&(id, name, name_zh, description, description_zh, category, cents, stock)| {
                    Product {
                        id: ProductId::new(id),
                        name,
                        name_zh,
                        description,
                        description_zh,
                        category,
                        price: Money::cents(cents),
                        stock,
                    }
                },
            )
            .collect();
        Self {
            products: products.into(),
        }
    }

    /// The product with this id, if the shop sells it.
    pub fn product(&self, id: &ProductId) -> Option<&Product> {
        self.products.iter().find(|p| &p.id == id)
    }

    /// Every product in shelf order.
    pub fn products(&self) -> &[Product] {
        &self.products
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Self::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_catalog_offers_at_least_24_products_in_every_category() {
        let catalog = Catalog::builtin();
        assert!(catalog.products().len() >= 24);
        let categories: BTreeSet<_> = catalog.products().iter().map(|p| p.category).collect();
        assert_eq!(categories.len(), Category::ALL.len());
    }

    #[test]
    fn product_ids_are_unique_and_prices_and_stock_are_positive() {
        let catalog = Catalog::builtin();
        let ids: BTreeSet<_> = catalog.products().iter().map(|p| &p.id).collect();
        assert_eq!(ids.len(), catalog.products().len());
        assert!(catalog
            .products()
            .iter()
            .all(|p| p.price.0 > 0 && p.stock > 0));
    }
}
