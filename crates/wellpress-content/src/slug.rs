//! URL segments derived from names and file names.

/// Lower-case ASCII letters and digits joined by single hyphens:
/// `Mental Health` becomes `mental-health`, `Women's health` `womens-health`.
/// Every other script is transliterated (`Ñandú` becomes `nandu`, `Ελλάδα`
/// `ellada`); anything else separates words.
pub fn slugify(name: &str) -> String {
    // "women's" reads better as "womens" than "women-s".
    let name: String = name.chars().filter(|c| !matches!(c, '\'' | '’')).collect();
    ::slug::slugify(name)
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn derives_wordpress_style_slugs() {
        assert_eq!(slugify("Mental Health"), "mental-health");
        assert_eq!(slugify("  Heart   Health  "), "heart-health");
        assert_eq!(slugify("women's health"), "womens-health");
        assert_eq!(slugify("Café & Crème"), "cafe-creme");
        assert_eq!(slugify("COVID-19"), "covid-19");
        assert_eq!(slugify("Sleep_Debt Weekend"), "sleep-debt-weekend");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("Ñandú"), "nandu");
        assert_eq!(slugify("Łódź Żurek"), "lodz-zurek");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("Ελλάδα"), "ellada");
    }
}
