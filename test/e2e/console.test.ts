import { execFileSync } from 'node:child_process';
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';
import { call, mailTo } from './support/http.js';
import { sendCarrierEvent, setCarrierOutage, timelineTypes, waitForReturn } from './support/pipeline.js';
import { inspect } from './support/lifecycle.js';
import { launchChromium, screenshot, seriousViolations } from './support/browser.js';
import { BUYER_ADDRESS, createBody, daysAgo } from '../support/requests.js';
import { paidByStripe } from './support/lifecycle.js';
import { CONSOLE_DIST } from '../../console/bundle.js';

type Created = { id: string; rma: string; status: string };

/** The README's screenshot of the Returns page; `UPDATE_README_SCREENSHOT=1` writes it anew. */
const README_SCREENSHOT = 'docs/console-returns.png';
const XSS = '<img src=x onerror=alert(1)>';

const buyer = (name: string) => ({
  email: `${name.replace(/\W/g, '').toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`,
  name,
  locale: 'en-US',
  country: 'US',
  // The demo seller buys labels through EasyPost, which needs where the parcel comes from.
  address: BUYER_ADDRESS,
});
const line = (sku: string, amount: number) => ({
  sku,
  category: 'electronics',
  quantity: 1,
  unitPrice: { amount, currency: 'USD' },
});

/**
 * The seller console in Debian's Chromium, against `npm start`'s entry point, as a seller uses it: sign in,
 * the Authorization Required tab, a return's page and its actions, the policy, the overview, zh-CN, and
 * sign-out; axe-core on every page, and a buyer's HTML shown as text.
 */
