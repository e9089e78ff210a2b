#!/usr/bin/env node
/**
 * A minimal static file server for the built app (dist/), with the security headers a hospital
 * web server should send. `npm start` uses it; the e2e suite uses it to serve the app under a
 * subpath, as an intranet would (http://intranet/tools/app/).
 *
 *   node scripts/serve.mjs [--dir dist] [--port 4173] [--host 127.0.0.1] [--base /] [--no-headers]
 *
 * --no-headers serves the files without the security headers, as a plain web server would: the e2e
 * suite checks that the page's own <meta> policy then still holds the app, its worker included.
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { SECURITY_HEADERS } from './csp.mjs';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: 'dist' },
    port: { type: 'string', default: process.env.PORT ?? '4173' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    base: { type: 'string', default: '/' },
    'no-headers': { type: 'boolean', default: false },
  },
});
const headers = values['no-headers'] ? {} : SECURITY_HEADERS;
const root = resolve(values.dir);
const base = `/${values.base.replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

try {
  statSync(join(root, 'index.html'));
} catch {
  console.error(`No build found in ${root}. Run "npm run build" first.`);
  process.exit(1);
}

const server = createServer((req, res) => {
  let url;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: malformed URL');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { Location: base }).end();
    return;
  }
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found. The app is at ${base}`);
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(url.pathname.slice(base.length));
  } catch {
    // a malformed percent-escape (/%E0%A4%A): the request is bad, the server goes on
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: malformed URL');
    return;
  }
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  let size;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  const hashed = rel.startsWith('assets/');
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': size,
    // hashed asset names never change; everything else is revalidated so updates get through
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`Clinical ML Workbench is running at http://${values.host === '0.0.0.0' ? 'localhost' : values.host}:${values.port}${base}`);
  console.log('Press Ctrl+C to stop.');
});
