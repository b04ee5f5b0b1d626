//! Reading a request's body: Staticman's form encoding, strictly, or its
//! JSON, into the same names (`fields[name]`, `options[slug]`…).

use std::collections::HashMap;

/// Decodes an `application/x-www-form-urlencoded` body strictly: `None`
/// when a `%` is not followed by two hexadecimal digits (a browser always
/// writes `%25`), or a name or value is not UTF-8 once decoded.
pub fn parse_form(body: &[u8]) -> Option<HashMap<String, String>> {
    let well_formed = body.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || body
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    let decode = |part: &[u8]| {
        let spaced: Vec<u8> = part
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        percent_encoding::percent_decode(&spaced)
            .decode_utf8()
            .ok()
            .map(|text| text.into_owned())
    };
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let mut parts = pair.splitn(2, |&b| b == b'=');
            let name = decode(parts.next().unwrap_or_default())?;
            let value = decode(parts.next().unwrap_or_default())?;
            Some((name, value))
        })
        .collect()
}

/// Staticman's JSON body, `{"fields": {…}, "options": {…}}`, as the names
/// of its form body (`fields[name]`…). `None` when it is not such JSON.
pub fn parse_json(body: &[u8]) -> Option<HashMap<String, String>> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let mut form = HashMap::new();
    for group in ["fields", "options"] {
        let Some(entries) = value.get(group) else {
            continue;
        };
        for (name, value) in entries.as_object()? {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::Null => String::new(),
                _ => return None,
            };
            form.insert(format!("{group}[{name}]"), text);
        }
    }
    Some(form)
}

/// Whether an idempotency key is one the form makes: letters, digits, `-`
/// and `_`, at most 100 of them.
pub fn valid_key(key: &str) -> bool {
    (1..=100).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_form_bodies() {
        let form = parse_form(b"fields%5Bname%5D=Ann+Lee&fields%5Bmessage%5D=Caf%C3%A9+%26+tea%21")
            .unwrap();
        assert_eq!(form["fields[name]"], "Ann Lee");
        assert_eq!(form["fields[message]"], "Café & tea!");
        assert_eq!(parse_form(b"a=%FF"), None, "not UTF-8");
        assert_eq!(parse_form(b"a=%ZZ"), None, "not percent-encoding");
        assert_eq!(parse_form(b"a=100%"), None, "not percent-encoding");
    }
}
