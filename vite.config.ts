// Builds the web app (src/web) into dist/web, which `backchain serve` serves at `/`; the service worker
// is written afterwards by scripts/build-service-worker.mjs.
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  publicDir: 'public',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // No data: URLs for assets, so everything is a file the service worker can cache.
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  plugins: [preact()],
});
