// The reliability and security suite: nothing the shop acknowledged is ever lost, and hostile
// input cannot hurt. Small counts by default; RELIABILITY_FULL=1 for the full ones.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { launch, withScreenshots, ShopPage, DIST, CHROMIUM_ARGS, ARTIFACTS } from './support.mjs';
import { serve } from './server.mjs';

const FULL = process.env.RELIABILITY_FULL === '1';
const COUNTS = FULL ? { kills: 20, burst: 1000, tabs: 300 } : { kills: 4, burst: 60, tabs: 30 };
const server = await serve(DIST);
after(() => server.close());
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function persistent(dir) {
  const context = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, shop: new ShopPage(page, server.url) };
}

/** Kills every Chromium process of one profile at once, like a crash or a power cut of the app. */
function killBrowser(dir) {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  for (const line of lines) {
    const [pid, ...args] = line.trim().split(/\s+/);
    if (args.join(' ').includes(`--user-data-dir=${dir}`) && Number(pid) !== process.pid) {
      try { process.kill(Number(pid), 'SIGKILL'); } catch { /* already gone */ }
    }
  }
}

/** In the page: every command in the shop's log, read raw: one entry per command (a version-2
 * record holds a batch, a version-1 record one command), or one entry with `body: null` for a
 * record whose body does not parse. */
function rawLog() {
  const commands = (r) => {
    try {
      const body = JSON.parse(r.body);
      if (r.v === 1) return [{ seq: r.seq, id: r.id, body }];
      return body.commands.map((command, i) => ({ seq: r.seq + i, id: r.id[i], body: command }));
    } catch {
      return [{ seq: r.seq, id: r.id, body: null }];
    }
  };
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('cqrs-shop');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('log').objectStore('log').getAll();
      request.onsuccess = () => {
        resolve(request.result.flatMap(commands));
        open.result.close();
      };
    };
  });
}

/** In the page: starts submitting `n` new shoppers, logging "ACK name" for each welcome toast. */
function startRegistrations({ prefix, n }) {
  const toasts = document.querySelector('[data-testid=toasts]');
  new MutationObserver(() => {
    for (const span of toasts.querySelectorAll('.toast:not(.error) span')) {
      const match = span.textContent.match(/^Welcome, (.+)!$/);
      if (match && !span.dataset.seen) {
        span.dataset.seen = '1';
        console.log(`ACK ${match[1]}`);
      }
    }
  }).observe(toasts, { subtree: true, childList: true });
  (async () => {
    const input = document.querySelector('[data-testid=new-user]');
    const submit = document.querySelector('[data-testid=add-user]');
    for (let i = 0; i < n; i++) {
      input.value = `${prefix}${i}`;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      submit.click();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
}

test('R1 crash: tabs closed and browsers killed mid-burst lose no acknowledged command', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'cqrs-shop-r1-'));
  const acknowledged = [];
  let [closes, killsDone] = [0, 0];
  for (let round = 0; round < COUNTS.kills; round++) {
    const { context, page, shop } = await persistent(dir);
    await shop.open('/');
    page.on('console', (message) => {
      const text = message.text();
      if (text.startsWith('ACK ')) acknowledged.push(text.slice(4));
    });
    await page.evaluate(startRegistrations, { prefix: `r${round}-`, n: COUNTS.burst });
    await sleep(20 + Math.random() * 300);
    if (round % 2 === 0) {
      await page.close();
      await context.close();
      closes++;
    } else {
      killBrowser(dir);
      await context.close().catch(() => {});
      killsDone++;
    }
  }
  const { context, page, shop } = await persistent(dir);
  try {
    await shop.open('/');
    const log = await page.evaluate(rawLog);
    const undecodable = log.filter((r) => r.body === null).length;
    const names = new Set(log.flatMap((r) => r.body?.envelope?.command?.type === 'RegisterUser' ? [r.body.envelope.command.data.name] : []));
    const lost = acknowledged.filter((name) => !names.has(name));
    await shop.nav('Metrics');
    const quarantined = await page.getByTestId('count-quarantined').innerText();
    const shown = await page.getByTestId('user').locator('option').allInnerTexts();
    console.log(`R1: ${COUNTS.kills} kills (${closes} tab closes, ${killsDone} process kills), ${acknowledged.length} acknowledged, ${lost.length} lost, ${log.length} in the log, ${undecodable} undecodable`);
    assert.deepEqual(lost, []);
    assert.equal(undecodable, 0);
    assert.equal(quarantined, '0');
    assert.deepEqual(new Set(shown), names, 'the user directory equals a rebuild from the log');
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});

/** In the page: adds products one by one, waiting for each outcome; counts acknowledged adds. */
async function addMany({ n, products }) {
  const toasts = document.querySelector('[data-testid=toasts]');
  let acked = 0;
  for (let i = 0; i < n; i++) {
    const before = toasts.querySelectorAll('.toast').length + toasts.textContent.length;
    const outcome = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const last = [...toasts.querySelectorAll('.toast span')].pop();
        if (last && !last.dataset.counted) {
          last.dataset.counted = '1';
          observer.disconnect();
          resolve(last.textContent.startsWith('Added'));
        }
      });
      observer.observe(toasts, { subtree: true, childList: true });
    });
    document.querySelector(`[data-testid=product-${products[i % products.length]}] [data-testid=add]`).click();
    if (await outcome) acked++;
    void before;
  }
  return acked;
}

