// Starts the app on a prerendered page. The page reads, scrolls and follows
// its links without it: the app brings moving between pages without a
// reload, and the comment form. So it loads when the reader first reaches
// for one of those: points at, touches or focuses a link or the form, or
// scrolls to within a screen of the comments. It loads at once when the
// browser keeps something of the reader's that the app shows or sends.
// Readers who only read never download it. See docs/size-budget.md.
// The build fills in the app's two files (src/prerender.rs).
const APP_JS = '@APP_JS@';
const APP_WASM = '@APP_WASM@';
const INTENT = ['pointerover', 'pointerdown', 'touchstart', 'focusin'];
// After a failed start, the next reach tries again once this much later.
const RETRY_AFTER_MS = 5000;
let attempts = 0;
let started = false;
let observer = null;

const start = async () => {
  if (started) return;
  started = true;
  attempts += 1;
  for (const type of INTENT) removeEventListener(type, onIntent, true);
  observer?.disconnect();
  try {
    // The module map may keep a failed import of an address (browsers
    // differ), so a retry asks for the same file under another address.
    const bindings = await import(attempts === 1 ? APP_JS : `${APP_JS}?attempt=${attempts}`);
    const wasm = await bindings.default({ module_or_path: APP_WASM });
    window.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (error) {
    // Offline, most likely: the page works without the app.
    console.warn('WellPress: the app could not be loaded; the page works without it.', error);
    started = false;
    setTimeout(() => watchTheReader({ comments: false }), RETRY_AFTER_MS);
  }
};

function onIntent(event) {
  if (event.target instanceof Element && event.target.closest('a[href], form')) start();
}

// What the browser keeps for the comment form (src/comment_store.rs): the
// reader's own comments, which the app shows and sends from any page; and,
// on a page with the form, a draft or saved details, which the form shows.
const keptForTheApp = () => {
  try {
    if (localStorage.getItem('wellpress:my-comments') !== null) return true;
    if (!document.getElementById('respond')) return false;
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i).startsWith('wellpress:')) return true;
    }
  } catch {
    // Storage is blocked: the form keeps nothing either.
  }
  return false;
};

function watchTheReader({ comments: nearComments = true } = {}) {
  for (const type of INTENT) addEventListener(type, onIntent, { capture: true, passive: true });
  const comments = document.getElementById('comments');
  if (nearComments && comments && 'IntersectionObserver' in window) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    }, { rootMargin: '100% 0px' });
    observer.observe(comments);
  }
}

// Never before the page itself has loaded and painted: the app's download
// must not compete with the page's.
const afterPaint = () =>
  requestAnimationFrame(() => setTimeout(() => (keptForTheApp() ? start() : watchTheReader()), 0));
if (document.readyState === 'complete') afterPaint();
else addEventListener('load', afterPaint, { once: true });
