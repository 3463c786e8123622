#!/usr/bin/env node
// Builds the browser application (vite build) only when a source it was built from changed: `npm start`
// runs this first, so starting again does not spend tens of seconds rebuilding the same files. The
// build writes dist/client/.sources.json (every file it read, with its SHA-256: see vite.config.ts);
// a missing build, a changed or deleted file, or `--force` rebuilds.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'dist/client');
const MANIFEST = join(OUT, '.sources.json');

/** Why a build is needed, or null when dist/client is current. */
function staleReason() {
  if (process.argv.includes('--force')) return 'forced';
  if (!existsSync(join(OUT, 'index.html')) || !existsSync(MANIFEST)) return 'no build yet';
  let sources;
  try {
    sources = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'unreadable .sources.json';
  }
  for (const [file, hash] of Object.entries(sources)) {
    const path = join(ROOT, file);
    if (!existsSync(path)) return `${file} removed`;
    if (createHash('sha256').update(readFileSync(path)).digest('hex') !== hash)
      return `${file} changed`;
  }
  return null;
}

const reason = staleReason();
if (reason === null) {
  console.log('Browser application up to date (dist/client): not rebuilt.');
} else {
  console.log(`Building the browser application (${reason})…`);
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}