test('R2 tabs: three tabs interleaving commands lose and duplicate nothing', async () => {
  const browser = await launch();
  const context = await browser.newContext();
  try {
    await withScreenshots('r2', () => context.pages(), async () => {
      const tabs = [];
      for (let i = 0; i < 3; i++) {
        const tab = new ShopPage(await context.newPage(), server.url);
        await tab.open('/');
        if (i === 0) await tab.addShopper('Tabs');
        else await tab.page.getByTestId('user').locator('option', { hasText: 'Tabs' }).waitFor({ state: 'attached' });
        tabs.push(tab);
      }
      const products = ['pasta', 'pencils', 'sparkling-water', 'oats', 'oat-milk', 'rice-5kg', 'sticky-notes'];
      const acked = await Promise.all(tabs.map((tab, i) => tab.page.evaluate(addMany, { n: COUNTS.tabs, products: products.slice(i).concat(products.slice(0, i)) })));
      await tabs[1].placeOrder();
      await sleep(500);
      // Read each tab's own commit count before anything reloads it.
      const committed = [];
      for (const tab of tabs) {
        await tab.nav('Metrics');
        committed.push(Number(await tab.page.getByTestId('per-transaction').getAttribute('data-committed')));
      }
      const states = [];
      for (const tab of tabs) states.push(await tab.visibleState());
      const log = await tabs[0].page.evaluate(rawLog);
      const added = log.filter((r) => r.body?.events?.some((e) => e.type === 'cart.item_added')).length;
      const ids = new Set(log.map((r) => r.id));
      const ackedTotal = acked.reduce((a, b) => a + b, 0);
      console.log(`R2: 3 tabs × ${COUNTS.tabs} commands: ${ackedTotal} adds acknowledged, ${added} in the log, ${ackedTotal - added} lost or doubled; ${committed.reduce((a, b) => a + b, 0)} commits by the tabs (first tab's shopper included) for ${log.length} commands in the log; identical: ${states.every((s) => JSON.stringify(s) === JSON.stringify(states[0]))}`);
      assert.equal(added, ackedTotal);
      assert.equal(ids.size, log.length);
      assert.equal(committed.reduce((a, b) => a + b, 0), log.length);
      assert.deepEqual(states[1], states[0]);
      assert.deepEqual(states[2], states[0]);
    });
  } finally {
    await browser.close();
  }
});

