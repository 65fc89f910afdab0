import swc from 'unplugin-swc';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

//   npm run bench                                  → bench/scale (state-scale scenarios, table + bench/results/latest.json)
//   npx vitest bench --run --config bench/vitest.bench.config.mts bench/audit → audit search microbenchmark
//   npx vitest run --config bench/vitest.bench.config.mts bench/retention → a simulated week, purged (rows, bytes)
// The benchmarks import the libraries as the tests do: same aliases, SWC for decorator metadata.
const root = resolve(import.meta.dirname, '..');
const alias = Object.fromEntries(
  ['platform', 'identity', 'jurisdiction', 'membership', 'broadcast', 'audit', 'channels', 'inbox', 'testing'].map(
    (lib) => [`@jansetu/${lib}`, resolve(root, `libs/${lib}/src`)],
  ),
);

export default defineConfig({
  root,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias },
  test: {
    // `vitest run` with this config runs the state-scale scenarios (npm run bench); `vitest bench` the microbenchmarks.
    include: ['bench/scale/**/*.scale.ts', 'bench/retention/**/*.scale.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    // One benchmark file at a time: two at once would share the two cores and each measure the other's load.
    fileParallelism: false,
    hookTimeout: 3_600_000,
    testTimeout: 3_600_000,
  },
});
