//! Every word the shop shows, in English and Simplified Chinese. Each text is one table row with
//! both languages, so a text cannot exist in one language only; rule refusals are worded here
//! from the domain's error values.

use crate::domain::Money;

/// A language the shop speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Every language, in switcher order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code stored in preferences and set on `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The language for a stored code; English for anything else.
    pub fn from_code(code: &str) -> Self {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The language's own name, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }
}

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A text of the interface.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            /// Every text, for the test that nothing is left untranslated.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }

        /// The text in a language. `{}` marks where [`fill`] puts values.
        pub fn text(lang: Lang, key: Key) -> &'static str {
            match (lang, key) {
                $((Lang::En, Key::$key) => $en, (Lang::Zh, Key::$key) => $zh,)*
            }
        }
    };
}

texts! {
    ShopName => "cqrs-shop", "CQRS 商店";
    Catalog => "Catalog", "商品目录";
    Cart => "Cart", "购物车";
    Orders => "Orders", "订单";
    Log => "Log", "日志";
    Metrics => "Metrics", "指标";
    SkipToContent => "Skip to content", "跳到主要内容";
    MainNavigation => "Main navigation", "主导航";
    CartBadge => "{} items in your cart", "购物车中有 {} 件商品";
    StatusOpening => "Opening storage on this device…", "正在打开本设备上的存储…";
    StatusSaving => "Saved on this device", "已保存在本设备上";
    StatusNotSaving => "Changes will not be saved: {}", "更改将不会被保存：{}";
    StatusBlocked => "Another tab has an older version open. Close it to continue.", "另一个标签页打开着旧版本。请关闭它以继续。";
    StatusClosed => "The shop was updated in another tab. Reload to continue.", "商店已在另一个标签页中更新。请重新加载以继续。";
    Reload => "Reload", "重新加载";
    Loading => "Loading your shop: {} of {} commands", "正在加载商店：第 {} 条，共 {} 条命令";
    LoadFailed => "The shop could not load: {}", "商店无法加载：{}";
    Shopper => "Shopper", "顾客";
    AddShopper => "Add shopper", "添加顾客";
    ShopperName => "Name of the new shopper", "新顾客的姓名";
    Add => "Add", "添加";
    WhoIsShopping => "Who is shopping? Add a shopper to start.", "谁在购物？请先添加一位顾客。";
    ShopperAdded => "Welcome, {}!", "欢迎，{}！";
    Language => "Language", "语言";
    Theme => "Theme", "主题";
    ThemeSystem => "System", "跟随系统";
    ThemeLight => "Light", "浅色";
    ThemeDark => "Dark", "深色";
    Search => "Search products", "搜索商品";
    Category => "Category", "类别";
    AllCategories => "All categories", "全部类别";
    CatPantry => "Pantry", "食品杂货";
    CatDrinks => "Drinks", "饮品";
    CatKitchen => "Kitchen", "厨房用品";
    CatStationery => "Stationery", "文具";
    CatElectronics => "Electronics", "电子产品";
    CatOutdoors => "Outdoors", "户外用品";
    InStock => "{} in stock", "库存 {} 件";
    SoldOut => "Sold out", "已售罄";
    InYourCart => "{} in your cart", "购物车中已有 {} 件";
    Quantity => "Quantity", "数量";
    QuantityOf => "Quantity of {}", "{} 的数量";
    AddToCart => "Add to cart", "加入购物车";
    AddProductToCart => "Add {} to cart", "将 {} 加入购物车";
    AddedToCart => "Added {} × {} to your cart", "已将 {} × {} 加入购物车";
    NoProducts => "No products match your search.", "没有符合搜索条件的商品。";
    CartEmpty => "Your cart is empty.", "您的购物车是空的。";
    Product => "Product", "商品";
    UnitPrice => "Price", "单价";
    LineTotal => "Line total", "小计";
    Total => "Total", "合计";
    Decrease => "One fewer {}", "减少一件 {}";
    Increase => "One more {}", "增加一件 {}";
    Remove => "Remove", "移除";
    RemoveProduct => "Remove {} from the cart", "从购物车移除 {}";
    ClearCart => "Empty the cart", "清空购物车";
    PlaceOrder => "Place order", "下单";
    CheckingOut => "Placing your order…", "正在下单…";
    OrderPlacedToast => "Order placed", "订单已提交";
    Undo => "Undo last cart change", "撤销上一次购物车更改";
    Undone => "Cart change undone", "已撤销购物车更改";
    CartUpdated => "Cart updated", "购物车已更新";
    NoOrders => "No orders yet.", "还没有订单。";
    OrderNumber => "Order #{}", "订单 #{}";
    PlacedOn => "Placed {}", "下单时间 {}";
    StatusLabel => "Status", "状态";
    Pending => "Awaiting payment", "待付款";
    Paid => "Paid", "已付款";
    Shipped => "Shipped", "已发货";
    Cancelled => "Cancelled", "已取消";
    Rejected => "Not placed", "未能下单";
    Pay => "Pay", "付款";
    Ship => "Mark shipped", "标记为已发货";
    Cancel => "Cancel order", "取消订单";
    CancelReason => "Why cancel?", "取消原因";
    ConfirmCancel => "Confirm cancellation", "确认取消";
    Keep => "Keep the order", "保留订单";
    CancelledBecause => "Cancelled: {}", "已取消：{}";
    RejectedBecause => "Only {} of {} were left; you wanted {}.", "{} 仅剩 {} 件；您需要 {} 件。";
    OrderPaidToast => "Order #{} paid", "订单 #{} 已付款";
    OrderShippedToast => "Order #{} shipped", "订单 #{} 已发货";
    OrderCancelledToast => "Order #{} cancelled", "订单 #{} 已取消";
    LogTitle => "Command log", "命令日志";
    LogIntro => "Every accepted command, with the events it caused. Rejected commands never reach the log.", "每条被接受的命令及其产生的事件。被拒绝的命令不会写入日志。";
    FilterUser => "User", "用户";
    FilterService => "Service", "服务";
    FilterType => "Command type", "命令类型";
    Any => "Any", "全部";
    Seq => "#", "序号";
    Command => "Command", "命令";
    Events => "Events", "事件";
    Time => "Time", "时间";
    NoEntries => "No commands match.", "没有符合条件的命令。";
    TimeTravel => "Time travel", "时间旅行";
    TimeTravelHint => "Pick a point in the log to see the read models as they were then (read-only).", "选择日志中的某一点，查看当时的读模型（只读）。";
    AfterCommand => "After command #{}", "第 {} 条命令之后";
    BackToLive => "Back to now", "回到现在";
    AsOfThen => "As it was then", "当时的状态";
    Export => "Export log", "导出日志";
    Import => "Import log", "导入日志";
    ImportChecking => "Checking {} of {} records", "正在检查第 {} 条，共 {} 条记录";
    ImportWriting => "Writing {} records", "正在写入 {} 条记录";
    Imported => "Imported {} commands", "已导入 {} 条命令";
    Quarantined => "{} unreadable records were kept aside", "{} 条无法读取的记录已隔离保存";
    MetricsTitle => "Response time", "响应时间";
    Formula => "T̄ = 1/n Σ (Rᵢ + Wᵢ) over the cart and order services", "T̄ = 1/n Σ (Rᵢ + Wᵢ)，对购物车服务和订单服务求平均";
    Service => "Service", "服务";
    ReadTime => "Mean read time Rᵢ", "平均读时间 Rᵢ";
    WriteTime => "Mean write time Wᵢ", "平均写时间 Wᵢ";
    Samples => "Samples", "样本数";
    MeanResponse => "Mean response time T̄", "平均响应时间 T̄";
    NotMeasured => "not measured yet", "尚未测量";
    RecentLatencies => "Recent command latencies (ms)", "最近命令延迟（毫秒）";
    CommandsLogged => "Commands in the log", "日志中的命令";
    EventsLogged => "Events in the log", "日志中的事件";
    GroupCommit => "Commands per transaction (group commit)", "每个事务提交的命令数（组提交）";
    RejectedCount => "Rejected this session", "本次会话被拒绝";
    StorageUsed => "Storage used", "已用存储";
    Persistent => "Storage is persistent: the browser will not evict it.", "存储为持久存储：浏览器不会清除它。";
    MayBeEvicted => "The browser may delete this data when space runs low. Install the app or allow persistent storage to keep it.", "空间不足时浏览器可能会删除这些数据。安装应用或允许持久存储以保留数据。";
    TabLatency => "Last change from another tab arrived in {} ms", "另一个标签页的更改在 {} 毫秒内到达";
    ServiceCart => "Cart", "购物车";
    ServiceOrder => "Order", "订单";
    ServiceUsers => "Users", "用户";
    NotFound => "This page does not exist.", "此页面不存在。";
    Dismiss => "Dismiss", "关闭";
    NewVersion => "A new version is ready.", "新版本已就绪。";
    NotSavedQuota => "Not saved: this device's storage is full. Free some space and try again.", "未保存：设备存储空间已满。请释放一些空间后重试。";
    NotSavedClosed => "Not saved: the shop was updated in another tab. Reload to continue.", "未保存：商店已在另一个标签页中更新。请重新加载以继续。";
    NotSavedConflict => "Not saved: other tabs kept changing the same thing. Please try again.", "未保存：其他标签页一直在修改同一内容。请重试。";
    NotSavedStorage => "Not saved: the browser's storage failed ({}).", "未保存：浏览器存储出错（{}）。";
    ImportTooLarge => "The file is too large: {} MB, the limit is {} MB.", "文件过大：{} MB，上限为 {} MB。";
    ImportNotJson => "The file is not valid JSON: {}", "文件不是有效的 JSON：{}";
    ImportWrongFormat => "This is not a cqrs-shop log export.", "这不是 cqrs-shop 的日志导出文件。";
    ImportNewer => "The file was made by a newer version of the shop (file version {}).", "该文件由更新版本的商店生成（文件版本 {}）。";
    ImportBadRecord => "Record {} cannot be read: {}", "第 {} 条记录无法读取：{}";
    ImportOutOfOrder => "Record {} is out of order: expected #{}, found #{}.", "第 {} 条记录顺序错误：应为 #{}，实为 #{}。";
    ImportVersionGap => "Record {} skips a version of {}.", "第 {} 条记录跳过了 {} 的一个版本。";
    ImportBusy => "The shop is still opening or saving. Try the import again in a moment.", "商店仍在打开或保存中。请稍后再试导入。";
    ImportNotEmpty => "Import needs an empty shop; this one already has {} commands.", "导入需要空的商店；当前已有 {} 条命令。";
}