test('R3 bad commands: each refusal says why and leaves no event', async () => {
  const browser = await launch();
  const context = await browser.newContext();
  const shop = new ShopPage(await context.newPage(), server.url);
  try {
    await shop.open('/');
    await shop.addShopper('Bad');
    await shop.add('pasta', 1);
    await shop.placeOrder();
    await shop.nav('Orders');
    await shop.order(1).getByTestId('pay').click();
    await shop.order(1).getByTestId('ship').click();
    await shop.order(1).getByTestId('status').getByText('Shipped').waitFor();
    const before = (await shop.page.evaluate(rawLog)).length;
    await shop.nav('Catalog');
    const cases = [
      ['0', 'You can have 1 to 99 of a product; 0 is not allowed.'],
      ['-1', 'You can have 1 to 99 of a product; -1 is not allowed.'],
      ['1000000000', 'You can have 1 to 99 of a product; 1000000000 is not allowed.'],
      ['twelve', '"twelve" is not a whole number.'],
      ['1e3', '"1e3" is not a whole number.'],
    ];
    for (const [typed, message] of cases) {
      await shop.add('honey', typed);
      await shop.said(message);
    }
    // Double-clicked submit on "add shopper" with a taken name: one clear refusal each.
    await shop.page.getByTestId('new-user').fill('bad');
    await shop.page.getByTestId('add-user').dblclick();
    await shop.said('"bad" is already a shopper here.');
    // Impossible actions are not offered at all.
    await shop.nav(/^Cart/);
    assert.equal(await shop.page.getByTestId('checkout').isDisabled(), true);
    await shop.nav('Orders');
    assert.equal(await shop.order(1).getByTestId('cancel').count(), 0);
    assert.equal(await shop.order(1).getByTestId('pay').count(), 0);
    const afterCount = (await shop.page.evaluate(rawLog)).length;
    console.log(`R3: ${cases.length + 2} bad commands, ${cases.length + 2} refused with a message, ${afterCount - before} events written; empty checkout, paying twice, cancelling a shipped order are not offered (their rules are proven natively)`);
    assert.equal(afterCount, before);
  } finally {
    await browser.close();
  }
});

/** In the page: writes records straight into the shop's log store, like a foreign writer. */
function plant(records) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('cqrs-shop');
    open.onsuccess = () => {
      const tx = open.result.transaction('log', 'readwrite');
      for (const record of records) tx.objectStore('log').put(record);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onabort = () => reject(tx.error);
    };
  });
}

test('R4 corrupt storage: garbage is quarantined, counted, shown, and the rest works', async () => {
  const browser = await launch();
  const context = await browser.newContext();
  const shop = new ShopPage(await context.newPage(), server.url);
  try {
    await shop.open('/');
    await shop.addShopper('Ana');
    await shop.add('oats', 2);
    await shop.said('Added 2');
    await shop.page.evaluate(plant, [
      { seq: 3, id: 'garbage', streams: [], v: 1, body: '%%% not json' },
      { seq: 4, id: 'truncated', streams: [], v: 1, body: '{"envelope": {"id": "truncated", "us' },
      { seq: 5, id: 'types', streams: 'cart/x#1', v: 'one', body: 42 },
      { seq: 6, id: 'future', streams: [], v: 9, body: '{}' },
    ]);
    await shop.page.reload();
    await shop.ready();
    await shop.nav('Log');
    await shop.page.getByTestId('quarantine').getByText('4 unreadable records were kept aside').waitFor();
    await shop.nav('Catalog');
    await shop.product('oats').getByText('2 in your cart').waitFor();
    await shop.add('oats', 1);
    await shop.said('Added 1');
    await shop.badge().getByText('3', { exact: true }).waitFor();
    console.log('R4: 4 corrupt records planted (garbage, truncated JSON, wrong types, future version): 4 quarantined, the shop opened and kept working');
  } finally {
    await browser.close();
  }
});

