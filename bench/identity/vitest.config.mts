import swc from 'unplugin-swc';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The session-check benchmark against built gateways (npm run build first), PostgreSQL, Kafka and Redis:
//   npx vitest run --config bench/identity/vitest.config.mts
const root = resolve(import.meta.dirname, '..', '..');
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
    include: ['bench/identity/**/*.bench.ts'],
    hookTimeout: 600_000,
    testTimeout: 600_000,
  },
});
