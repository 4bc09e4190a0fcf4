// User flows, clicked through in headless Chromium against the release build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { harness, withScreenshots, ShopPage, ARTIFACTS } from './support.mjs';

let env;
before(async () => { env = await harness(); });
after(async () => { await env?.close(); });

/** A test in a fresh browser profile with one shopper, Ana. */
function flow(name, body, { shopper = 'Ana' } = {}) {
  test(name, async () => {
    const context = await env.browser.newContext();
    const shop = new ShopPage(await context.newPage(), env.server.url);
    try {
      await withScreenshots(name, () => context.pages(), async () => {
        await shop.open('/');
        if (shopper) await shop.addShopper(shopper);
        await body(shop, context);
        assert.deepEqual(shop.errors, [], 'the page threw');
      });
    } finally {
      await context.close();
    }
  });
}

flow('the stepper keeps the keyboard focus and the box follows the quantity', async (shop) => {
  const { page } = shop;
  await shop.add('honey', 2);
  await shop.said('Added 2 × Wildflower honey');
  await shop.nav(/Cart/);
  const increase = shop.line('honey').getByTestId('increase');
  await increase.focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-total').getByText('$22.47').waitFor();
  await page.keyboard.press('Enter');
  await page.getByTestId('cart-total').getByText('$29.96').waitFor();
  assert.equal(await shop.line('honey').getByTestId('line-quantity').inputValue(), '4');
  assert.equal(await increase.evaluate((button) => button === document.activeElement), true);
});

flow('browse, search by name and filter by category', async (shop) => {
  const { page } = shop;
  assert.equal(await page.locator('[data-testid^=product-]').count(), 26);
  await page.getByTestId('search').fill('tent');
  await page.getByTestId('product-tent').waitFor();
  assert.equal(await page.locator('[data-testid^=product-]').count(), 1);
  await page.getByTestId('search').fill('');
  await page.getByTestId('category').selectOption('Drinks');
  assert.equal(await page.locator('[data-testid^=product-]').count(), 5);
  await page.getByTestId('search').fill('no such thing');
  await page.getByText('No products match your search.').waitFor();
});

flow('add, change, remove and undo in the cart', async (shop) => {
  const { page } = shop;
  await shop.add('honey', 2);
  await shop.said('Added 2 × Wildflower honey');
  assert.equal(await shop.badge().innerText(), '2');
  assert.match(await shop.product('honey').getByTestId('in-cart').innerText(), /2 in your cart/);

  await shop.nav(/Cart/);
  await shop.line('honey').getByTestId('increase').click();
  await page.getByTestId('cart-total').getByText('$22.47').waitFor();
  await shop.line('honey').getByTestId('decrease').click();
  await page.getByTestId('cart-total').getByText('$14.98').waitFor();
  await shop.line('honey').getByTestId('line-quantity').fill('5');
  await shop.line('honey').getByTestId('line-quantity').press('Enter');
  await page.getByTestId('cart-total').getByText('$37.45').waitFor();

  await shop.line('honey').getByTestId('remove').click();
  await page.getByTestId('cart-empty').waitFor();
  await page.getByTestId('undo').click();
  await shop.said('Cart change undone');
  await shop.line('honey').waitFor();
  assert.equal(await shop.badge().innerText(), '5');

  await page.getByTestId('clear').click();
  await page.getByTestId('cart-empty').waitFor();
  assert.equal(await shop.badge().innerText(), '0');
});

flow('checkout, pay, ship and cancel, each offered only when allowed', async (shop) => {
  const { page } = shop;
  await shop.add('tent', 2);
  await shop.placeOrder();
  await page.getByTestId('cart-empty').waitFor();
  await shop.nav('Orders');
  const first = shop.order(1);
  await first.getByTestId('status').getByText('Awaiting payment').waitFor();
  assert.equal(await first.getByTestId('ship').count(), 0, 'no shipping before payment');
  await shop.pay(1);
  await first.getByTestId('ship').click();
  await first.getByTestId('status').getByText('Shipped').waitFor();
  for (const action of ['pay', 'ship', 'cancel']) {
    assert.equal(await first.getByTestId(action).count(), 0, `no ${action} once shipped`);
  }

  // Stock: 3 tents, 2 sold.
  await shop.nav('Catalog');
  await shop.product('tent').getByText('1 in stock').waitFor();

  await shop.add('wok', 1);
  await shop.placeOrder();
  await shop.nav('Orders');
  const second = shop.order(2);
  await second.getByTestId('cancel').click();
  await second.getByTestId('confirm-cancel').click();
  await shop.said('Please say why you cancel.');
  await second.getByTestId('cancel-reason').fill('Found one at home');
  await second.getByTestId('confirm-cancel').click();
  await second.getByTestId('status').getByText('Cancelled').waitFor();
  await second.getByText('Cancelled: Found one at home').waitFor();
  await shop.nav('Catalog');
  await shop.product('wok').getByText('6 in stock').waitFor();
});

