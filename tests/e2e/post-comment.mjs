// Posts one comment in Chromium, as a reader does, through the app on an
// article page, and waits until the form says it was taken. Used by
// tests/moderation_check. Usage: post-comment.mjs PAGE_URL NAME MESSAGE
import { chromium } from '@playwright/test';
import { appReady, field, solve } from './helpers.mjs';

const [address, name, message] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium' });
try {
  const page = await browser.newPage();
  await page.goto(address);
  await appReady(page);
  await field(page, 'Comment').fill(message);
  await field(page, 'Name').fill(name);
  await field(page, 'Email').fill('reader@example.org');
  await page.getByLabel(/^Math Captcha/).fill(await solve(page));
  // The form takes posts only a few seconds after it appears.
  await page.waitForTimeout(3500);
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you! Your comment is awaiting moderation.' }).waitFor({ timeout: 20_000 });
} finally {
  await browser.close();
}
