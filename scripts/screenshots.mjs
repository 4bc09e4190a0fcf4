// Takes the README's screenshots of each page from the release build: `node scripts/screenshots.mjs`.
import { mkdir } from 'node:fs/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, ShopPage, DIST } from '../e2e/support.mjs';
import { serve } from '../e2e/server.mjs';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
await mkdir(out, { recursive: true });
const server = await serve(DIST);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
const shop = new ShopPage(await context.newPage(), server.url);
await shop.open('/');
await shop.addShopper('Ana');
await shop.add('green-tea', 2);
await shop.add('notebook', 1);
await shop.placeOrder();
await shop.nav('Orders');
await shop.pay(1);
await shop.nav('Catalog');
await shop.add('tent', 1);
await shop.add('headlamp', 2);
await shop.add('tent', 5);
await shop.said('Only');
async function dismissToasts() {
  await shop.page.evaluate(() => document.querySelectorAll('[data-testid=toasts] button').forEach((b) => b.click()));
  await shop.page.waitForTimeout(100);
}
const pages = [['/', 'catalog'], ['/cart', 'cart'], ['/orders', 'orders'], ['/log', 'log'], ['/metrics', 'metrics']];
for (const [path, name] of pages) {
  await shop.nav({ '/': 'Catalog', '/cart': /^Cart/, '/orders': 'Orders', '/log': 'Log', '/metrics': 'Metrics' }[path]);
  await shop.page.waitForTimeout(300);
  await dismissToasts();
  await shop.page.screenshot({ path: join(out, `${name}.png`) });
}
await shop.page.getByTestId('language').selectOption('zh-Hans');
await shop.nav('商品目录');
await shop.page.setViewportSize({ width: 360, height: 740 });
await shop.page.waitForTimeout(300);
await dismissToasts();
await shop.page.screenshot({ path: join(out, 'phone-zh.png') });
await shop.page.getByTestId('theme').selectOption('dark');
await shop.nav(/^购物车/);
await shop.page.waitForTimeout(300);
await dismissToasts();
await shop.page.screenshot({ path: join(out, 'phone-dark-cart.png') });
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
