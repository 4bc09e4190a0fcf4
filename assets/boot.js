// Starts the app. A file of its own rather than an inline script, so the Content Security
// Policy can forbid inline scripts altogether.
import init from '/cqrs-shop.js';

await init({ module_or_path: '/cqrs-shop_bg.wasm' });
