// Where a figure's time goes: runs one benchmark workload under Chromium's sampling profiler
// (through the DevTools protocol) and prints the functions with the most self and total time.
//
//   node bench/profile.mjs P1|P2|P3 [dist]
//
// Profile a build whose wasm keeps its function names: Trunk's wasm-opt strips them, so build
// with `data-wasm-opt="0"` (see BENCHMARKS.md), e.g. into /tmp/profdist.
import { launch, ShopPage, DIST } from '../e2e/support.mjs';
import { serve } from '../e2e/server.mjs';
import * as inPage from './in_page.mjs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const figure = process.argv[2] ?? 'P1';
const root = process.argv[3] ?? DIST;
const seeds = join(dirname(fileURLToPath(import.meta.url)), 'results');

const server = await serve(root);
const browser = await launch();
const context = await browser.newContext();
const shop = new ShopPage(await context.newPage(), server.url);

/** Prepares the page for a figure; returns the workload to profile. */
async function prepare() {
  if (figure === 'P1') {
    await shop.open('/');
    await shop.addShopper('Profile');
    await shop.add('pasta', 1);
    await shop.nav(/^Cart/);
    await shop.line('pasta').waitFor();
    return () => shop.page.evaluate(inPage.clickStepper, 400);
  }
  if (figure === 'P2') {
    await shop.open('/metrics');
    return () => shop.page.evaluate(inPage.burstOfRegistrations, 1000);
  }
  if (figure === 'P3') {
    // The seed file `scripts/bench` wrote for 10,000 events.
    await shop.open('/log');
    await shop.page.getByTestId('import').setInputFiles(join(seeds, 'seed-10000-0.json'));
    await shop.page.getByText(/^Imported \d+ commands/).waitFor({ timeout: 600_000 });
    await shop.page.evaluate(inPage.dropSnapshots);
    return async () => {
      await shop.page.reload();
      await shop.ready();
    };
  }
  throw new Error(`no workload for ${figure}: use P1, P2 or P3`);
}

const workload = await prepare();
const cdp = await context.newCDPSession(shop.page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const started = Date.now();
await workload();
const wall = Date.now() - started;
const { profile } = await cdp.send('Profiler.stop');
await browser.close();
await server.close();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
const hits = new Map();
for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
const msPerSample = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'native'})`;

const self = new Map();
const total = new Map();
for (const [id, count] of hits) {
  const ms = count * msPerSample;
  self.set(name(nodes.get(id)), (self.get(name(nodes.get(id))) ?? 0) + ms);
  // Each function counts once per sample, however deep it recurses.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const fn = name(nodes.get(at));
    if (!seen.has(fn)) total.set(fn, (total.get(fn) ?? 0) + ms);
    seen.add(fn);
  }
}
const top = (table, n) => [...table].sort((a, b) => b[1] - a[1]).slice(0, n)
  .map(([fn, ms]) => `${ms.toFixed(1).padStart(9)} ms  ${fn.slice(0, 150)}`).join('\n');
console.log(`${figure}: ${wall} ms of wall time profiled\n\nself time\n${top(self, 30)}`);
const ours = new Map([...total].filter(([fn]) => /cqrs_shop|serde|indexed_db|tachys|reactive_graph|leptos/.test(fn)));
console.log(`\ntotal time, Rust functions\n${top(ours, 40)}`);
