import swc from 'unplugin-swc';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The benchmarks import the libraries as the tests do: same aliases, SWC for decorator metadata.
const root = resolve(import.meta.dirname, '..');
const alias = Object.fromEntries(
  ['platform', 'identity', 'jurisdiction', 'membership', 'broadcast', 'audit', 'channels', 'testing'].map((lib) => [
    `@jansetu/${lib}`,
    resolve(root, `libs/${lib}/src`),
  ]),
);

export default defineConfig({
  root,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias },
  test: {
    benchmark: { include: ['bench/**/*.bench.ts'] },
    hookTimeout: 3_600_000,
    testTimeout: 3_600_000,
  },
});
