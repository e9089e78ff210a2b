/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import { CSP } from './scripts/csp.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The production page carries its CSP in a <meta> tag (the dev server's inline scripts would break it). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Offline after the first visit: a service worker (Workbox, generated at build time, served from the
 * app's own origin) precaches the app and the sample datasets. 'prompt': a new version waits until the
 * user chooses to reload (the update banner), never swapping the app mid-analysis. It caches the app's
 * own files only, never a user's data.
 */
const offline = VitePWA({
  registerType: 'prompt',
  injectRegister: null,
  filename: 'sw.js',
  includeAssets: ['samples/*.csv', 'samples/PROVENANCE.md', 'icons/*.png'],
  manifest: {
    name: 'Clinical ML Workbench',
    short_name: 'Clinical ML',
    description: 'Train and check a clinical risk model on patient records, entirely in this browser.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: '#0b3d6b',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,csv,png,webmanifest}'],
    cleanupOutdatedCaches: true,
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: null,
  },
});

// Relative base: the built app works from any subpath of any static server.
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicy(), offline],
  // __SINGLE_FILE__: true only in the single-file build (vite.single.config.ts)
  define: { __APP_VERSION__: JSON.stringify(version), __SINGLE_FILE__: 'false' },
  // classic, inlined (src/worker/client.ts): an inlined module worker starts and then dies from file://
  worker: { format: 'iife' },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
