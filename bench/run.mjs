// The benchmark: the app's speed beside raw IndexedDB in the same headless Chromium run.
// `node bench/run.mjs` for the full counts (writes bench/results/latest.json), `--quick` for the
// tiny version the test command runs so the bench never rots. It prints numbers; it never
// asserts a time.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { cpus, totalmem, release } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, ShopPage, DIST } from '../e2e/support.mjs';
import { serve } from '../e2e/server.mjs';
import * as inPage from './in_page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
// `--only=P3` (or `--only=P1,P3`) runs just those figures.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (figure) => !only || only.includes(figure);
const COUNTS = quick
  ? { p1: 40, p2: 100, p3: [1_000], p5: 100, p6: 5, reps: 2, orderRounds: 2 }
  : { p1: 1_000, p2: 1_000, p3: [10_000, 100_000], p5: 1_000, p6: 20, reps: 5, orderRounds: 20 };
const results = await mkdir(join(root, 'bench', 'results'), { recursive: true }).then(() => join(root, 'bench', 'results'));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const quantile = (xs, q) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const fmt = (x, unit = 'ms') => `${x.toFixed(2)} ${unit}`;

function seed(events, orders) {
  const file = join(results, `seed-${events}-${orders}.json`);
  const json = execFileSync('cargo', ['run', '-q', '--release', '--example', 'seed', '--', String(events), String(orders)], { cwd: root, maxBuffer: 1 << 30 });
  return writeFile(file, json).then(() => file);
}

const server = await serve(DIST);
const browser = await launch();
const rows = [];
const figures = {};

async function freshShop(path = '/') {
  const context = await browser.newContext();
  const shop = new ShopPage(await context.newPage(), server.url);
  await shop.open(path);
  return { context, shop };
}

async function importSeed(shop, file) {
  await shop.open('/log');
  await shop.page.getByTestId('import').setInputFiles(file);
  await shop.page.getByText(/^Imported \d+ commands/).waitFor({ timeout: 600_000 });
}

// P1 and P0: sequential commands by click, then the live response-time model.
if (want('P1')) {
  const { context, shop } = await freshShop();
  await shop.addShopper('Bench');
  await shop.add('pasta', 1);
  await shop.nav(/^Cart/);
  await shop.line('pasta').waitFor();
  const ours = await shop.page.evaluate(inPage.clickStepper, COUNTS.p1);
  const base = await shop.page.evaluate(inPage.baselineSequentialPuts, COUNTS.p1);
  const ratio = median(ours) / median(base);
  figures.P1 = { ours_p50: median(ours), ours_p99: quantile(ours, 0.99), base_p50: median(base), base_p99: quantile(base, 0.99), ratio, n: COUNTS.p1 };
  rows.push(['P1 click → committed → DOM, sequential', `p50 ${fmt(median(ours))}, p99 ${fmt(quantile(ours, 0.99))} (n=${COUNTS.p1})`, `put + complete: p50 ${fmt(median(base))}, p99 ${fmt(quantile(base, 0.99))}`, `p50 ≤ 2 ms, p99 ≤ 16 ms, ≤ 1.2× (${ratio.toFixed(2)}×)`]);

  await context.close();
}

