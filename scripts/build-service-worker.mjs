// Writes dist/web/sw.js after `vite build`: a small service worker that caches every file of this
// build on install, so the app opens and works offline after the first visit. Its version is a hash
// of the files, so a new build replaces the old cache; the API (/api/) is never cached.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = new URL('../dist/web/', import.meta.url).pathname;
const SKIP = /(\.br|\.gz|^sw\.js)$/;

function* files(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (!SKIP.test(path.relative(root, full))) yield full;
  }
}

const list = [...files(root)].sort();
const hash = crypto.createHash('sha256');
for (const file of list) hash.update(path.relative(root, file)).update(fs.readFileSync(file));
const version = hash.digest('hex').slice(0, 16);
const urls = ['/', ...list.map((f) => `/${path.relative(root, f).split(path.sep).join('/')}`)];

const worker = `// Backchain's service worker, written by scripts/build-service-worker.mjs for build ${version}.
const CACHE = 'backchain-${version}';
const FILES = ${JSON.stringify(urls)};

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys.filter((k) => k.startsWith('backchain-') && k !== CACHE).map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The page comes from the network when it can (so updates arrive), else from this build's cache.
    event.respondWith(
      fetch(request).catch(() =>
        caches.match('/index.html', { cacheName: CACHE }).then((hit) => hit || Response.error()),
      ),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)),
  );
});
`;
fs.writeFileSync(path.join(root, 'sw.js'), worker);
console.log(`service worker: ${urls.length} files cached, build ${version}`);