flow('refusals say why and leave nothing in the log', async (shop) => {
  const { page } = shop;
  const refusals = [
    ['0', 'You can have 1 to 99 of a product; 0 is not allowed.'],
    ['-4', 'You can have 1 to 99 of a product; -4 is not allowed.'],
    ['1000000000', 'You can have 1 to 99 of a product; 1000000000 is not allowed.'],
    ['abc', '"abc" is not a whole number. Enter a quantity from 1 to 99.'],
    ['4', 'Only 3 left of Two-person tent; you asked for 4.'],
  ];
  for (const [typed, message] of refusals) {
    await shop.add('tent', typed);
    await shop.said(message);
  }
  assert.equal(await shop.badge().innerText(), '0');
  await shop.nav(/Cart/);
  assert.equal(await page.getByTestId('checkout').isDisabled(), true, 'no checkout of an empty cart');

  await shop.nav('Catalog');
  await shop.add('pasta', 1);
  await shop.placeOrder();
  await shop.nav('Orders');
  await shop.order(1).getByTestId('pay').dblclick();
  await shop.order(1).getByTestId('status').getByText('Paid').waitFor();

  await shop.nav('Metrics');
  // One shopper, one add, one checkout with its two reactions, one payment.
  await page.getByTestId('count-commands').getByText('6', { exact: true }).waitFor();
});

flow('each shopper has their own cart and orders', async (shop) => {
  const { page } = shop;
  await shop.add('oats', 3);
  await shop.said('Added 3 × Rolled oats');
  await shop.addShopper('Ben');
  await shop.badge().getByText('0', { exact: true }).waitFor();
  await shop.add('kettle', 1);
  await shop.badge().getByText('1', { exact: true }).waitFor();
  await page.getByTestId('user').selectOption({ label: 'Ana' });
  await shop.badge().getByText('3', { exact: true }).waitFor();
  await shop.addShopper('ana');
  await shop.said('"ana" is already a shopper here.');
});

flow('the language switches, prices and refusals included, and is remembered', async (shop) => {
  const { page } = shop;
  await page.getByTestId('language').selectOption('zh-Hans');
  await page.getByRole('navigation').getByText('商品目录').waitFor();
  await shop.product('tent').getByText('US$189.00').waitFor();
  await shop.add('tent', '0');
  await shop.said('每种商品的数量须为 1 到 99；不能是 0。');
  await page.reload();
  await shop.ready();
  await page.getByRole('navigation').getByText('购物车').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
});

flow('after a reload everything is as it was', async (shop) => {
  const { page } = shop;
  await shop.add('notebook', 2);
  await shop.add('pencils', 1);
  await shop.nav(/Cart/);
  await shop.line('pencils').waitFor();
  await page.getByTestId('checkout').click();
  await shop.said('Order placed');
  await shop.nav('Catalog');
  await shop.add('headlamp', 1);
  await shop.said('Added 1 × Headlamp');
  const before = await shop.visibleState();
  await page.reload();
  await shop.ready();
  assert.deepEqual(await shop.visibleState(), before);
  assert.match(before['/orders'], /Dotted notebook × 2/);
  assert.match(before['/cart'], /Headlamp/);
});