// P0: the response-time model as the metrics page measures it, over shopping rounds (add,
// change the quantity, check out, pay), with pauses between commands as a shopper makes them.
// Twice: with clicks dispatched in the page, and with Playwright's real mouse input, after which
// Chromium holds any IndexedDB commit until its next frame. The baseline is a raw put on the
// same kind of click, after the same kind of pause.
if (want('P0')) {
  for (const trusted of [false, true]) {
    const { context, shop } = await freshShop();
    await shop.addShopper('Bench');
    // A shopper clicks what they see: let the previous step's frame paint before each press.
    const painted = () => shop.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const press = async (locator) => {
      await locator.waitFor();
      await painted();
      await (trusted ? locator.click() : locator.dispatchEvent('click'));
    };
    const nav = (name) => press(shop.page.getByRole('navigation').getByRole('link', { name, exact: typeof name === 'string' }));
    for (let round = 0; round < COUNTS.orderRounds; round++) {
      await nav('Catalog');
      await press(shop.product('pencils').getByTestId('add'));
      await shop.said('Added 1 ×');
      await nav(/^Cart/);
      await press(shop.line('pencils').getByTestId('increase'));
      await shop.page.waitForFunction(() => document.querySelector('[data-testid=line-pencils] [data-testid=line-quantity]')?.value === '2');
      await press(shop.page.getByTestId('checkout'));
      await shop.page.getByTestId('cart-empty').waitFor();
      await nav('Orders');
      await press(shop.order(round + 1).getByTestId('pay'));
      await shop.order(round + 1).getByTestId('status').getByText('Paid').waitFor();
    }
    await shop.nav('Metrics');
    const model = await shop.page.evaluate(inPage.readMetrics);
    const how = trusted ? 'real mouse input' : 'clicks dispatched in the page';
    const raw = [];
    for (let i = 0; i < COUNTS.orderRounds; i++) {
      await shop.page.evaluate(inPage.armRawPutButton);
      await press(shop.page.getByTestId('raw-put'));
      raw.push(await shop.page.evaluate(inPage.rawPutTime));
    }
    model.raw_put = median(raw);
    const baseline = `raw put + complete on the same kind of click: ${fmt(median(raw))} (${spread(raw)}); Flask + SQLite over loopback ≈ 7.4 ms (given)`;
    figures[trusted ? 'P0_real_input' : 'P0'] = model;
    rows.push([`P0 T̄ = 1/n Σ(Rᵢ + Wᵢ), cart and order, ${how}`, `${fmt(model.mean)} (cart R ${fmt(model.cart.read)}, W ${fmt(model.cart.write)}; order R ${fmt(model.order.read)}, W ${fmt(model.order.write)}; ${COUNTS.orderRounds} rounds)`, baseline, '≤ 0.74 ms']);
    await context.close();
  }
}

// P2: a burst dispatched at once, group-committed.
if (want('P2')) {
  const ours = [];
  const base = [];
  const batches = [];
  for (let rep = 0; rep < COUNTS.reps; rep++) {
    const { context, shop } = await freshShop('/metrics');
    const [rate, perTransaction] = await shop.page.evaluate(inPage.burstOfRegistrations, COUNTS.p2);
    ours.push(rate);
    batches.push(perTransaction);
    base.push(await shop.page.evaluate(inPage.baselineConcurrentPuts, COUNTS.p2));
    await context.close();
  }
  const ratio = median(ours) / median(base);
  figures.P2 = { ours: median(ours), base: median(base), ratio, commands_per_transaction: median(batches), n: COUNTS.p2 };
  rows.push([`P2 burst of ${COUNTS.p2} commands at once`, `${median(ours).toFixed(0)} commands/s (${spread(ours)}), ${median(batches).toFixed(1)} commands per transaction`, `one transaction each: ${median(base).toFixed(0)} puts/s (${spread(base)})`, `≥ 5× (${ratio.toFixed(2)}×)`]);
}

// P3: cold start with a logged history, from snapshot + tail and by full replay.
for (const events of want('P3') ? COUNTS.p3 : []) {
  const file = await seed(events, 0);
  const { context, shop } = await freshShop('/log');
  await importSeed(shop, file);
  // One more command makes the writer loop take snapshots of every service.
  await shop.open('/');
  await shop.add('pasta', 1);
  await shop.said('Added 1 × Spaghetti');
  await shop.page.waitForFunction(inPage.snapshotsWritten, null, { timeout: 60_000 });
  const fromSnapshot = [];
  for (let rep = 0; rep < COUNTS.reps; rep++) fromSnapshot.push(await coldStart(shop));
  await shop.page.evaluate(inPage.dropSnapshots);
  const replay = [];
  for (let rep = 0; rep < COUNTS.reps; rep++) replay.push(await coldStart(shop));
  const base = [];
  for (let rep = 0; rep < COUNTS.reps; rep++) base.push(await shop.page.evaluate(inPage.baselineGetAll));
  const [snapPage, snapLog] = [fromSnapshot.map((t) => t[0]), fromSnapshot.map((t) => t[1])];
  const [replayPage, replayLog] = [replay.map((t) => t[0]), replay.map((t) => t[1])];
  const ratio = median(replayLog) / median(base);
  figures[`P3_${events}`] = { snapshot_page: median(snapPage), snapshot_log: median(snapLog), replay_page: median(replayPage), replay_log: median(replayLog), base: median(base), ratio };
  rows.push([`P3 cold start, ${events.toLocaleString('en')} events`, `page load → ready: snapshot+tail ${fmt(median(snapPage))}, full replay ${fmt(median(replayPage))}; of which log read + fold: snapshot+tail ${fmt(median(snapLog))} (${spread(snapLog)}), full replay ${fmt(median(replayLog))} (${spread(replayLog)})`, `getAll of the log: ${fmt(median(base))} (${spread(base)})`, `snapshot ≤ 300 ms at 100k; replay ≤ 2× (${ratio.toFixed(2)}×)`]);
  await context.close();
}

