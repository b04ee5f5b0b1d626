// Comments on the release build behind nginx, posting to a recording
// endpoint (comment-endpoint.mjs) that can answer 200, 500 or never.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { published, appReady, watchErrors, solve, field } from './helpers.mjs';

// One endpoint for the whole file: these tests run one at a time.
test.describe.configure({ mode: 'serial' });

const control = process.env.WELLPRESS_COMMENTS_CONTROL;
const endpoint = (path) => fetch(control + path, { method: 'POST' }).then((r) => r.json());
const received = () => fetch(control + '/__requests').then((r) => r.json());

const discussed = published('data/article/sleep-debt-weekend.json');
const quiet = published('data/article/caffeine-cut-off.json');

test.beforeEach(async ({ page }) => {
  await endpoint('/__reset');
  // The form refuses posts sooner than a few seconds after it appears;
  // tests move the clock instead of waiting.
  await page.clock.install();
});


async function open(page, article = quiet) {
  await page.goto(`/${article.slug}/`);
  await appReady(page);
  await expect(page.getByRole('heading', { name: 'Leave a Reply' })).toBeVisible();
}

async function fill(page, { comment = 'A kind and useful article, thank you.', name = 'Ann Reader', email = 'ann@example.org', url = '' } = {}) {
  await field(page, 'Comment').fill(comment);
  await field(page, 'Name').fill(name);
  await field(page, 'Email').fill(email);
  await field(page, 'Website').fill(url);
  await page.getByLabel(/^Math Captcha/).fill(await solve(page));
}

async function post(page) {
  await page.clock.fastForward(5000);
  await page.getByRole('button', { name: 'Post Comment' }).click();
}

test('the form has WordPress fields, labels and notes', async ({ page }) => {
  await open(page);
  await expect(page.getByText('Your email address will not be published.')).toBeVisible();
  await expect(page.getByText(/Required fields are marked/)).toBeVisible();
  for (const label of ['Comment', 'Name', 'Email', 'Website']) {
    await expect(field(page, label)).toBeVisible();
  }
  await expect(field(page, 'Email')).toHaveAttribute('aria-describedby', 'email-notes');
  await expect(
    page.getByLabel('Save my name, email, and website in this browser for the next time I comment.'),
  ).not.toBeChecked();
  const captcha = page.getByLabel(/^Math Captcha/);
  await expect(captcha).toBeVisible();
  expect(await captcha.evaluate((i) => i.labels[0].textContent)).toMatch(
    /^Math Captcha: (blank|\d+) (plus|minus) (blank|\d+) equals (blank|\d+)\. Type the missing number\. \*$/,
  );
  await expect(page.getByRole('button', { name: 'Post Comment' })).toBeVisible();
});

