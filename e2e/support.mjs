// What every end-to-end test shares: the built app served on loopback, Debian's Chromium driven
// by playwright-core, a page object that speaks the shop's language, and a screenshot whenever
// a test fails.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = process.env.E2E_DIST ?? join(here, '..', 'dist');
export const ARTIFACTS = join(here, 'artifacts');

// Keep Chromium off the closed network; the same flags as webdriver.json.
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu',
];

export async function launch(options = {}) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, ...options });
}

/** Starts the server and a browser once per test file. */
export async function harness(root = DIST) {
  const server = await serve(root);
  const browser = await launch();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Runs `body` and saves a screenshot of every open page if it throws. */
export async function withScreenshots(name, pages, body) {
  try {
    await body();
  } catch (error) {
    await mkdir(ARTIFACTS, { recursive: true });
    for (const [i, page] of pages().entries()) {
      const file = join(ARTIFACTS, `${name.replace(/[^a-z0-9]+/gi, '-')}-${i}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.error(`screenshot saved: ${file}`);
    }
    throw error;
  }
}

/** Runs in the page (pass it to `page.evaluate`): resolves with the wall-clock time at which the cart badge shows `count`. */
export function badgeShows(count) {
  return new Promise((resolve) => {
    const el = document.querySelector('[data-testid=cart-badge]');
    const check = () => el.textContent.trim() === String(count) && (resolve(Date.now()), true);
    if (!check()) new MutationObserver(check).observe(el, { subtree: true, childList: true, characterData: true });
  });
}

/** The shop as a shopper sees it. */
export class ShopPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.errors = [];
    page.on('pageerror', (error) => this.errors.push(error.message));
  }

  async open(path = '/') {
    await this.page.goto(this.baseUrl + path);
    await this.ready();
  }

  async ready() {
    await this.page.getByTestId('storage-status').waitFor();
    await this.page.getByTestId('startup').waitFor({ state: 'detached' });
  }

  async nav(name) {
    const exact = typeof name === 'string';
    await this.page.getByRole('navigation').getByRole('link', { name, exact }).click();
  }

  async addShopper(name) {
    await this.page.getByTestId('new-user').fill(name);
    await this.page.getByTestId('add-user').click();
    await this.page.getByTestId('user').locator('option', { hasText: name }).waitFor({ state: 'attached' });
  }

  product(id) {
    return this.page.getByTestId(`product-${id}`);
  }

  async add(id, quantity = '1') {
    const card = this.product(id);
    await card.getByTestId('quantity').fill(String(quantity));
    await card.getByTestId('add').click();
  }

  badge() {
    return this.page.getByTestId('cart-badge');
  }

  line(id) {
    return this.page.getByTestId(`line-${id}`);
  }

  order(n) {
    return this.page.getByTestId(`order-${n}`);
  }

  /** Pays order `n` and waits until it shows as paid. */
  async pay(n) {
    await this.order(n).getByTestId('pay').click();
    await this.order(n).getByTestId('status').getByText('Paid').waitFor();
  }

  toasts() {
    return this.page.getByTestId('toasts');
  }

  /** The newest toast says `text`. */
  async said(text) {
    await this.toasts().getByText(text, { exact: false }).last().waitFor();
  }

  async placeOrder() {
    await this.nav(/^Cart/);
    await this.page.getByTestId('checkout').click();
    await this.said('Order placed');
  }

  /** Every read model a shopper can see, as text, for comparing two pages or two profiles. */
  async visibleState() {
    const texts = {};
    for (const [path, testid] of [['/cart', 'main'], ['/orders', 'main']]) {
      await this.open(path);
      await this.page.waitForTimeout(100);
      texts[path] = await this.page.locator(testid === 'main' ? 'main' : `[data-testid=${testid}]`).innerText();
    }
    return texts;
  }
}