describe('the seller console, in a real Chromium', () => {
  let stack: RunningStack;
  let key: string;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];

  const create = async (overrides: Record<string, unknown>) => {
    // Paid by card through the demo seller's Stripe connection, so refunds complete without a payout by hand.
    const body = createBody({ ...paidByStripe(), ...overrides });
    const created = await call<Created>(stack.api, '/v1/returns', { key, body });
    expect(created.status).toBe(201);
    return created.body;
  };
  /** Waiting for the seller: delivered 45 days ago, outside the 30-day window. */
  const needingAuthorization = (name: string, comment?: string) =>
    create({
      deliveredAt: daysAgo(45),
      buyer: buyer(name),
      reason: 'CHANGED_MIND',
      ...(comment ? { comment } : {}),
    });
  const until = (id: string, status: string) => waitForReturn(stack, key, id, (r) => r.status === status);
  const delivered = async (overrides: Record<string, unknown>) => {
    const created = await create(overrides);
    const labelled = await until(created.id, 'LABEL_ISSUED');
    expect((await sendCarrierEvent(stack, 'ups', 'delivered', labelled.trackingNumber!)).status).toBe(200);
    // The run stores its inspection wait just after DELIVERED; an inspection before that finds none.
    for (
      let tries = 0;
      !(await timelineTypes(stack, key, created.id)).includes('AWAIT_INSPECTION');
      tries++
    ) {
      if (tries > 150) throw new Error(`return ${created.id} never waited for its inspection`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return created;
  };
  const noSeriousViolations = async () => expect(await seriousViolations(page)).toEqual([]);
  const openReturn = async (ret: Created) => {
    await page.goto(`${stack.api}/#/returns/${ret.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(ret.rma) }).waitFor();
  };
  const statusHeading = (status: string) =>
    page.getByRole('heading', { level: 1 }).filter({ hasText: status });

  let xss: Created;
  let toClose: Created;
  let toAuthorize: Created;
  let highValue: Created;
  let toInspect: Created;
  let toPayByHand: Created;

  beforeAll(async () => {
    // The build `npm start` runs: the typed client from the OpenAPI document, the type check, the bundle.
    execFileSync(process.execPath, ['--import', 'tsx', 'console/build.ts'], { stdio: 'pipe' });
    stack = await startLocalStack(undefined, { LOG_REQUESTS: '0' });
    key = stack.sellers[0]!.apiKey;
    ({ browser, close: closeBrowser } = await launchChromium());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));

    xss = await needingAuthorization('<b>Mallory</b>', XSS);
    toClose = await needingAuthorization('Ana Souza');
    toAuthorize = await needingAuthorization('Chen Wei');
    [highValue, toInspect, toPayByHand] = await Promise.all([
      delivered({ buyer: buyer('Priya Nair'), items: [line('SKU-HV', 64_900)], reason: 'DEFECTIVE' }),
      delivered({ buyer: buyer('Tom Becker'), items: [line('SKU-IN', 4_999)], reason: 'CHANGED_MIND' }),
      // Paid through a marketplace (no payment reference): its refund is a payout the seller makes by hand.
      delivered({
        buyer: buyer('Lena Fischer'),
        items: [line('SKU-MP', 2_500)],
        reason: 'DEFECTIVE',
        payment: undefined,
      }),
    ]);
    expect(
      (
        await inspect(stack, key, toPayByHand.id, {
          lines: [{ sku: 'SKU-MP', grade: 'AS_NEW' }],
          disposition: 'RESTOCK',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await inspect(stack, key, highValue.id, {
          lines: [{ sku: 'SKU-HV', grade: 'AS_NEW' }],
          disposition: 'RESTOCK',
        })
      ).status,
    ).toBe(200);
    await until(highValue.id, 'REFUND_PENDING_APPROVAL');
    await until(toPayByHand.id, 'REFUND_PENDING_PAYOUT');
  }, 240_000);

  afterAll(async () => {
    if (process.env.CONSOLE_E2E_OUTPUT === '1') console.log(stack?.output());
    await closeBrowser?.();
    await stack?.stop();
  });

  it('signs in with the API key, kept in sessionStorage only, and opens on Authorization Required with its count', async () => {
    await page.goto(`${stack.api}/`);
    await noSeriousViolations();
    await screenshot(page, 'sign-in');
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();

    const tabs = page.getByRole('tab');
    await expect.poll(() => tabs.first().textContent()).toBe('Authorization Required (3)');
    expect(await tabs.first().getAttribute('aria-selected')).toBe('true');
    const rows = page.getByRole('tabpanel').getByRole('row');
    await expect.poll(() => rows.count()).toBe(4); // the header and three returns
    expect(await page.evaluate(() => ({ ...sessionStorage }))).toEqual({ 'returns-console.apiKey': key });
    expect(await page.evaluate(() => Object.values(localStorage).some((v) => v.startsWith('rk_')))).toBe(
      false,
    );
    expect(await page.evaluate('document.cookie')).toBe('');
    await noSeriousViolations();
    await screenshot(page, 'returns');
    const top = await screenshot(page, 'returns-top', { x: 0, y: 0, width: 1280, height: 560 });
    if (process.env.UPDATE_README_SCREENSHOT === '1') await copyFile(top, README_SCREENSHOT);
  });

  it('finds a return by RMA and by order id', async () => {
    await page.getByLabel('Order id or RMA').fill(toAuthorize.rma);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => page.getByRole('tabpanel').getByRole('link').allTextContents())
      .toEqual([toAuthorize.rma]);
    // Every return here is for the documented example's order: found whatever its status.
    await page.getByLabel('Order id or RMA').fill('113-1234567-1234567');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const all = [xss, toClose, toAuthorize, highValue, toInspect, toPayByHand].map((r) => r.rma).sort();
    await expect
      .poll(async () => (await page.getByRole('tabpanel').getByRole('link').allTextContents()).sort())
      .toEqual(all);
    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect.poll(() => page.getByRole('tabpanel').getByRole('row').count()).toBe(4);
  });

  it("shows a buyer's HTML as text, and runs none of it", async () => {
    await page.getByRole('link', { name: xss.rma }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(xss.rma) }).waitFor();
    expect(await page.getByTestId('buyer-comment').textContent()).toBe(XSS);
    // The buyer's name, `<b>Mallory</b>`, as written: text, and no element made of it.
    expect(
      await page
        .getByRole('definition')
        .filter({ hasText: /^<b>Mallory<\/b>$/ })
        .count(),
    ).toBe(1);
    expect(await page.locator('main b').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    await noSeriousViolations();
    await screenshot(page, 'return-authorization-required');
  });

  it('writes to the buyer, makes an offer and withdraws it, on the return page', async () => {
    await openReturn(xss);
    await page
      .getByLabel('Message (e-mailed to the buyer with a reply link)')
      .fill('Could you send a <i>photo</i>?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByTestId('message').filter({ hasText: 'Could you send a <i>photo</i>?' }).waitFor();
    expect(await page.locator('main i').count()).toBe(0);
    const [mail] = await mailTo(
      stack.ses,
      (await call<{ buyer: { email: string } }>(stack.api, `/v1/returns/${xss.id}`, { key })).body.buyer
        .email,
      1,
    );
    expect(mail!.body.text).toMatch(/\/v1\/buyer\/links\?token=/);

    await page.getByLabel('Offered refund in minor units (USD)').fill('1200');
    await page.getByLabel('The buyer keeps the item (a returnless refund)').check();
    await page.getByLabel('Message with the offer').fill('Keep it, with 12 dollars back.');
    await page.getByRole('button', { name: 'Make offer' }).click();
    await page.getByTestId('offer').filter({ hasText: 'open' }).waitFor();
    expect(await page.getByTestId('offer').textContent()).toContain('$12.00');
    await noSeriousViolations();
    await page.getByRole('button', { name: 'Withdraw offer' }).click();
    await page.getByTestId('offer').filter({ hasText: 'withdrawn' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it("closes a request with a reason and a comment, refused in place without one, and the buyer's mail has it", async () => {
    await openReturn(toClose);
    await page.getByLabel('Closure reason').selectOption('OTHER');
    await page.getByRole('button', { name: 'Close request' }).click();
    const comment = page.getByLabel('Comment for the buyer');
    // The API's refusal, next to the field it names, with its rule.
    const rule = page.locator('#close-comment-error');
    await expect.poll(() => rule.textContent()).toContain('comment is required when reason is OTHER');
    expect(await comment.getAttribute('aria-describedby')).toBe('close-comment-error');
    await noSeriousViolations();
    await screenshot(page, 'return-close-refused');

    const words = `We cannot take back opened software ${randomUUID()}`;
    await comment.fill(words);
    await page.getByRole('button', { name: 'Close request' }).click();
    await statusHeading('Closed').waitFor();
    const [mail] = await mailTo(
      stack.ses,
      (await call<{ buyer: { email: string } }>(stack.api, `/v1/returns/${toClose.id}`, { key })).body.buyer
        .email,
      1,
    );
    expect(mail?.body.text).toContain(words);
  });

  it('authorizes another and follows it to LABEL_ISSUED', async () => {
    await openReturn(toAuthorize);
    await page.getByRole('button', { name: 'Authorize return' }).click();
    await statusHeading('Label issued').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('tracking-number').textContent()).toMatch(/\S+/);
  });

  it("voids a closed return's label again once the provider is back, after its void failed", async () => {
    await setCarrierOutage(stack, true);
    try {
      const closed = await call<{ status: string }>(stack.api, `/v1/returns/${toAuthorize.id}/close`, {
        key,
        body: { reason: 'OUTSIDE_POLICY' },
      });
      expect(closed.status).toBe(200);
      await waitForReturn(
        stack,
        key,
        toAuthorize.id,
        (r) => (r.label as { void?: { status: string } } | undefined)?.void?.status === 'FAILED',
      );
    } finally {
      await setCarrierOutage(stack, false);
    }
    // The page still shows it from the test before: read it afresh.
    await openReturn(toAuthorize);
    await page.reload();
    await statusHeading('Closed').waitFor();
    const labelVoid = page.getByTestId('label-void');
    expect(await labelVoid.textContent()).toMatch(/^Failed after 3 attempts: .+/);
    await noSeriousViolations();
    await page.getByRole('button', { name: 'Void the label again' }).click();
    await expect.poll(() => labelVoid.textContent(), { timeout: 20_000 }).toBe('Refunded by the provider');
    await expect(page.getByRole('button', { name: 'Void the label again' }).count()).resolves.toBe(0);
  });

  it('approves a high-value refund', async () => {
    await openReturn(highValue);
    await statusHeading('Refund pending approval').waitFor();
    await noSeriousViolations();
    await screenshot(page, 'return-refund-pending-approval');
    await page.getByRole('button', { name: 'Approve refund' }).click();
    await statusHeading('Completed').waitFor({ timeout: 20_000 });
    expect(await page.getByRole('table', { name: 'Breakdown' }).textContent()).toContain('$649.00');
  });

  it('records an inspection with a grade per line and a disposition', async () => {
    await openReturn(toInspect);
    await page.getByLabel('Grade of SKU-IN').selectOption('USED');
    await page.getByLabel('Disposition').selectOption('RESTOCK');
    await page.getByLabel('Inspection notes').fill('worn soles');
    await page.getByRole('button', { name: 'Record inspection' }).click();
    await statusHeading('Completed').waitFor({ timeout: 20_000 });
    const read = await call<{ inspection: { lines: { grade: string }[]; notes: string } }>(
      stack.api,
      `/v1/returns/${toInspect.id}`,
      { key },
    );
    expect(read.body.inspection).toMatchObject({
      lines: [{ sku: 'SKU-IN', grade: 'USED' }],
      notes: 'worn soles',
    });
    await noSeriousViolations();
    await screenshot(page, 'return-completed');
  });

  it('marks a payout paid by hand: refused in place without a reference, then the buyer mailed once, and the page lists the mails', async () => {
    await openReturn(toPayByHand);
    await statusHeading('Refund to pay by hand').waitFor();
    // Only what the status allows: no approval or inspection here.
    expect(await page.getByRole('button', { name: 'Approve refund' }).count()).toBe(0);
    const form = page.getByRole('form', { name: 'Mark refund paid' });
    await form.getByRole('button', { name: 'Mark refund paid' }).click();
    const rule = page.locator('#mark-paid-reference-error');
    await expect.poll(() => rule.textContent()).toContain('must not be empty');
    expect(await form.getByLabel('Payout reference', { exact: false }).getAttribute('aria-describedby')).toBe(
      'mark-paid-reference-error',
    );
    await noSeriousViolations();
    await screenshot(page, 'return-pending-payout-refused');

    const reference = `AMZ-REFUND-${randomUUID().slice(0, 8)}`;
    await form.getByLabel('Payout reference', { exact: false }).fill(reference);
    await form.getByRole('button', { name: 'Mark refund paid' }).click();
    await statusHeading('Completed').waitFor({ timeout: 20_000 });

    const email = (
      await call<{ buyer: { email: string } }>(stack.api, `/v1/returns/${toPayByHand.id}`, { key })
    ).body.buyer.email;
    const mails = await mailTo(stack.ses, email, 3);
    const refundMails = mails.filter((m) => /Your refund of .* has been issued/.test(m.subject));
    expect(refundMails).toHaveLength(1);
    const refundMail = refundMails[0]!;
    // The return page lists what the buyer was sent, from the notification ledger; the refund's mail
    // went out from the outbox after the page last loaded.
    await page.reload();
    const sent = page.getByTestId('sent-mails');
    await expect.poll(() => sent.textContent()).toContain(refundMail.subject);
    const rows = await sent.locator('tbody tr').allTextContents();
    const issued = rows.filter((row) => row.includes('REFUND_ISSUED'));
    expect(issued).toHaveLength(1);
    expect(issued[0]).toContain('Buyer');
    expect(rows.some((row) => row.includes('RETURN_AUTHORIZED') && row.includes('Buyer'))).toBe(true);
    const read = await call(stack.api, `/v1/returns/${toPayByHand.id}`, { key });
    expect(JSON.stringify(read.body)).toContain(reference);
    await noSeriousViolations();
    await screenshot(page, 'return-paid-by-hand');
  });

  it('edits the policy: a validation error in place, then saved', async () => {
    await page.getByRole('link', { name: 'Policy' }).click();
    const form = page.getByRole('form', { name: 'Policy for marketplace US' });
    const shipBy = form.getByLabel('Days the buyer has to ship');
    await shipBy.fill('0');
    await form.getByRole('button', { name: 'Save policy for US' }).click();
    // Refused by the API's own schema before anything is sent, at the field.
    await expect
      .poll(() => form.locator('#policy-US-shipByDays-error').textContent())
      .toMatch(/shipByDays.*1/);
    expect(await shipBy.getAttribute('aria-invalid')).toBe('true');
    await noSeriousViolations();
    await screenshot(page, 'policy-refused');

    await shipBy.fill('21');
    await form.getByRole('button', { name: 'Save policy for US' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/Saved: version \d+/);
    const { body } = await call<{ items: { marketplace: string; shipByDays: number }[] }>(
      stack.api,
      '/v1/policy',
      { key },
    );
    expect(body.items.find((p) => p.marketplace === 'US')?.shipByDays).toBe(21);
  });

  it('shows the overview from the counters: status counts, reasons and SKUs as charts, credits paid', async () => {
    await page.getByRole('link', { name: 'Overview' }).click();
    const reasons = page.getByRole('img', { name: /Returns by reason/ });
    await reasons.waitFor();
    // Three changes of mind wait or were closed; the inspected one changed its mind too; two were defective.
    expect(await reasons.getAttribute('aria-label')).toBe('Returns by reason: Changed mind 4, Defective 2');
    expect(
      await page.getByRole('img', { name: /Units returned by SKU/ }).getAttribute('aria-label'),
    ).toContain('SKU-HV 1');
    // Paid today: the high-value refund, 649.00, the used item's, 49.99 less 15% and the 7.99 label, and
    // the payout paid by hand, 25.00.
    expect(await page.getByRole('listitem').filter({ hasText: 'Refunds' }).textContent()).toBe(
      'Refunds$708.50',
    );
    await noSeriousViolations();
    await screenshot(page, 'overview');
  });

  // After the overview, whose counts it would change.
  it('resolves a return by a replacement: shows the goods reserved, marks it shipped; refunds another instead', async () => {
    const [toReplace, toRefund] = await Promise.all([
      delivered({ buyer: buyer('Lena Vogel'), items: [line('SKU-RP', 3_999)], reason: 'DEFECTIVE' }),
      delivered({
        buyer: buyer('Omar Haddad'),
        items: [line('SKU-RF', 2_500)],
        reason: 'DAMAGED_IN_TRANSIT',
      }),
    ]);
    const replaceByInspection = async (ret: Created) => {
      await openReturn(ret);
      await page.getByLabel('Resolve by').selectOption('REPLACE');
      await page.getByRole('button', { name: 'Record inspection' }).click();
      await statusHeading('Replacement to ship').waitFor({ timeout: 20_000 });
    };

    await replaceByInspection(toReplace);
    expect(await page.getByTestId('resolution').textContent()).toBe(
      'Replacement (the same goods sent again)',
    );
    expect(await page.getByTestId('replacement-status').textContent()).toBe('Requested, goods reserved');
    expect(await page.getByTestId('replacement-items').textContent()).toBe('SKU-RP × 1');
    expect(await page.getByText('SKU-RP × 1: Reserved for the replacement').count()).toBe(1);
    await noSeriousViolations();
    await screenshot(page, 'return-replacement-pending');
    // A tracking number the API refuses is shown at its field, and nothing changes.
    await page.getByLabel('Tracking number').fill('1Z');
    await page.getByLabel('Carrier').fill('ups');
    await page.getByRole('button', { name: 'Mark replacement shipped' }).click();
    await expect
      .poll(() => page.locator('#ship-replacement-trackingNumber-error').textContent())
      .toContain('4 to 40 letters');
    await page.getByLabel('Tracking number').fill('1ZREPLACE8001');
    await page.getByRole('button', { name: 'Mark replacement shipped' }).click();
    await statusHeading('Completed').waitFor();
    expect(await page.getByTestId('replacement-tracking').textContent()).toContain('ups 1ZREPLACE8001');

    await replaceByInspection(toRefund);
    await page.getByLabel('Why it cannot be sent').fill('Out of stock');
    await page.getByRole('button', { name: 'Refund instead' }).click();
    await statusHeading('Completed').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('replacement-status').textContent()).toBe('Refunded instead');
    expect(await page.getByRole('table', { name: 'Breakdown' }).textContent()).toContain('$25.00');
    expect(await page.getByText('SKU-RF × 1: Reservation released').count()).toBe(1);
    // Back where the next case starts.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  it('switches to zh-CN: words, dates and money by Intl', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '概览' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.getByRole('link', { name: '退货', exact: true }).click();
    await expect.poll(() => page.getByRole('tab').first().textContent()).toBe('需要授权 (1)');
    await expect.poll(() => page.getByRole('tabpanel').textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await noSeriousViolations();
    await screenshot(page, 'returns-zh-CN');
    await page.getByLabel('语言').selectOption('en-US');
  });

  it('signs out, clearing the key; a refused key sends the seller back to sign in with a message', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.evaluate(() => sessionStorage.setItem('returns-console.apiKey', 'rk_revoked_or_wrong'));
    await page.goto(`${stack.api}/#/returns`);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('status').textContent()).toContain('The API refused the key');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('serves the console with a strict CSP and keeps the README screenshot small', async () => {
    const response = await fetch(`${stack.api}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // Nothing but the built console's own files, however the path is spelled.
    for (const path of [
      '/console/%2e%2e/%2e%2e/package.json',
      '/console/%2e%2e/index.html.map',
      '/console/%E0%A4%A',
    ]) {
      expect((await fetch(`${stack.api}${path}`)).status, path).toBe(404);
    }
    expect((await stat(README_SCREENSHOT)).size).toBeLessThan(150_000);
  });

  it('ships no secret: the built files hold no seller key, provider key or signing secret', async () => {
    const files = (await readdir(CONSOLE_DIST, { recursive: true, withFileTypes: true })).filter((f) =>
      f.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    const built = (await Promise.all(files.map((f) => readFile(join(f.parentPath, f.name), 'utf8')))).join(
      '\n',
    );
    for (const seller of stack.sellers) expect(built).not.toContain(seller.apiKey);
    expect(built).not.toMatch(/\b[sr]k_(test|live)_[A-Za-z0-9]{16,}/);
    expect(built).not.toMatch(/whsec_[A-Za-z0-9+/=]{16,}/);
    expect(built).not.toMatch(/\bEZ[AT]K[0-9a-f]{16,}/);
  });
});