/** Reloads; returns [page load → read models ready, log opened → read models ready] in ms. */
async function coldStart(shop) {
  await shop.page.reload();
  await shop.ready();
  return shop.page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    return [at('read-models-ready'), at('read-models-ready') - at('log-open')];
  });
}

// P4: what a visitor downloads.
if (want('P4')) {
  let raw = 0;
  let br = 0;
  for (const name of await readdir(DIST)) {
    if (!/\.(wasm|js|css)$/.test(name) || name === 'sw.js') continue;
    const bytes = await readFile(join(DIST, name));
    raw += bytes.length;
    br += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  }
  figures.P4 = { raw, brotli: br };
  rows.push(['P4 shipped size, wasm + js + css', `${(raw / 1024).toFixed(0)} KB raw, ${(br / 1024).toFixed(0)} KB brotli`, '—', '≤ 150 KB brotli']);
}

// P5: one change in a list of many orders, click to next paint.
if (want('P5')) {
  const file = await seed(0, COUNTS.p5);
  const { context, shop } = await freshShop('/log');
  await importSeed(shop, file);
  await shop.open('/orders');
  await shop.page.getByTestId('user').selectOption({ label: 'bench' });
  await shop.page.locator('[data-testid^=order-]').nth(COUNTS.p5 - 1).waitFor();
  const times = [];
  for (let rep = 0; rep < COUNTS.reps; rep++) times.push(await shop.page.evaluate(inPage.payOneToPaint));
  figures.P5 = { median: median(times), spread: spread(times), orders: COUNTS.p5 };
  rows.push([`P5 pay one order in a list of ${COUNTS.p5}, click → next paint`, `${fmt(median(times))} (${spread(times)})`, '—', '≤ 16 ms']);
  await context.close();
}

// P6: a change in one tab seen in another.
if (want('P6')) {
  const context = await browser.newContext();
  const a = new ShopPage(await context.newPage(), server.url);
  await a.open('/');
  await a.addShopper('Tabs');
  const b = new ShopPage(await context.newPage(), server.url);
  await b.open('/');
  await b.page.getByTestId('user').locator('option', { hasText: 'Tabs' }).waitFor({ state: 'attached' });
  const times = [];
  for (let i = 0; i < COUNTS.p6; i++) {
    const arrived = b.page.evaluate(inPage.badgeShows, i + 1);
    const clicked = await a.page.evaluate(inPage.clickAdd, 'oats');
    times.push((await arrived) - clicked);
  }
  figures.P6 = { median: median(times), spread: spread(times), n: COUNTS.p6 };
  rows.push(['P6 change in one tab visible in another', `${fmt(median(times))} (${spread(times)}, n=${COUNTS.p6})`, '—', '≤ 100 ms']);
  await context.close();
}

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), kernel: release(), browser: `Chromium ${browser.version()}`, date: new Date().toISOString(), mode: quick ? 'quick' : 'full' };
await browser.close();
await server.close();

console.log(`\ncqrs-shop benchmark (${machine.mode}) — ${machine.date}\n${machine.browser}; ${machine.cpus} × ${machine.cpu}; ${machine.memory_gib} GiB; Linux ${machine.kernel}\n`);
console.log('| figure | ours | baseline | goal |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
const out = join(results, quick ? 'quick.json' : 'latest.json');
await writeFile(out, JSON.stringify({ machine, counts: COUNTS, figures }, null, 2));
console.log(`\nwritten: ${out}`);
for (const [name, value] of Object.entries(figures)) {
  for (const [key, x] of Object.entries(value)) {
    if (typeof x === 'number' && !Number.isFinite(x)) throw new Error(`${name}.${key} was not measured`);
  }
}
