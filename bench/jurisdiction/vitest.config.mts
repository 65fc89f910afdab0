import swc from 'unplugin-swc';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The jurisdiction benchmarks on the PostgreSQL of DATABASE_URL (else 127.0.0.1:5432), each run in a fresh database:
//   npx vitest bench --run --config bench/jurisdiction/vitest.config.mts
const root = resolve(import.meta.dirname, '..', '..');
const alias = Object.fromEntries(
  ['platform', 'identity', 'jurisdiction', 'membership', 'broadcast', 'audit', 'channels', 'testing'].map((lib) => [
    `@jansetu/${lib}`,
    resolve(root, `libs/${lib}/src`),
  ]),
);

export default defineConfig({
  root,
  // SWC keeps the decorator metadata the handlers carry (esbuild drops it).
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias },
  test: {
    include: [],
    benchmark: { include: ['bench/jurisdiction/**/*.bench.ts'] },
    hookTimeout: 600_000,
    testTimeout: 600_000,
  },
});
