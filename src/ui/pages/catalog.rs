//! The catalog: search, filter by category, and add to the cart with a quantity.

use crate::app::Shop;
use crate::domain::{parse_quantity, Category, Command, Product};
use crate::ui::act::{self, saying};
use crate::ui::i18n::{fill, money, text, Key};
use crate::ui::messages::{category_name, describe, product_description, product_name};
use crate::ui::session::{Session, ToastKind};
use leptos::prelude::*;

/// The product grid.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(None::<Category>);
    let catalog = shop.catalog();
    let visible = Memo::new(move |_| {
        let lang = session.lang.get();
        let needle = query.get().trim().to_lowercase();
        let only = category.get();
        catalog
            .products()
            .iter()
            .filter(|p| only.is_none_or(|c| p.category == c))
            .filter(|p| needle.is_empty() || product_name(lang, p).to_lowercase().contains(&needle))
            .cloned()
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="catalog-title">
            <h1 id="catalog-title">{move || session.t(Key::Catalog)}</h1>
            <div class="filters">
                <label class="control">
                    <span>{move || session.t(Key::Search)}</span>
                    <input
                        type="search"
                        data-testid="search"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                    />
                </label>
                <label class="control">
                    <span>{move || session.t(Key::Category)}</span>
                    <select data-testid="category" on:change=move |ev| {
                        let picked = event_target_value(&ev);
                        category.set(Category::ALL.into_iter().find(|c| format!("{c:?}") == picked));
                    }>
                        <option value="">{move || session.t(Key::AllCategories)}</option>
                        {Category::ALL
                            .into_iter()
                            .map(|c| view! { <option value=format!("{c:?}")>{move || category_name(session.lang.get(), c)}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <ul class="grid" data-testid="products">
                <For each=move || visible.get() key=|p| p.id.clone() let(product)>
                    <ProductCard product />
                </For>
            </ul>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="empty">{move || session.t(Key::NoProducts)}</p>
            </Show>
        </section>
    }
}

/// One product with its stock, what the cart holds, and an add form.
#[component]
fn ProductCard(product: Product) -> impl IntoView {
    let shop = expect_context::<Shop>();
    let session = expect_context::<Session>();
    let typed = RwSignal::new("1".to_string());
    let id = product.id.clone();
    let available = {
        let id = id.clone();
        move || {
            shop.read
                .catalog
                .with(|c| c.available(&shop.catalog(), &id))
        }
    };
    let in_cart = {
        let id = id.clone();
        move || {
            session
                .user
                .get()
                .map_or(0, |u| shop.read.catalog.with(|c| c.in_cart(&u, &id)))
        }
    };
    let sold_out = {
        let available = available.clone();
        move || available() == 0
    };
    let add = {
        let id = id.clone();
        let product = product.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let lang = session.lang.get_untracked();
            match parse_quantity(&typed.get_untracked()) {
                Err(error) => {
                    session.toast(ToastKind::Error, describe(lang, &error, &shop.catalog()))
                }
                Ok(quantity) => {
                    let product = product.clone();
                    let command = Command::AddItem {
                        product: id.clone(),
                        quantity,
                    };
                    let success = saying(move |lang| {
                        fill(
                            text(lang, Key::AddedToCart),
                            &[&quantity, &product_name(lang, &product)],
                        )
                    });
                    act::send(shop, session, command, success);
                }
            }
        }
    };
    let name = {
        let product = product.clone();
        move || product_name(session.lang.get(), &product)
    };
    let description = {
        let product = product.clone();
        move || product_description(session.lang.get(), &product)
    };
    let testid = format!("product-{}", product.id);
    let price = product.price;
    let input_id = format!("qty-{}", product.id);
    view! {
        <li class="card" data-testid=testid>
            <h2>{name.clone()}</h2>
            <p class="muted">{description}</p>
            <p class="price">{move || money(session.lang.get(), price)}</p>
            <p class="stock" class:sold-out=sold_out.clone()>
                {
                    let available = available.clone();
                    let sold_out = sold_out.clone();
                    move || if sold_out() { session.t(Key::SoldOut).to_string() } else { session.tf(Key::InStock, &[&available()]) }
                }
            </p>
            <p class="in-cart" data-testid="in-cart">
                {
                    let in_cart = in_cart.clone();
                    move || (in_cart() > 0).then(|| session.tf(Key::InYourCart, &[&in_cart()]))
                }
            </p>
            <form class="add" on:submit=add>
                <label for=input_id.clone()>{move || session.t(Key::Quantity)}</label>
                <input
                    id=input_id
                    type="text"
                    inputmode="numeric"
                    data-testid="quantity"
                    size="3"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <button
                    type="submit"
                    data-testid="add"
                    disabled={
                        let sold_out = sold_out.clone();
                        move || sold_out() || session.user.get().is_none()
                    }
                    aria-label=move || session.tf(Key::AddProductToCart, &[&name()])
                >
                    {move || session.t(Key::AddToCart)}
                </button>
            </form>
        </li>
    }
}