/// Puts `values` into the `{}` marks of a text, in order.
pub fn fill(template: &str, values: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut parts = template.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            if let Some(value) = values.next() {
                out.push_str(&value.to_string());
            }
        }
    }
    out
}

/// A price as the language writes it.
pub fn money(lang: Lang, amount: Money) -> String {
    match lang {
        Lang::En => amount.format("$"),
        Lang::Zh => amount.format("US$"),
    }
}

/// A local date and time as the language writes it.
pub fn date_time(lang: Lang, parts: DateParts) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let DateParts {
        year,
        month,
        day,
        hour,
        minute,
    } = parts;
    match lang {
        Lang::En => {
            let name = MONTHS[(month.clamp(1, 12) - 1) as usize];
            format!("{name} {day}, {year}, {hour:02}:{minute:02}")
        }
        Lang::Zh => format!("{year}年{month}月{day}日 {hour:02}:{minute:02}"),
    }
}

/// A moment broken into local calendar parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

impl DateParts {
    /// The local parts of a moment (epoch milliseconds), in the browser's time zone.
    pub fn local(epoch_ms: u64) -> Self {
        #[cfg(target_arch = "wasm32")]
        {
            let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms as f64));
            Self {
                year: date.get_full_year() as i32,
                month: date.get_month() + 1,
                day: date.get_date(),
                hour: date.get_hours(),
                minute: date.get_minutes(),
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            utc_parts(epoch_ms)
        }
    }
}

/// UTC calendar parts of a moment (used outside a browser).
pub fn utc_parts(epoch_ms: u64) -> DateParts {
    let secs = epoch_ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil-from-days (proleptic Gregorian), after Howard Hinnant's published algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    DateParts {
        year,
        month,
        day,
        hour: (rem / 3_600) as u32,
        minute: (rem % 3_600 / 60) as u32,
    }
}
