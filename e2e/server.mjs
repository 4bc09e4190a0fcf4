// A static server for a built app, the way a host serves it: files by path, and index.html for
// any path without a file extension (so a reload on /cart works). Loopback only.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `root` on 127.0.0.1 (a free port unless given); `root` may be swapped later. */
export async function serve(root, port = 0) {
  const state = { root, headers: {} };
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    if (!extname(path)) path = '/index.html';
    try {
      const file = join(state.root, path);
      await stat(file);
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        ...state.headers,
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address();
  return {
    url: `http://127.0.0.1:${bound}`,
    swapRoot(next) { state.root = next; },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// `node e2e/server.mjs DIR PORT` serves a build by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await serve(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
  console.log(`serving ${process.argv[2] ?? 'dist'} at ${server.url}`);
}