flow('time travel shows the read models as they were at a point of the log', async (shop) => {
  const { page } = shop;
  await shop.add('honey', 1);
  await shop.said('Added 1 × Wildflower honey');
  await shop.add('honey', 2);
  await shop.said('Added 2 × Wildflower honey');
  await shop.nav('Log');
  await page.getByTestId('log-entry').nth(2).waitFor();
  await page.getByTestId('travel-point').fill('2');
  await page.getByTestId('travel').click();
  await page.getByTestId('travel-cart').getByText('Wildflower honey × 1').waitFor();
  await page.getByTestId('travel-point').fill('3');
  await page.getByTestId('travel').click();
  await page.getByTestId('travel-cart').getByText('Wildflower honey × 3').waitFor();
  // Read-only: travelling wrote nothing.
  assert.equal(await page.getByTestId('log-entry').count(), 3);
});

flow('an exported log imported into a fresh profile gives identical read models', async (shop) => {
  const { page } = shop;
  await shop.add('coffee-beans', 2);
  await shop.add('chef-knife', 1);
  await shop.placeOrder();
  await shop.nav('Orders');
  await shop.pay(1);
  await shop.nav('Catalog');
  await shop.add('tent', 1);
  await shop.said('Added 1 × Two-person tent');
  const expected = await shop.visibleState();

  await shop.nav('Log');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  await mkdir(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'export.json');
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format, 'cqrs-shop-log');

  const fresh = await env.browser.newContext();
  try {
    const other = new ShopPage(await fresh.newPage(), env.server.url);
    await other.open('/log');
    await other.page.getByTestId('import').setInputFiles(file);
    await other.said(`Imported ${exported.records.length} commands`);
    await other.page.getByTestId('user').locator('option', { hasText: 'Ana' }).waitFor({ state: 'attached' });
    assert.deepEqual(await other.visibleState(), expected);
  } finally {
    await fresh.close();
  }
}, { shopper: 'Ana' });

flow('a malformed import is refused with a precise message and changes nothing', async (shop) => {
  const { page } = shop;
  await mkdir(ARTIFACTS, { recursive: true });
  const cases = [
    ['not-json.json', '{"format": "cqrs-shop-log", "records": [', 'The file is not valid JSON'],
    ['wrong.json', '{"hello": "world"}', 'This is not a cqrs-shop log export.'],
    ['future.json', '{"format": "cqrs-shop-log", "version": 7, "exported_at": 0, "records": []}', 'newer version of the shop (file version 7)'],
    ['bad-record.json', JSON.stringify({ format: 'cqrs-shop-log', version: 1, exported_at: 0, records: [{ seq: 1, id: 'x', streams: [], v: 1, body: '<script>alert(1)</script>' }] }), 'Record 1 cannot be read'],
  ];
  await shop.nav('Log');
  for (const [name, contents, message] of cases) {
    const file = join(ARTIFACTS, name);
    await writeFile(file, contents);
    await page.getByTestId('import').setInputFiles(file);
    await page.getByTestId('import-error').getByText(message, { exact: false }).waitFor();
  }
  // The shop still holds just the one shopper it had.
  assert.equal(await page.getByTestId('log-entry').count(), 1);
}, { shopper: 'Ana' });

flow('an idle shop snapshots every service, and starting from the snapshots shows the same', async (shop) => {
  const { page } = shop;
  await shop.add('oats', 2);
  await shop.said('Added 2 × Rolled oats');
  await shop.placeOrder();
  const before = await shop.visibleState();
  const stores = ['users_snapshots', 'cart_snapshots', 'order_snapshots'];
  await page.waitForFunction((names) => new Promise((resolve) => {
    const open = indexedDB.open('cqrs-shop');
    open.onsuccess = () => {
      const tx = open.result.transaction(names);
      const counts = names.map((n) => tx.objectStore(n).count());
      tx.oncomplete = () => { open.result.close(); resolve(counts.every((c) => c.result === 1)); };
    };
  }), stores, { timeout: 10000, polling: 250 });
  await page.reload();
  await shop.ready();
  assert.deepEqual(await shop.visibleState(), before);
});

test('without IndexedDB the shop still works from memory and says changes will not be saved', async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  const shop = new ShopPage(await context.newPage(), env.server.url);
  try {
    await withScreenshots('no-indexeddb', () => context.pages(), async () => {
      await shop.open('/');
      await shop.page.getByTestId('storage-status').getByText('Changes will not be saved').waitFor();
      await shop.addShopper('Ana');
      await shop.add('honey', 1);
      await shop.said('Added 1 × Wildflower honey');
      assert.equal(await shop.badge().innerText(), '1');
    });
  } finally {
    await context.close();
  }
});
