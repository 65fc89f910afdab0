import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Built to dist/console and served by the gateway at /console (both modes).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    // A station on a slow mobile connection: keep the first screen small (see README, console section).
    chunkSizeWarningLimit: 300,
  },
});
