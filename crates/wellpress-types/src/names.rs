//! Names the app, the prerendered pages, the start-up script (src/start/start.js)
//! and the host tools share: element ids, attributes and storage keys.
//! Each is written once, here; the build hands the start-up script the ones
//! it uses ([`for_start_up_script`]), so the two cannot drift apart.

/// The id of the app's root element on every page.
pub const ROOT_ID: &str = "app";
/// The id of the element that holds a prerendered page's data.
pub const DATA_ID: &str = "wellpress-data";
/// The attribute of that element naming the article the page shows.
pub const ARTICLE_ATTRIBUTE: &str = "data-article";
/// The attribute of that element on the search page, which shows no data
/// of its own.
pub const SEARCH_MARK: &str = "data-search";
/// The attribute of that element on "page not found".
pub const NOT_FOUND_MARK: &str = "data-not-found";
/// The name of the `<meta>` that tells the app the base path the site is
/// served under (it stands in for trunk's `<base>`).
pub const BASE_META: &str = "wellpress-base";
/// The comment form's block (WordPress's id).
pub const FORM_ID: &str = "respond";
/// The comment field (WordPress's id).
pub const COMMENT_FIELD_ID: &str = "comment";
/// Set on the document element while the reader composes a word with an
/// input method, not yet committed.
pub const COMPOSING_MARK: &str = "data-wellpress-composing";
/// Set on the document element by the start-up script and the app: scripts
/// run, so the page shows what needs them (the copy-link button).
pub const SCRIPTS_MARK: &str = "data-scripts";
/// Set on the document element with [`SCRIPTS_MARK`] where the browser has
/// a share sheet (`navigator.share`).
pub const SHARE_SHEET_MARK: &str = "data-share-sheet";
/// The header's search field, which `/` focuses (from the start-up script,
/// before the app is there, and after).
pub const SEARCH_FIELD_ID: &str = "search-field";
/// The search page's block: on it, the start-up script starts the app at
/// once, since only the app can answer the query.
pub const SEARCH_PAGE_ID: &str = "search";
/// Set on the comment field by the start-up script: the text it kept as
/// the draft, so the app can tell this page's draft from older ones.
pub const KEPT_MARK: &str = "data-kept";

/// Storage key of the commenter's saved name, email and website.
pub const COMMENTER_KEY: &str = "wellpress:commenter";
/// Storage keys of the reader's own comments start with this, one each.
pub const MINE_KEY_PREFIX: &str = "wellpress:mine:";
/// Where earlier builds kept all of the reader's comments, as one list.
pub const MINE_LIST_KEY: &str = "wellpress:my-comments";
/// Storage keys of drafts: this, then the article's slug.
pub const DRAFT_KEY_PREFIX: &str = "wellpress:draft:";

/// The placeholder in src/start/start.js that the build replaces with
/// [`for_start_up_script`].
pub const START_UP_PLACEHOLDER: &str = "@NAMES@";

/// The names the start-up script uses, as a JavaScript object literal.
pub fn for_start_up_script() -> String {
    let names = [
        ("dataId", DATA_ID),
        ("articleAttribute", ARTICLE_ATTRIBUTE),
        ("formId", FORM_ID),
        ("commentFieldId", COMMENT_FIELD_ID),
        ("composingMark", COMPOSING_MARK),
        ("keptMark", KEPT_MARK),
        ("searchFieldId", SEARCH_FIELD_ID),
        ("searchPageId", SEARCH_PAGE_ID),
        ("scriptsMark", SCRIPTS_MARK),
        ("shareSheetMark", SHARE_SHEET_MARK),
        ("commenterKey", COMMENTER_KEY),
        ("mineKeyPrefix", MINE_KEY_PREFIX),
        ("mineListKey", MINE_LIST_KEY),
        ("draftKeyPrefix", DRAFT_KEY_PREFIX),
    ];
    let fields: Vec<String> = names
        .iter()
        .map(|(name, value)| {
            // Every value here is plain ASCII without quotes or backslashes.
            debug_assert!(
                value
                    .bytes()
                    .all(|b| b.is_ascii_graphic() && b != b'\'' && b != b'\\')
            );
            format!("{name}: '{value}'")
        })
        .collect();
    format!("{{ {} }}", fields.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_gets_every_name_as_a_string() {
        let names = for_start_up_script();
        assert!(names.starts_with("{ dataId: 'wellpress-data', "), "{names}");
        assert!(
            names.contains("draftKeyPrefix: 'wellpress:draft:'"),
            "{names}"
        );
        assert_eq!(names.matches(": '").count(), 14);
    }
}
