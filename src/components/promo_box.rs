//! The site-wide call to action from `content/site.toml`.

use leptos::prelude::*;

use crate::site;

/// Heading, pitch, checklist and button; nothing when switched off.
#[component]
pub fn PromoBox() -> impl IntoView {
    let promo = &site::config().promo;
    promo.enabled.then(|| {
        view! {
            <aside class="promo" aria-labelledby="promo-heading">
                <h2 id="promo-heading" class="promo__heading">{promo.heading.clone()}</h2>
                <p class="promo__pitch">{promo.pitch.clone()}</p>
                <ul class="promo__items">
                    {promo.items.iter().map(|item| view! { <li>{item.clone()}</li> }).collect_view()}
                </ul>
                <a class="button promo__button" href=promo.button_href.clone()>
                    {promo.button_label.clone()}
                </a>
            </aside>
        }
    })
}
