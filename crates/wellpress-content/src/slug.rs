//! URL segments derived from names and file names.

/// Lower-case ASCII letters and digits joined by single hyphens:
/// `Mental Health` becomes `mental-health`, `Women's health` `womens-health`.
/// Accented Latin letters lose their accents; other characters separate words.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    let mut pending_hyphen = false;
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // "women's" reads better as "womens" than "women-s".
        } else {
            pending_hyphen = true;
        }
    }
    slug
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Ö' | 'Ó' | 'Ò' => 'O',
        'Ü' | 'Ú' => 'U',
        other => other,
    }
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
    }
}
