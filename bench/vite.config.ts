/**
 * Builds the benchmark for Node (no TypeScript runner needed): `vite build --config bench/vite.config.ts`
 * bundles bench/bench.ts and the src/ code it uses into bench/out/dist/bench.js; packages stay external.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'bench/bench.ts',
    outDir: 'bench/out/dist',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
  },
});
