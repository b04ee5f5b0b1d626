//! The site-wide call to action from `content/site.toml`.

use leptos::prelude::*;
use wellpress_types::Promo;

use crate::{routes, site};

/// Heading, pitch, checklist and button; nothing when switched off. Shows
/// `promo`, or the site's own when none is given.
#[component]
pub fn PromoBox(#[prop(optional)] promo: Option<Promo>) -> impl IntoView {
    let promo = promo.unwrap_or_else(|| site::config().promo.clone());
    promo.enabled.then(|| {
        view! {
            <aside class="promo" aria-labelledby="promo-heading">
                <h2 id="promo-heading" class="promo__heading">{promo.heading}</h2>
                <p class="promo__pitch">{promo.pitch}</p>
                <ul class="promo__items">
                    {promo.items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
                </ul>
                // A site path (`/napping-well/`) is written from the site's
                // root; under `--public-url /blog/` it needs the base path.
                <a class="button promo__button" href=routes::local(&promo.button_href)>
                    {promo.button_label}
                </a>
            </aside>
        }
    })
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn promo(button_href: &str) -> Promo {
        Promo {
            button_href: button_href.into(),
            ..site::config().promo.clone()
        }
    }

    fn rendered(promo: Promo) -> String {
        Owner::new().with(|| view! { <PromoBox promo /> }.to_html())
    }

    #[test]
    fn the_button_leads_into_a_site_under_a_base_path() {
        routes::set_base("/blog/");
        let in_folder = rendered(promo("/category/sleep/"));
        let elsewhere = rendered(promo("https://example.org/join"));
        routes::set_base("/");
        assert!(
            in_folder.contains(r#"href="/blog/category/sleep/""#),
            "{in_folder}"
        );
        assert!(
            elsewhere.contains(r#"href="https://example.org/join""#),
            "{elsewhere}"
        );
        assert!(rendered(promo("/category/sleep/")).contains(r#"href="/category/sleep/""#));
    }
}
