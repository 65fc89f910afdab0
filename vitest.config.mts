import swc from 'unplugin-swc';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = Object.fromEntries(
  [
    'platform',
    'identity',
    'jurisdiction',
    'membership',
    'broadcast',
    'audit',
    'channels',
    'testing',
    'inbox',
    'rumours',
    'alerts',
  ].map((lib) => [`@jansetu/${lib}`, resolve(import.meta.dirname, `libs/${lib}/src`)]),
);
alias['@jansetu/dispatcher'] = resolve(import.meta.dirname, 'apps/dispatcher/src/dispatcher.module');

// SWC compiles the sources with decorator metadata, which NestJS needs and esbuild does not emit.
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  plugins,
  resolve: { alias },
  test: {
    globalSetup: ['libs/testing/src/global-setup.ts'],
    reporters: ['default'],
    projects: [
      {
        plugins,
        resolve: { alias },
        test: { name: 'unit', include: ['{apps,libs}/**/*.spec.ts'], environment: 'node' },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{apps,libs}/**/*.int-spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins,
        resolve: { alias },
        test: { name: 'e2e', include: ['test/**/*.e2e-spec.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
    ],
  },
});
