// Starts the app on a prerendered page. The page reads, scrolls and follows
// its links without it: the app brings moving between pages without a
// reload, and the comment form. So it loads when the reader first reaches
// for one of those: points at, touches or focuses a link or the form, or
// scrolls to within a screen of the comments. It loads at once when the
// browser keeps something of the reader's for the form (a draft, their
// details, a comment still to send), which the form shows and sends.
// Readers who only read never download it. See docs/size-budget.md.
// The build fills in the app's two files (src/prerender.rs).
const APP_JS = '@APP_JS@';
const APP_WASM = '@APP_WASM@';
const INTENT = ['pointerover', 'pointerdown', 'touchstart', 'focusin'];
let started = false;
let observer = null;

const start = async () => {
  if (started) return;
  started = true;
  for (const type of INTENT) removeEventListener(type, onIntent, true);
  observer?.disconnect();
  const bindings = await import(APP_JS);
  const wasm = await bindings.default({ module_or_path: APP_WASM });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
};

function onIntent(event) {
  if (event.target instanceof Element && event.target.closest('a[href], form')) start();
}

// The form's storage keys all begin so (src/comment_store.rs).
const keepsSomethingForTheForm = () => {
  try {
    for (let i = 0; i < localStorage.length; i++) {
      if (localStorage.key(i).startsWith('wellpress:')) return true;
    }
  } catch {
    // Storage is blocked: the form keeps nothing either.
  }
  return false;
};

const watch = () => {
  if (keepsSomethingForTheForm()) {
    start();
    return;
  }
  for (const type of INTENT) addEventListener(type, onIntent, { capture: true, passive: true });
  const comments = document.getElementById('comments');
  if (comments && 'IntersectionObserver' in window) {
    observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) start();
    }, { rootMargin: '100% 0px' });
    observer.observe(comments);
  }
};

// Never before the page itself has loaded and painted: the app's download
// must not compete with the page's.
const afterPaint = () => requestAnimationFrame(() => setTimeout(watch, 0));
if (document.readyState === 'complete') afterPaint();
else addEventListener('load', afterPaint, { once: true });
