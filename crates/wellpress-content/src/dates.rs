//! Dates as the content writes them (`2026-03-14`) and comment times
//! (`2026-11-20T14:03:00Z`), read and written with the `time` crate.

use time::{
    Date, OffsetDateTime, format_description::BorrowedFormatItem,
    format_description::well_known::Rfc3339, macros::format_description,
};

/// `YYYY-MM-DD`, every part zero-padded.
const DAY: &[BorrowedFormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// Whether `text` is a real calendar day written `YYYY-MM-DD`, from 1900 on.
pub fn is_valid_date(text: &str) -> bool {
    text.len() == 10 && Date::parse(text, DAY).is_ok_and(|date| date.year() >= 1900)
}

/// `2026-11-20T14:03:00Z` for a Unix time in seconds; `None` past the
/// year 9999 or before year 1.
pub fn iso_from_unix(seconds: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_dates_only() {
        assert!(is_valid_date("2026-03-14"));
        assert!(is_valid_date("2024-02-29"));
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-3-14",
            "14/03/2026",
            "2026-03-14x",
            "",
            "2026-+3-+4",
            "+2026-03-14",
            "1850-01-01",
        ] {
            assert!(!is_valid_date(bad), "{bad}");
        }
    }

    #[test]
    fn converts_unix_seconds() {
        assert_eq!(iso_from_unix(0).unwrap(), "1970-01-01T00:00:00Z");
        assert_eq!(
            iso_from_unix(1_709_164_800).unwrap(),
            "2024-02-29T00:00:00Z"
        );
        assert_eq!(
            iso_from_unix(1_795_000_000).unwrap(),
            "2026-11-18T11:06:40Z"
        );
        assert_eq!(iso_from_unix(i64::MAX), None);
    }
}
