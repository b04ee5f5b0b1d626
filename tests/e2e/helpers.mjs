// Shared helpers for the end-to-end specs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads a JSON file the build published, as the app will fetch it. */
export function published(relativePath) {
  return JSON.parse(readFileSync(join(process.env.WELLPRESS_DIST, relativePath), 'utf8'));
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`exception: ${err.message}`));
  return errors;
}

/** Waits until the wasm app has replaced the loading state with content. */
export async function appReady(page) {
  // The app renders the shell and the loading state together, then the content.
  await page.locator('main').waitFor();
  await page.locator('main [aria-busy="true"]').waitFor({ state: 'detached' });
}
