import { defineConfig, type Plugin } from 'vite';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Files worth compressing (source maps are left out: only developer tools fetch them). */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;
/** Below this, a compressed copy saves less than the headers it costs. */
const MIN_BYTES = 512;

/**
 * Writes `file.br` (brotli, quality 11) and `file.gz` (gzip, level 9) next to every compressible
 * file of the build, for the server to send as they are (`serveStatic({ precompressed: true })`):
 * the highest qualities cost seconds once at build time and nothing per request. A copy that
 * would not be smaller is not written, so the server sends the file itself.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'lc-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
        );
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const bytes = readFileSync(file);
        if (bytes.length < MIN_BYTES) continue;
        const br = brotliCompressSync(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        });
        const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
        if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
        if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * Writes dist/client/.sources.json: the hash of every source file the build read (our modules,
 * index.html and public files, the Vite config and the lock file), so that `bin/build-client.js`
 * (run by `npm start`) rebuilds only when one of them changed.
 */
function sourceManifest(): Plugin {
  let outDir = '';
  let root = '';
  const ids = new Set<string>();
  return {
    name: 'lc-source-manifest',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      root = resolve(config.root, '..');
    },
    buildEnd() {
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0];
        if (!file.startsWith('\0') && !file.includes('/node_modules/') && existsSync(file))
          ids.add(file);
      }
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        existsSync(dir)
          ? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
              e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
            )
          : [];
      const files = [
        ...ids,
        ...walk(join(root, 'client/public')),
        join(root, 'vite.config.ts'),
        join(root, 'package-lock.json'),
      ];
      const hashes: Record<string, string> = {};
      for (const file of files.sort()) {
        if (!existsSync(file) || !statSync(file).isFile()) continue;
        hashes[relative(root, file)] = createHash('sha256')
          .update(readFileSync(file))
          .digest('hex');
      }
      writeFileSync(join(outDir, '.sources.json'), `${JSON.stringify(hashes, null, 1)}\n`);
    },
  };
}

// The browser application lives in client/ and is built into dist/client, served by the Hono server.
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [precompress(), sourceManifest()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/feed': 'http://localhost:3000',
      '/collab': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
