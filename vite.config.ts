import { defineConfig } from 'vite';

// The browser application lives in client/ and is built into dist/client, served by the Hono server.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/feed': 'http://localhost:3000', '/collab': { target: 'ws://localhost:3000', ws: true } } },
});
