// Offline use and updates: after one visit the shop opens and works with no network, and a new
// build served over an old one is offered with a prompt.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, withScreenshots, ShopPage, DIST } from './support.mjs';
import { serve } from './server.mjs';

const browser = await launch();
after(() => browser.close());

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15000 });
}

test('after one visit the shop opens, takes orders and keeps them with no network', async () => {
  const server = await serve(DIST);
  const context = await browser.newContext();
  const page = await context.newPage();
  const shop = new ShopPage(page, server.url);
  await withScreenshots('offline', () => context.pages(), async () => {
    await shop.open('/');
    await shop.addShopper('Ana');
    await controlled(page);

    // No network at all: the browser is offline and the server is gone.
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await shop.ready();
    await shop.add('green-tea', 2);
    await shop.said('Added 2 × Longjing green tea');
    await shop.placeOrder();
    await page.reload();
    await shop.ready();
    await shop.nav('Orders');
    await shop.order(1).getByText('Longjing green tea × 2').waitFor();
    await shop.nav(/^Cart/);
    await page.getByTestId('cart-empty').waitFor();
    assert.deepEqual(shop.errors, []);
  });
  await context.close();
});

test('a new build served over the old one offers to reload into it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cqrs-shop-build-'));
  const [old, next] = [join(dir, 'old'), join(dir, 'next')];
  await cp(DIST, old, { recursive: true });
  await cp(DIST, next, { recursive: true });
  // What a new build changes: the version the service worker is stamped with.
  const worker = await readFile(join(next, 'sw.js'), 'utf8');
  const stamped = worker.replace(/const VERSION = '([^']+)'/, "const VERSION = '$1-next'");
  assert.notEqual(stamped, worker, 'the worker carries a build version');
  await writeFile(join(next, 'sw.js'), stamped);

  const server = await serve(old);
  const context = await browser.newContext();
  const page = await context.newPage();
  const shop = new ShopPage(page, server.url);
  try {
    await withScreenshots('update-prompt', () => context.pages(), async () => {
      await shop.open('/');
      await controlled(page);
      assert.equal(await page.getByTestId('update-ready').count(), 0);

      server.swapRoot(next);
      await page.reload();
      await shop.ready();
      await page.getByTestId('update-ready').waitFor({ timeout: 15000 });
      await Promise.all([
        page.waitForEvent('load'),
        page.getByTestId('update-ready').getByRole('button').click(),
      ]);
      await shop.ready();
      const caches = await page.evaluate(() => caches.keys());
      await page.waitForFunction(async () => (await caches.keys()).some((k) => k.endsWith('-next')));
      assert.ok(caches.length >= 1);
      assert.equal(await page.getByTestId('update-ready').count(), 0);
    });
  } finally {
    await context.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('the built page loads only files, with no inline script and no build leftovers', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /data-trunk/, 'a Trunk directive was left in the page');
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.ok(scripts.length > 0);
  for (const tag of scripts) assert.match(tag, /\ssrc="\/[^"]+"/, `an inline script: ${tag}`);
});
