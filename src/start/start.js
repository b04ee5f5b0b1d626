// Starts the app on a prerendered page. The page reads, scrolls and follows
// its links without it: the app brings moving between pages without a
// reload, and the comment form. So it loads when the reader first reaches
// for one of those: moves a mouse or pen over a link or the form, focuses
// one, or scrolls to within a screen of an article's related articles or
// comments. It loads at once when the browser keeps something of the
// reader's that the app shows or sends.
// Touches alone do not start it: a tap on a link follows the link sooner
// than the app could arrive, and a swipe that starts on one is scrolling.
// See docs/size-budget.md. The build fills in the app's two files, and the
// ids, attributes and storage keys the app uses too, from their one
// definition (crates/wellpress-types/src/names.rs; crates/wellpress-build).
const APP_JS = '@APP_JS@';
const APP_WASM = '@APP_WASM@';
const NAMES = @NAMES@;
const INTENT = ['pointermove', 'pointerdown', 'focusin'];
const REACHABLE = 'a[href], form';
// After a failed start, the next reach tries again once this much later.
const RETRY_AFTER_MS = 5000;
// What needs scripts shows from here on (the copy-link button), and the
// share sheet where the browser has one; the app marks the same.
document.documentElement.setAttribute(NAMES.scriptsMark, '');
if (typeof navigator.share === 'function') document.documentElement.setAttribute(NAMES.shareSheetMark, '');
let attempts = 0;
let started = false;
let observer = null;

const start = async () => {
  if (started) return;
  started = true;
  attempts += 1;
  for (const type of INTENT) removeEventListener(type, onIntent, true);
  removeEventListener('online', start);
  observer?.disconnect();
  try {
    // The module map may keep a failed import of an address (browsers
    // differ), so a retry asks for the same file under another address.
    const [bindings] = await Promise.all([
      import(attempts === 1 ? APP_JS : `${APP_JS}?attempt=${attempts}`),
      pageData(),
    ]);
    const wasm = await bindings.default({ module_or_path: APP_WASM });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (error) {
    console.warn('WellPress: the app could not be loaded; the page works without it.', error);
    // A file that could not be fetched (offline, most likely) is tried
    // again; an app that failed while starting is not started twice.
    if (!(error instanceof TypeError)) return;
    started = false;
    addEventListener('online', start, { once: true });
    setTimeout(() => watchTheReader({ nearEnd: false }), RETRY_AFTER_MS);
  }
};

// The data the page shows, which the app builds its view from: fetched
// along with the app instead of sent inside every page, so that the page
// is one small file that paints as soon as plain HTML would. The page
// names it (crates/wellpress-build/src/pages.rs); the app reads it there.
async function pageData() {
  const element = document.getElementById(NAMES.dataId);
  const url = element?.getAttribute('data-url');
  if (!url || element.textContent !== '') return;
  // A network failure is a TypeError, tried again like the app's files;
  // a missing file (the site changed since the page loaded) is not.
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  element.textContent = await response.text();
}

function onIntent(event) {
  if (event.pointerType === 'touch') return;
  if (event.target instanceof Element && event.target.closest(REACHABLE)) start();
}

// The article this page shows, named by the data it embeds
// (crates/wellpress-build/src/pages.rs); none on other pages.
const articleSlug = () => document.getElementById(NAMES.dataId)?.getAttribute(NAMES.articleAttribute);
const draftKey = (slug) => `${NAMES.draftKeyPrefix}${slug}`;

// What the browser keeps for the comment form (src/comments/store.rs): the
// reader's own comments, which the app shows and sends from any page; and,
// on a page with the form, saved details or this article's draft, which
// the form shows.
const keptForTheApp = () => {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      // Each under a key of its own, or all as one list (earlier builds).
      const key = localStorage.key(i) ?? '';
      if (key.startsWith(NAMES.mineKeyPrefix) || key === NAMES.mineListKey) return true;
    }
    if (!document.getElementById(NAMES.formId)) return false;
    if (localStorage.getItem(NAMES.commenterKey) !== null) return true;
    const slug = articleSlug();
    if (slug && localStorage.getItem(draftKey(slug)) !== null) return true;
  } catch {
    // Storage is blocked: the form keeps nothing either.
  }
  return false;
};

function watchTheReader({ nearEnd = true } = {}) {
  // Reached for before this script could listen: a link or the form
  // already under the pointer or holding focus.
  if (document.querySelector(`:is(${REACHABLE}):hover`) || document.activeElement?.closest(REACHABLE)) {
    start();
    return;
  }
  for (const type of INTENT) addEventListener(type, onIntent, { capture: true, passive: true });
  // An article's related articles, and its comments below them.
  const ends = document.querySelectorAll('.related, #comments');
  if (nearEnd && ends.length > 0 && 'IntersectionObserver' in window) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    }, { rootMargin: '100% 0px' });
    for (const end of ends) observer.observe(end);
  }
}

// Until the app runs, a comment typed into the page's form is kept as the
// article's draft, the way the app keeps drafts (src/comments/store.rs), so
// that a reload loses nothing, even when the app could not be loaded. A
// draft kept before this page is replaced only by text that carries on
// from it; an empty one (or only spaces) is not kept, as the app does. The
// field notes what it kept (NAMES.keptMark), for the app to tell this page's
// draft from older ones (src/start/carry.rs).
function keepTypedComment(event) {
  const field = event.target;
  if (window.wasmBindings || !(field instanceof HTMLTextAreaElement) || field.id !== NAMES.commentFieldId) return;
  const slug = articleSlug();
  if (!slug) return;
  try {
    const key = draftKey(slug);
    const kept = JSON.parse(localStorage.getItem(key) ?? 'null');
    const earlier = kept?.comment ?? '';
    if (kept && earlier !== field.getAttribute(NAMES.keptMark) && !field.value.startsWith(earlier)) return;
    const replyingTo = kept?.replying_to ?? null;
    if (field.value.trim() === '' && replyingTo === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify({ comment: field.value, replying_to: replyingTo }));
    field.setAttribute(NAMES.keptMark, field.value);
  } catch {
    // Storage is blocked or full: the text stays in the page.
  }
}
addEventListener('input', keepTypedComment, { capture: true, passive: true });

// A word being composed with an input method is not committed yet; the app
// waits for it before it replaces the page's form (src/start/swap.rs).
for (const [type, composing] of [['compositionstart', true], ['compositionend', false]]) {
  addEventListener(type, () => document.documentElement.toggleAttribute(NAMES.composingMark, composing), true);
}

// "/" focuses the header's search field, as on many sites, unless the
// reader is typing somewhere. Focusing it starts the app (a field of a
// form), which answers as the reader types.
addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  const target = event.target;
  if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return;
  const field = document.getElementById(NAMES.searchFieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
});

// On the search page only the app can answer, so it starts at once there.
const wanted = () => keptForTheApp() || document.getElementById(NAMES.searchPageId) !== null;

// Never before the page itself has loaded and painted: the app's download
// must not compete with the page's.
const afterPaint = () =>
  requestAnimationFrame(() => setTimeout(() => (wanted() ? start() : watchTheReader()), 0));
if (document.readyState === 'complete') afterPaint();
else addEventListener('load', afterPaint, { once: true });