test('R5 quota: a full disk makes commands "not saved", never falsely acknowledged, and the shop recovers', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cqrs-shop-r5-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=40m', 'tmpfs', dir]);
  } catch (error) {
    throw new Error(`R5 needs root to mount a small tmpfs for a real disk-full condition: ${error.message}`);
  }
  const { context, page, shop } = await persistent(join(dir, 'profile'));
  try {
    await withScreenshots('r5', () => context.pages(), async () => {
    await shop.open('/');
    await shop.addShopper('Full');
    // Incompressible data, in ever smaller pieces, until not even half a kilobyte fits.
    const filled = await page.evaluate(async () => {
      const db = await new Promise((resolve) => { const o = indexedDB.open('filler', 1); o.onupgradeneeded = () => o.result.createObjectStore('junk'); o.onsuccess = () => resolve(o.result); });
      let [key, bytesStored, error] = [0, 0, null];
      for (const size of [1 << 20, 1 << 16, 1 << 12, 512]) {
        for (let i = 0; i < 400; i++) {
          const bytes = new Uint8Array(size);
          for (let j = 0; j < size; j += 65536) crypto.getRandomValues(bytes.subarray(j, Math.min(size, j + 65536)));
          const failed = await new Promise((resolve) => {
            const tx = db.transaction('junk', 'readwrite');
            tx.objectStore('junk').put(new Blob([bytes]), key++);
            tx.oncomplete = () => resolve(null);
            tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
          });
          if (failed) { error = failed; break; }
          bytesStored += size;
        }
      }
      db.close();
      return { mib: Math.round(bytesStored / 1048576), error };
    });
    assert.ok(filled.error, 'the disk filled up');
    const before = await shop.badge().innerText();
    let refused = 0;
    for (let i = 0; i < 3; i++) {
      await shop.add('pencils', 1);
      await shop.said('Not saved');
      refused++;
    }
    assert.equal(await shop.badge().innerText(), before, 'nothing acknowledged falsely');
    await page.evaluate(() => new Promise((resolve) => { const d = indexedDB.deleteDatabase('filler'); d.onsuccess = d.onerror = resolve; }));
    await shop.add('pencils', 1);
    await shop.said('Added 1 × Pencils');
    await shop.badge().getByText('1', { exact: true }).waitFor();
    console.log(`R5: disk full after ${filled.mib} MiB (${filled.error}); ${refused} commands reported not saved, 0 falsely acknowledged; after freeing space the next command was saved`);
    });
  } finally {
    await context.close();
    execFileSync('umount', [dir]);
    await rm(dir, { recursive: true, force: true });
  }
});

test('R6 hostile input renders as inert text, oversized imports are refused, and the CSP holds', async () => {
  const browser = await launch();
  const context = await browser.newContext();
  const shop = new ShopPage(await context.newPage(), server.url);
  try {
    await shop.open('/');
    // Names are at most 32 characters, so the payloads are short ones.
    const payloads = ['<img src=x onerror=__pwned=1>', '<script>__pwned=2</script>'];
    for (const name of payloads) await shop.addShopper(name);
    const options = await shop.page.getByTestId('user').locator('option').allInnerTexts();
    assert.deepEqual(options, payloads);
    assert.equal(await shop.page.locator('img[src=x]').count(), 0);

    // The same payloads carried by an imported log stay text in a fresh profile.
    await mkdir(ARTIFACTS, { recursive: true });
    await shop.nav('Log');
    const [download] = await Promise.all([shop.page.waitForEvent('download'), shop.page.getByTestId('export').click()]);
    const exported = join(ARTIFACTS, 'hostile.json');
    await download.saveAs(exported);
    const fresh = await browser.newContext();
    const other = new ShopPage(await fresh.newPage(), server.url);
    await other.open('/log');
    await other.page.getByTestId('import').setInputFiles(exported);
    await other.said('Imported 2 commands');
    await other.page.getByTestId('log-entry').nth(1).waitFor();
    assert.deepEqual(await other.page.getByTestId('user').locator('option').allInnerTexts(), payloads);
    assert.equal(await other.page.evaluate(() => window.__pwned ?? null), null);
    assert.deepEqual(other.errors, []);
    await fresh.close();

    const huge = join(ARTIFACTS, 'huge.json');
    await writeFile(huge, '{"format":"cqrs-shop-log","records":[' + ' '.repeat(65 * 1024 * 1024) + ']}');
    await shop.nav('Log');
    await shop.page.getByTestId('import').setInputFiles(huge);
    await shop.page.getByTestId('import-error').getByText('The file is too large: 65 MB, the limit is 64 MB.').waitFor();
    await rm(huge);

    const csp = await shop.page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) => resolve({ blocked: event.violatedDirective, pwned: window.__pwned ?? null }), { once: true });
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = 3';
      document.body.append(script);
    }));
    assert.equal(csp.pwned, null);
    assert.match(csp.blocked, /script-src/);
    assert.equal(await shop.page.evaluate(() => window.__pwned ?? null), null);
    assert.deepEqual(shop.errors, []);
    console.log(`R6: ${payloads.length} script payloads shown as text, none ran, also after export and import into a fresh profile; a 65 MB import refused; an inline script was blocked by ${csp.blocked}`);
  } finally {
    await browser.close();
  }
});
