//! Links between the pages of a list of articles.

use leptos::prelude::*;

/// The page numbers to offer around `page` of `total`: always the first and
/// last, the current one and its neighbours, and `None` for a gap.
pub fn page_numbers(page: u32, total: u32) -> Vec<Option<u32>> {
    let mut shown: Vec<u32> = (1..=total)
        .filter(|&n| n == 1 || n == total || n.abs_diff(page) <= 1)
        .collect();
    shown.dedup();
    let mut out = Vec::with_capacity(shown.len() + 2);
    let mut last = 0;
    for n in shown {
        if n > last + 2 {
            out.push(None);
        } else if n == last + 2 {
            // A gap of one page is shown as that page, not as "…".
            out.push(Some(last + 1));
        }
        out.push(Some(n));
        last = n;
    }
    out
}

/// "Newer", numbered pages and "Older", as a navigation landmark. Renders
/// nothing when there is only one page.
#[component]
pub fn Pagination(
    page: u32,
    total_pages: u32,
    /// Builds the link to a page number.
    #[prop(into)]
    href: Callback<u32, String>,
) -> impl IntoView {
    (total_pages > 1).then(|| {
        let numbers = page_numbers(page, total_pages)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == page => view! {
                    <li><span class="pagination__current" aria-current="page">
                        <span class="visually-hidden">"Page "</span>{n}
                    </span></li>
                }
                .into_any(),
                Some(n) => view! {
                    <li><a href=href.run(n)><span class="visually-hidden">"Page "</span>{n}</a></li>
                }
                .into_any(),
                None => {
                    view! { <li class="pagination__gap" aria-hidden="true">"…"</li> }.into_any()
                }
            })
            .collect_view();
        view! {
            <nav class="pagination" aria-label="Pagination">
                <ul>
                    {(page > 1).then(|| view! {
                        <li><a href=href.run(page - 1) rel="prev">"← Newer"</a></li>
                    })}
                    {numbers}
                    {(page < total_pages).then(|| view! {
                        <li><a href=href.run(page + 1) rel="next">"Older →"</a></li>
                    })}
                </ul>
            </nav>
        }
    })
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn short_lists_show_every_page() {
        assert_eq!(page_numbers(1, 1), vec![Some(1)]);
        assert_eq!(page_numbers(2, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(page_numbers(1, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
    }

    #[test]
    fn long_lists_elide_far_pages() {
        assert_eq!(page_numbers(1, 10), vec![Some(1), Some(2), None, Some(10)]);
        assert_eq!(
            page_numbers(6, 10),
            vec![Some(1), None, Some(5), Some(6), Some(7), None, Some(10)]
        );
        assert_eq!(page_numbers(10, 10), vec![Some(1), None, Some(9), Some(10)]);
    }

    #[test]
    fn a_one_page_gap_shows_the_page() {
        assert_eq!(
            page_numbers(4, 10),
            vec![Some(1), Some(2), Some(3), Some(4), Some(5), None, Some(10)]
        );
    }
}