test('an empty submit shows every error, and fixing a field clears its message', async ({ page }) => {
  await open(page);
  await page.getByRole('button', { name: 'Post Comment' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Please correct 4 problems' });
  await expect(summary).toBeVisible();
  for (const message of ['Please type your comment text.', 'Please enter your name.', 'Please enter your email address.', 'Please enter captcha value.']) {
    await expect(summary.getByRole('link', { name: message })).toBeVisible();
  }
  const comment = field(page, 'Comment');
  await expect(comment).toBeFocused();
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toHaveAccessibleDescription('Please type your comment text.');
  await expect(field(page, 'Email')).toHaveAccessibleDescription(
    'Your email address will not be published. Please enter your email address.',
  );

  await comment.fill('Now it has text.');
  await expect(comment).not.toHaveAttribute('aria-invalid', 'true');
  await field(page, 'Email').fill('not-an-address');
  await expect(page.getByText('Please enter a valid email address.')).toBeVisible();
  expect(await received()).toEqual([]);

  const results = await new AxeBuilder({ page }).include('#comments').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('a wrong captcha answer keeps everything typed and asks a new equation', async ({ page }) => {
  await open(page);
  await fill(page, { comment: 'Text I do not want to lose.' });
  const captcha = page.getByLabel(/^Math Captcha/);
  const before = await captcha.evaluate((i) => i.labels[0].textContent);
  await captcha.fill(String(Number(await solve(page)) + 1));
  await post(page);
  await expect(page.locator('#captcha-error')).toHaveText('Invalid captcha value.');
  await expect(captcha).toBeFocused();
  expect(await captcha.evaluate((i) => i.labels[0].textContent)).not.toBe(before);
  await expect(field(page, 'Comment')).toHaveValue('Text I do not want to lose.');
  await expect(field(page, 'Name')).toHaveValue('Ann Reader');
  expect(await received()).toEqual([]);

  await captcha.fill(await solve(page));
  await post(page);
  await expect(page.getByRole('status').filter({ hasText: 'awaiting moderation' })).toBeVisible();
});

test('a successful post shows the comment awaiting moderation, also after a reload', async ({ page }) => {
  await open(page);
  await fill(page, { comment: 'First line.\n\nSecond paragraph.', url: 'ann.example' });
  const solved = await page.getByLabel(/^Math Captcha/).evaluate((i) => i.labels[0].textContent);
  await page.clock.fastForward(5000);
  // A double click posts once.
  await page.getByRole('button', { name: 'Post Comment' }).dblclick();
  await expect(page.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
  await expect(field(page, 'Comment')).toHaveValue('');
  // A solved equation is not asked again.
  expect(await page.getByLabel(/^Math Captcha/).evaluate((i) => i.labels[0].textContent)).not.toBe(solved);

  const requests = await received();
  expect(requests).toHaveLength(1);
  expect(requests[0].contentType).toBe('application/x-www-form-urlencoded');
  const fields = new URLSearchParams(requests[0].body);
  expect(Object.fromEntries(fields)).toEqual({
    'fields[name]': 'Ann Reader',
    'fields[email]': 'ann@example.org',
    'fields[url]': 'https://ann.example',
    'fields[message]': 'First line.\n\nSecond paragraph.',
    'fields[replying_to]': '',
    'options[slug]': quiet.slug,
    // The comment's own key, by which the receiver stores it once.
    'options[key]': expect.stringMatching(/^c\d+[0-9a-f]{13}$/),
    // When the form appeared, for the receiver's minimum time.
    'options[shown]': expect.stringMatching(/^\d{13}$/),
  });

  const mine = page.locator('.comment').filter({ hasText: 'First line.' });
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  await expect(mine.locator('.comment__content p')).toHaveCount(2);
  await expect(mine.getByRole('link', { name: 'Ann Reader', exact: true })).toHaveAttribute('rel', 'nofollow ugc noopener');
  // A comment not yet published cannot be replied to.
  await expect(mine.getByRole('link', { name: 'Reply to Ann Reader' })).toHaveCount(0);

  await page.reload();
  await appReady(page);
  await expect(page.locator('.comment').filter({ hasText: 'First line.' }).getByText('Your comment is awaiting moderation.')).toBeVisible();
  await page.clock.fastForward(20_000);
  expect(await received()).toHaveLength(1);
});

test('a server error keeps the comment in the outbox; a retry posts it exactly once', async ({ page }) => {
  await endpoint('/__mode/fail');
  await open(page);
  await fill(page, { comment: 'Sent while the server is down.' });
  await post(page);
  await expect(page.getByRole('alert')).toContainText('Your comment could not be sent yet.');
  await expect(page.getByRole('alert')).toContainText('HTTP 500');
  const mine = page.locator('.comment').filter({ hasText: 'Sent while the server is down.' });
  await expect(mine).toContainText('Not sent yet');

  await endpoint('/__mode/ok');
  const send = mine.getByRole('button', { name: 'Send now' });
  await send.dblclick();
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  await page.reload();
  await appReady(page);
  await page.clock.fastForward(20_000);
  const requests = await received();
  expect(requests.map((r) => r.mode)).toEqual(['fail', 'ok']);
  // The retry is the same comment to the receiver: the same key.
  const keys = requests.map((r) => new URLSearchParams(r.body).get('options[key]'));
  expect(keys[0]).toMatch(/^c\d+[0-9a-f]{13}$/);
  expect(keys[1]).toBe(keys[0]);
});

test("Staticman's refusal of a missing field is shown in the reader's words, and not sent again", async ({ page }) => {
  await endpoint('/__mode/staticman-missing');
  await open(page);
  await fill(page, { comment: 'Refused by the service.' });
  await post(page);
  await expect(page.getByRole('alert')).toContainText('The site refused your comment. The comment service needs your email address.');
  const mine = page.locator('.comment').filter({ hasText: 'Refused by the service.' });
  await expect(mine).toContainText('The site refused this comment.');
  await endpoint('/__mode/ok');
  await page.reload();
  await appReady(page);
  await page.clock.fastForward(20_000);
  expect(await received()).toHaveLength(1);
});

test('told to slow down, the comment waits the time asked and is sent by itself, once', async ({ page }) => {
  await endpoint('/__mode/flood-once');
  await open(page);
  await fill(page, { comment: 'Posted a little too soon.' });
  await post(page);
  await expect(page.getByRole('alert')).toContainText(
    'Your comment could not be sent yet. You are posting comments too quickly. Slow down. It will be sent by itself in 3 seconds.');
  const mine = page.locator('.comment').filter({ hasText: 'Posted a little too soon.' });
  await expect(mine).toContainText('Not sent yet');
  await page.clock.fastForward(4000);
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  const keys = (await received()).map((r) => new URLSearchParams(r.body).get('options[key]'));
  expect(keys).toHaveLength(2);
  expect(keys[1]).toBe(keys[0]);
});

test('offline, the comment waits; back online, it is sent by itself', async ({ page, context }) => {
  await open(page);
  await fill(page, { comment: 'Written on a train.' });
  await context.setOffline(true);
  await post(page);
  await expect(page.getByRole('alert')).toContainText('Check your connection');
  await context.setOffline(false);
  const mine = page.locator('.comment').filter({ hasText: 'Written on a train.' });
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  expect((await received()).length).toBe(1);
});

test('a hanging endpoint times out into the outbox and is sent on the next visit', async ({ page }) => {
  await endpoint('/__mode/hang');
  await open(page);
  await fill(page, { comment: 'Nobody answered.' });
  // The timeout is armed just before the post leaves; moving the clock
  // before then would leave it waiting for a time that already passed.
  const leaving = page.waitForRequest((r) => r.method() === 'POST');
  await post(page);
  await leaving;
  await expect(page.getByRole('button', { name: 'Posting…' })).toBeVisible();
  await page.clock.fastForward(16_000);
  await expect(page.getByRole('alert')).toContainText('taking too long');
  await endpoint('/__mode/ok');
  await page.reload();
  await appReady(page);
  await expect(page.locator('.comment').filter({ hasText: 'Nobody answered.' }).getByText('awaiting moderation')).toBeVisible();
  // The post that timed out may have arrived (or, with the clock moved on
  // at once, not left yet): every post of it carries one key, so the
  // receiver stores the comment once.
  const keys = (await received()).map((r) => new URLSearchParams(r.body).get('options[key]'));
  expect(keys.length).toBeGreaterThanOrEqual(1);
  expect(new Set(keys).size).toBe(1);
});

const sentOnce = async () =>
  (await received())
    .filter((r) => r.mode === 'ok' || r.mode === 'slow')
    .map((r) => new URLSearchParams(r.body).get('fields[message]'))
    .sort();

test('two tabs share one outbox: nothing one adds is lost, and nothing is sent twice', async ({ page, context }) => {
  await endpoint('/__mode/fail');
  await open(page);
  const other = await context.newPage();
  await open(other);
  const second = (p) => p.locator('.comment').filter({ hasText: 'Written in the second tab.' });
  const first = (p) => p.locator('.comment').filter({ hasText: 'Written in the first tab.' });

  await fill(other, { comment: 'Written in the second tab.' });
  await post(other);
  await expect(other.getByRole('alert')).toContainText('could not be sent yet');
  // The first tab follows, and what it adds next keeps the other's comment.
  await page.bringToFront();
  await expect(second(page)).toContainText('Not sent yet');
  await fill(page, { comment: 'Written in the first tab.' });
  await post(page);
  await expect(page.getByRole('alert')).toContainText('could not be sent yet');
  await expect(first(other)).toContainText('Not sent yet');

  // Back online, both tabs set out to send both comments, slowly enough
  // that their posts would overlap.
  await endpoint('/__mode/slow');
  await context.setOffline(true);
  await context.setOffline(false);
  for (const tab of [page, other]) {
    for (const comment of [first(tab), second(tab)]) {
      await expect(comment.getByText('Your comment is awaiting moderation.')).toBeVisible();
    }
  }
  await other.close();
  await page.reload();
  await appReady(page);
  await expect(first(page).getByText('Your comment is awaiting moderation.')).toBeVisible();
  await expect(second(page).getByText('Your comment is awaiting moderation.')).toBeVisible();
  // Time for a second send, had either tab set one off.
  await page.clock.fastForward(20_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await sentOnce()).toEqual(['Written in the first tab.', 'Written in the second tab.']);
});

test('a browser that cannot store anything says so, and still sends the comment', async ({ page, context }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await endpoint('/__mode/fail');
  await open(page);
  const note = page.locator('#comment-unkept');
  await expect(field(page, 'Comment')).toBeVisible();
  await expect(note).toHaveText('');
  await fill(page, { comment: 'Typed into a full browser.' });
  await expect(note).toBeVisible();
  await expect(note).toHaveText(/cannot keep a copy of your comment .* Post it before you leave or reload/);
  await expect(field(page, 'Comment')).toHaveAccessibleDescription(/cannot keep a copy/);

  await post(page);
  // Not promised for the next visit, since it cannot be kept.
  await expect(page.getByRole('alert')).toContainText('cannot keep a copy (its storage is full or turned off), so keep this page open');
  // The comment, with its Send now button, is above the form.
  await expect(page.getByRole('alert')).toContainText('use its Send now button above');
  await expect(page.locator('.comment').filter({ hasText: 'Typed into a full browser.' }).getByRole('button', { name: 'Send now' })).toBeVisible();
  const mine = page.locator('.comment').filter({ hasText: 'Typed into a full browser.' });
  await expect(mine).toContainText('this browser cannot keep a copy: keep this page open');
  await expect(mine).not.toContainText('saved in this browser');
  // An empty form has nothing to lose.
  await expect(note).toHaveText('');

  await endpoint('/__mode/ok');
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  expect(await sentOnce()).toEqual(['Typed into a full browser.']);
});

test('comments an earlier build kept as one list are still shown and sent', async ({ page }) => {
  const message = 'Kept by an earlier build.';
  const kept = [{
    slug: quiet.slug,
    body: new URLSearchParams({ 'fields[name]': 'Ann Reader', 'fields[message]': message, 'options[slug]': quiet.slug }).toString(),
    comment: { id: 'c1790000000000123456', name: 'Ann Reader', url: null, message, date: '2026-09-20T10:00:00Z', replying_to: null },
    status: { Waiting: { reason: '' } },
  }];
  await page.addInitScript((kept) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', 'yes');
    localStorage.setItem('wellpress:my-comments', JSON.stringify(kept));
  }, kept);
  // A kept comment starts the app without the reader reaching for anything.
  await page.goto(`/${quiet.slug}/`);
  const mine = page.locator('.comment').filter({ hasText: message });
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('wellpress:my-comments'))).toBeNull();
  await page.reload();
  await appReady(page);
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  expect(await sentOnce()).toEqual([message]);
});

test('posting the moment the form appears is refused kindly, and nothing is lost', async ({ page }) => {
  await open(page);
  await fill(page, { comment: 'Pasted in a hurry.' });
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await expect(page.getByRole('alert')).toContainText('That was quick!');
  await expect(field(page, 'Comment')).toHaveValue('Pasted in a hurry.');
  expect(await received()).toEqual([]);
  await post(page);
  await expect(page.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
});

test('a robot that fills the hidden trap field is not sent on', async ({ page }) => {
  await open(page);
  await expect(page.getByRole('textbox', { name: 'Leave this field empty' })).toHaveCount(0);
  await fill(page, { comment: 'Buy cheap pills' });
  await page.locator('#wp-comment-extra').fill('http://spam.example');
  await post(page);
  await expect(page.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
  expect(await received()).toEqual([]);
});

test('a draft survives a reload, reply target included', async ({ page }) => {
  await open(page, discussed);
  const reply = discussed.comments.find((c) => c.replying_to);
  await page.getByRole('link', { name: `Reply to ${reply.name}` }).first().click();
  await field(page, 'Comment').fill('Half-written thought');
  await page.reload();
  await appReady(page);
  await expect(page.getByRole('heading', { name: `Leave a Reply to ${reply.name}` })).toBeVisible();
  await expect(field(page, 'Comment')).toHaveValue('Half-written thought');
});

test('a reply to a reply is sent with its parent and shown nested under it', async ({ page }) => {
  await open(page, discussed);
  const parent = discussed.comments.find((c) => c.replying_to);
  const parentItem = page.locator(`#comment-${parent.id}`);
  await parentItem.getByRole('link', { name: `Reply to ${parent.name}` }).click();
  await expect(page.getByRole('heading', { name: `Leave a Reply to ${parent.name}` })).toBeVisible();
  await expect(field(page, 'Comment')).toBeFocused();
  await expect(parentItem.locator('#respond')).toHaveCount(1);
  await fill(page, { comment: 'Replying to the reply.' });
  await post(page);
  const mine = parentItem.locator('.comment').filter({ hasText: 'Replying to the reply.' });
  await expect(mine.getByText('Your comment is awaiting moderation.')).toBeVisible();
  const [request] = await received();
  expect(new URLSearchParams(request.body).get('fields[replying_to]')).toBe(parent.id);
  await expect(page.getByRole('heading', { name: 'Leave a Reply', exact: true })).toBeVisible();
});

test('a comment sent in the background does not disturb a reply being typed', async ({ page }) => {
  await endpoint('/__mode/fail');
  await open(page, discussed);
  await fill(page, { comment: 'Queued while the server is down.' });
  await post(page);
  await expect(page.locator('.comment').filter({ hasText: 'Queued while the server is down.' })).toContainText('Not sent yet');

  const first = discussed.comments[0];
  await page.getByRole('link', { name: `Reply to ${first.name}` }).first().click();
  const textarea = field(page, 'Comment');
  await textarea.pressSequentially('Typing a reply');
  await textarea.evaluate((el) => (el.__same = true));
  await endpoint('/__mode/ok');
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.locator('.comment').filter({ hasText: 'Queued while the server is down.' }).getByText('awaiting moderation')).toBeVisible();
  await expect(textarea).toBeFocused();
  expect(await textarea.evaluate((el) => el.__same === true)).toBe(true);
  await expect(textarea).toHaveValue('Typing a reply');
});

test('cancel reply puts the form back at the end', async ({ page }) => {
  await open(page, discussed);
  const first = discussed.comments[0];
  await page.getByRole('link', { name: `Reply to ${first.name}` }).first().click();
  await page.getByRole('link', { name: 'Cancel reply' }).click();
  await expect(page.getByRole('heading', { name: 'Leave a Reply', exact: true })).toBeVisible();
  await expect(page.locator('.comment #respond')).toHaveCount(0);
});

test('a keyboard-only visitor can write and post a comment', async ({ page }) => {
  await open(page);
  await field(page, 'Comment').focus();
  await page.keyboard.type('Typed without a mouse.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kim');
  await page.keyboard.press('Tab');
  await page.keyboard.type('kim@example.org');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await expect(page.getByLabel(/^Save my name/)).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(/^Math Captcha/)).toBeFocused();
  await page.keyboard.type(await solve(page));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'New equation' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Post Comment' })).toBeFocused();
  await page.clock.fastForward(5000);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Thank you! Your comment is awaiting moderation.');
});

test('name, email and website are remembered only while the box is ticked', async ({ page }) => {
  await open(page);
  await field(page, 'Name').fill('Remembered Rae');
  await field(page, 'Email').fill('rae@example.org');
  await page.getByLabel(/^Save my name/).check();
  await page.reload();
  await appReady(page);
  await expect(field(page, 'Name')).toHaveValue('Remembered Rae');
  await expect(page.getByLabel(/^Save my name/)).toBeChecked();
  await page.getByLabel(/^Save my name/).uncheck();
  await page.reload();
  await appReady(page);
  await expect(field(page, 'Name')).toHaveValue('');
  expect(await page.evaluate(() => localStorage.getItem('wellpress:commenter'))).toBeNull();
});

test('markup typed by visitors is shown as text and runs nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  await fill(page, {
    comment: payload,
    name: '<b onmouseover="window.__xss=3">Eve</b>',
    url: 'https://eve.example/"><svg/onload=window.__xss=4>',
  });
  await post(page);
  const mine = page.locator('.comment').filter({ hasText: '<img src=x' });
  await expect(mine.locator('.comment__content')).toHaveText(payload);
  await expect(mine.getByRole('link', { name: '<b onmouseover="window.__xss=3">Eve</b>', exact: true })).toBeVisible();
  await expect(mine.locator('img, script, svg, b[onmouseover]')).toHaveCount(0);
  await page.reload();
  await appReady(page);
  await expect(page.locator('.comment').filter({ hasText: '<img src=x' })).toBeVisible();
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  // A javascript: website is refused outright.
  await field(page, 'Website').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Post Comment' }).click();
  await expect(page.getByText('Please enter a website address that starts with http:// or https://.').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('published comments are threaded, counted and linked safely', async ({ page }) => {
  await open(page, discussed);
  const count = discussed.comments.length;
  await expect(page.getByRole('heading', { name: `${count} thoughts on “${discussed.title}”` })).toBeVisible();
  const reply = discussed.comments.find((c) => c.replying_to);
  await expect(page.locator(`#comment-${reply.replying_to} .comment-list__children #comment-${reply.id}`)).toHaveCount(1);
  const withSite = discussed.comments.find((c) => c.url);
  await expect(page.locator('#comments').getByRole('link', { name: withSite.name, exact: true }).first()).toHaveAttribute('rel', 'nofollow ugc noopener');
  const card = published('data/home/1.json').items.find((c) => c.slug === discussed.slug);
  await page.goto('/');
  await expect(page.getByRole('article').filter({ hasText: discussed.title }).getByRole('link', { name: `${card.comment_count} comments` })).toBeVisible();
});

// Before the app runs, or without JavaScript, the form is a plain form that
// posts to the endpoint, which sends the reader back (as Staticman does
// with options[redirect] and options[redirectError]).
test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('the comment form posts like WordPress\'s and brings the reader back to say what happened', async ({ page }) => {
    const slug = quiet.slug;
    const address = `/${slug}/`;
    await page.goto(address);
    const button = page.getByRole('button', { name: 'Post Comment' });
    await expect(button).toBeEnabled();
    // Nothing to report before a post.
    await expect(page.getByText('Your comment is awaiting moderation.')).toBeHidden();
    await field(page, 'Comment').fill('Typed without JavaScript.');
    await field(page, 'Name').fill('Ann');
    await field(page, 'Email').fill('ann@example.org');
    // The captcha is the app's; the browser still asks for an answer.
    await page.getByLabel(/^Math Captcha/).fill(await solve(page));
    await button.click();
    await expect(page).toHaveURL(new URL(`${address}#comment-sent`, page.url()).href);
    await expect(page.getByText('Thank you! Your comment is awaiting moderation.')).toBeVisible();
    const [sent] = await received();
    const fields = new URLSearchParams(sent.body);
    expect(fields.get('fields[message]')).toBe('Typed without JavaScript.');
    expect(fields.get('fields[name]')).toBe('Ann');
    expect(fields.get('options[slug]')).toBe(slug);
    expect(fields.get('options[trap]')).toBe('');

    // Refused: back to the article, saying so.
    await endpoint('/__mode/fail');
    await page.goto(address);
    await field(page, 'Comment').fill('Refused without JavaScript.');
    await field(page, 'Name').fill('Ann');
    await field(page, 'Email').fill('ann@example.org');
    await page.getByLabel(/^Math Captcha/).fill(await solve(page));
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await expect(page).toHaveURL(new URL(`${address}#comment-refused`, page.url()).href);
    await expect(page.getByText('Your comment could not be posted.', { exact: false })).toBeVisible();
    await expect(page.getByText('Thank you! Your comment is awaiting moderation.')).toBeHidden();
    expect((await received()).map((r) => r.mode)).toEqual(['ok', 'fail']);
  });
});
