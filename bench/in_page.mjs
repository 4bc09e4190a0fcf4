// Functions the benchmark runs inside the page (each self-contained: Playwright sends its source).

/** P1: alternately clicks + and − on the pasta line; each time from click to the changed row. */
export async function clickStepper(n) {
  const line = () => document.querySelector('[data-testid=line-pasta]');
  const table = document.querySelector('[data-testid=cart-lines]');
  const times = [];
  for (let i = 0; i < n; i++) {
    const before = line().querySelector('[data-testid=line-total]').textContent;
    const button = line().querySelector(i % 2 === 0 ? '[data-testid=increase]' : '[data-testid=decrease]');
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const total = line()?.querySelector('[data-testid=line-total]')?.textContent;
        if (total !== undefined && total !== before) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(table, { subtree: true, childList: true, characterData: true });
    });
    const started = performance.now();
    button.click();
    times.push((await changed) - started);
  }
  return times;
}


/** P1 baseline: one record (about the size of ours) per strict transaction, one after another. */
export async function baselineSequentialPuts(n) {
  const db = await new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase('bench-p1');
    del.onsuccess = del.onerror = () => {
      const open = indexedDB.open('bench-p1', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('log', { keyPath: 'seq' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    };
  });
  const body = 'x'.repeat(320);
  const times = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await new Promise((resolve, reject) => {
      const tx = db.transaction('log', 'readwrite', { durability: 'strict' });
      tx.objectStore('log').put({ seq: i, id: `c${i}`, streams: [`s#${i}`], v: 1, body });
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    times.push(performance.now() - started);
  }
  db.close();
  return times;
}

/** P2: types a name into the "add shopper" form and submits it, n times in one task; commands
 * per second until the log has committed them all (the app's "commit" marks carry the newest
 * sequence number). Each submit is the form's own submit event, which runs the app's handler.
 * Chromium's native submission steps around that event (`requestSubmit` or a click on the
 * button) cost about 0.2–0.3 ms per submit on their own, in any page, which would be most of
 * what this figure measures and none of it the app's; `bench/run.mjs` reports them apart. */
export async function burstOfRegistrations(n) {
  const input = document.querySelector('[data-testid=new-user]');
  const form = input.closest('form');
  const newest = () => Math.max(0, ...performance.getEntriesByName('commit').map((m) => m.detail));
  const before = newest();
  const started = performance.now();
  const committed = new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const done = list.getEntries().find((m) => m.name === 'commit' && m.detail >= before + n);
      if (done) {
        observer.disconnect();
        resolve(done.startTime);
      }
    }).observe({ type: 'mark' });
  });
  for (let i = 0; i < n; i++) {
    input.value = `burst ${i}`;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
  }
  const at = await committed;
  const rate = n / ((at - started) / 1000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  const perTransaction = Number(document.querySelector('[data-testid=per-transaction]').textContent);
  return [rate, perTransaction];
}

/** P2 baseline: n puts issued at once, one strict transaction each; puts per second. */
export async function baselineConcurrentPuts(n) {
  const db = await new Promise((resolve, reject) => {
    const del = indexedDB.deleteDatabase('bench-p2');
    del.onsuccess = del.onerror = () => {
      const open = indexedDB.open('bench-p2', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('log', { keyPath: 'seq' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    };
  });
  const body = 'x'.repeat(320);
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => new Promise((resolve, reject) => {
    const tx = db.transaction('log', 'readwrite', { durability: 'strict' });
    tx.objectStore('log').put({ seq: i, id: `c${i}`, streams: [`s#${i}`], v: 1, body });
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  })));
  const rate = n / ((performance.now() - started) / 1000);
  db.close();
  return rate;
}

/** P0: the metrics page's figures, in milliseconds. */
export function readMetrics() {
  const cell = (service, column) => parseFloat(document.querySelector(`[data-testid=times-${service}]`).children[column].textContent);
  const mean = parseFloat(document.querySelector('[data-testid=mean-response] strong').textContent);
  return {
    mean,
    cart: { read: cell('cart', 1), write: cell('cart', 2) },
    order: { read: cell('order', 1), write: cell('order', 2) },
  };
}

/** P0 baseline: adds a button whose click does one raw put in a strict transaction of its own
 * database, and records how long the put took to complete (read with `rawPutTime`). */
export async function armRawPutButton() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('bench-p0', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('log', { keyPath: 'seq' });
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  document.querySelector('[data-testid=raw-put]')?.remove();
  const button = document.createElement('button');
  button.dataset.testid = 'raw-put';
  button.textContent = 'raw put';
  document.body.append(button);
  window.rawPut = new Promise((resolve) => {
    button.addEventListener('click', () => {
      const started = performance.now();
      const tx = db.transaction('log', 'readwrite', { durability: 'strict' });
      tx.objectStore('log').put({ seq: Math.random(), id: 'c', streams: ['s#1'], v: 2, body: 'x'.repeat(320) });
      tx.oncomplete = () => { db.close(); resolve(performance.now() - started); };
    }, { once: true });
  });
}

/** P0 baseline: how long the armed button's put took, in milliseconds. */
export function rawPutTime() {
  return window.rawPut;
}

/** P3: whether every service has written its snapshot. */
export async function snapshotsWritten() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('cqrs-shop');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const stores = ['users_snapshots', 'cart_snapshots', 'order_snapshots'];
  const counts = await Promise.all(stores.map((name) => new Promise((resolve) => {
    const request = db.transaction(name).objectStore(name).count();
    request.onsuccess = () => resolve(request.result);
  })));
  db.close();
  return counts.every((c) => c > 0);
}

/** P3: removes every snapshot, so the next start replays the whole log. */
export async function dropSnapshots() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('cqrs-shop');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const stores = ['users_snapshots', 'cart_snapshots', 'order_snapshots'];
  await new Promise((resolve) => {
    const tx = db.transaction(stores, 'readwrite');
    for (const name of stores) tx.objectStore(name).clear();
    tx.oncomplete = resolve;
  });
  db.close();
}

/** P3 baseline: one getAll of the whole log, in milliseconds. */
export async function baselineGetAll() {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('cqrs-shop');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const started = performance.now();
  const count = await new Promise((resolve) => {
    const request = db.transaction('log').objectStore('log').getAll();
    request.onsuccess = () => resolve(request.result.length);
  });
  const took = performance.now() - started;
  db.close();
  if (count === 0) throw new Error('the log is empty');
  return took;
}

/** P5: pays the first order that can be paid; click to the frame after the change. */
export async function payOneToPaint() {
  const button = document.querySelector('[data-testid^=order-] [data-testid=pay]');
  const id = button.closest('li').dataset.testid;
  const list = document.querySelector('[data-testid=orders]');
  const started = performance.now();
  const changed = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector(`[data-testid=${id}]`)?.dataset.status === 'Paid') {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(list, { subtree: true, childList: true, attributes: true });
  });
  button.click();
  await changed;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - started;
}

/** P6: the same wait the tab tests use. */
export { badgeShows } from '../e2e/support.mjs';

/** P6: clicks "add to cart" on a product; returns the wall-clock time of the click. */
export function clickAdd(product) {
  document.querySelector(`[data-testid=product-${product}] [data-testid=add]`).click();
  return Date.now();
}
