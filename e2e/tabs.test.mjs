// Many tabs: every tab sees the same log. Commands interleaved across three tabs lose nothing,
// duplicate nothing, and leave identical read models everywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, withScreenshots, ShopPage, badgeShows } from './support.mjs';

let env;
before(async () => { env = await harness(); });
after(async () => { await env?.close(); });

async function badge(shop, count) {
  await shop.badge().getByText(String(count), { exact: true }).waitFor({ timeout: 10000 });
}

test('three tabs interleave commands and end with identical read models', async () => {
  const context = await env.browser.newContext();
  const tabs = [];
  await withScreenshots('tabs', () => context.pages(), async () => {
    const first = new ShopPage(await context.newPage(), env.server.url);
    await first.open('/');
    await first.addShopper('Ana');
    tabs.push(first);
    for (let i = 0; i < 2; i++) {
      const tab = new ShopPage(await context.newPage(), env.server.url);
      await tab.open('/');
      await tab.page.getByTestId('user').locator('option', { hasText: 'Ana' }).waitFor({ state: 'attached' });
      tabs.push(tab);
    }

    // A change in one tab reaches the others: timed inside the pages, from the click in one tab
    // to the moment the other tab's badge shows it.
    const times = [];
    for (let round = 0; round < 6; round++) {
      const from = tabs[round % 3];
      const to = tabs[(round + 1) % 3];
      const arrived = to.page.evaluate(badgeShows, round + 1);
      const clicked = await from.page.evaluate(() => {
        document.querySelector('[data-testid=product-pasta] [data-testid=add]').click();
        return Date.now();
      });
      times.push((await arrived) - clicked);
      await badge(to, round + 1);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`tab propagation, click to other tab's badge: median ${sorted[3]} ms, max ${sorted[5]} ms over ${times.length} (${times.join(', ')})`);
    for (const tab of tabs) await badge(tab, 6);

    // Two tabs write the same cart at the same moment: one retries, both land.
    await Promise.all([tabs[0].add('oats', 2), tabs[1].add('oats', 3)]);
    for (const tab of tabs) await badge(tab, 11);

    // Orders across tabs: place in one, pay in another, ship in the third.
    await tabs[0].placeOrder();
    await tabs[1].nav('Orders');
    await tabs[1].order(1).getByTestId('pay').click();
    await tabs[2].nav('Orders');
    await tabs[2].order(1).getByTestId('status').getByText('Paid').waitFor();
    await tabs[2].order(1).getByTestId('ship').click();
    await tabs[0].nav('Orders');
    await tabs[0].order(1).getByTestId('status').getByText('Shipped').waitFor();

    const states = [];
    for (const tab of tabs) states.push(await tab.visibleState());
    assert.deepEqual(states[1], states[0]);
    assert.deepEqual(states[2], states[0]);
    assert.match(states[0]['/orders'], /Spaghetti, 500 g × 6/);
    assert.match(states[0]['/orders'], /Rolled oats, 1 kg × 5/);

    // A fresh tab rebuilds from the log and agrees; the log has each command exactly once:
    // 1 shopper + 6 + 2 adds + checkout with its 2 reactions + pay + ship.
    const fresh = new ShopPage(await context.newPage(), env.server.url);
    await fresh.open('/');
    assert.deepEqual(await fresh.visibleState(), states[0]);
    await fresh.open('/metrics');
    await fresh.page.getByTestId('count-commands').getByText('14', { exact: true }).waitFor();
  });
  await context.close();
});
