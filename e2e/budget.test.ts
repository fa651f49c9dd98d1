// The built web app's budgets: first-load JS at most 60 kB gzipped, and an installable PWA (service worker,
// manifest with name, start_url, standalone display and 192/512 PNG icons). Reads dist/web, built by `npm test`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeFirstLoad, FIRST_LOAD_BUDGET, measureFirstLoad } from './first-load.js';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'web');

beforeAll(() => {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: run \`npm run build\` first`);
  }
});

describe('first-load JavaScript', () => {
  it(`is at most ${FIRST_LOAD_BUDGET} bytes gzipped`, () => {
    const load = measureFirstLoad(webRoot);
    const report = describeFirstLoad(load);
    console.log(report);
    expect(load.files.length, 'index.html names no module script').toBeGreaterThan(0);
    expect(load.gzip, `over budget:\n${report}`).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });
});

interface ManifestIcon {
  src?: unknown;
  sizes?: unknown;
  type?: unknown;
  purpose?: unknown;
}

describe('installable app', () => {
  it('has a service worker that precaches the page', () => {
    const sw = path.join(webRoot, 'sw.js');
    expect(fs.existsSync(sw), 'dist/web/sw.js').toBe(true);
    expect(fs.readFileSync(sw, 'utf8')).toContain('index.html');
  });

  it('has a manifest with a name, start_url, standalone display and 192 px and 512 px PNG icons', () => {
    const file = path.join(webRoot, 'manifest.webmanifest');
    expect(fs.existsSync(file), 'dist/web/manifest.webmanifest').toBe(true);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(manifest.name).toEqual(expect.any(String));
    expect(manifest.name).not.toBe('');
    expect(manifest.start_url).toEqual(expect.any(String));
    expect(manifest.display).toBe('standalone');
    const icons = (Array.isArray(manifest.icons) ? manifest.icons : []) as ManifestIcon[];
    for (const size of ['192x192', '512x512']) {
      const icon = icons.find(
        (i) =>
          typeof i.sizes === 'string' &&
          i.sizes.split(/\s+/).includes(size) &&
          i.type === 'image/png' &&
          (i.purpose === undefined ||
            (typeof i.purpose === 'string' && i.purpose.split(/\s+/).includes('any'))),
      );
      expect(icon, `a ${size} image/png icon (purpose any)`).toBeDefined();
      const src = typeof icon?.src === 'string' ? icon.src : '';
      const iconFile = path.join(webRoot, new URL(src, 'http://root/').pathname);
      expect(fs.existsSync(iconFile), `${src} is in dist/web`).toBe(true);
      // A real PNG of that size: the signature, then the IHDR width and height.
      const png = fs.readFileSync(iconFile);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const [w, h] = size.split('x').map(Number);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([w, h]);
    }
  });
});
