// The compiled server: server/ and registry/ turned into JavaScript in dist/server/ (one file per
// source file, imports unchanged) so that `npm start` runs plain JavaScript instead of loading every
// TypeScript source through tsx. esbuild strips the types (it reads tsconfig.json, like tsx does);
// type-checking stays with `npm run typecheck`. The build is current when dist/server/.sources.json
// lists exactly the source files there are now, with the same SHA-256: `bin/lieux-communs.js` runs
// the compiled code only then, and the sources through tsx otherwise.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** Where the compiled server goes: dist/server/server/…, dist/server/registry/…. */
export const SERVER_OUT = join(ROOT, 'dist/server');
/** The entry point of the command line in the compiled server. */
export const COMPILED_MAIN = join(SERVER_OUT, 'server/cli/main.js');
const MANIFEST = join(SERVER_OUT, '.sources.json');
/** Folders compiled (the server and the domain it imports). */
const SOURCE_DIRS = ['server', 'registry'];
/** Files whose change changes the output without being compiled themselves. */
const SETTINGS = ['tsconfig.json', 'bin/server-build.js'];

/** Every TypeScript source compiled, relative to the root, sorted. */
function sourceFiles() {
  const walk = (dir) =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory()) return walk(path);
      return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
    });
  return SOURCE_DIRS.filter((d) => existsSync(join(ROOT, d)))
    .flatMap(walk)
    .sort();
}

/** The SHA-256 of every file the build depends on, by path relative to the root. */
function currentHashes(sources = sourceFiles()) {
  const hashes = {};
  for (const file of [...sources, ...SETTINGS]) {
    hashes[file] = createHash('sha256')
      .update(readFileSync(join(ROOT, file)))
      .digest('hex');
  }
  return hashes;
}

/**
 * Why dist/server must be built again, or null when it is current (same files, same contents).
 * @returns a short reason for the log, or null.
 */
export function serverStaleReason() {
  if (!existsSync(COMPILED_MAIN) || !existsSync(MANIFEST)) return 'no build yet';
  let recorded;
  try {
    recorded = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return 'unreadable .sources.json';
  }
  const sources = sourceFiles();
  const expected = new Set([...sources, ...SETTINGS]);
  for (const file of Object.keys(recorded)) if (!expected.has(file)) return `${file} removed`;
  for (const file of expected) if (!(file in recorded)) return `${file} added`;
  const hashes = currentHashes(sources);
  for (const [file, hash] of Object.entries(hashes))
    if (recorded[file] !== hash) return `${file} changed`;
  return null;
}

/**
 * Compiles server/ and registry/ into dist/server/ (emptied first, so that no file of a removed
 * source stays behind) and records the sources' hashes. Takes about a second.
 */
export async function buildServer() {
  // esbuild comes with Vite (a development dependency, as the client build needs it too).
  const { build } = await import('esbuild');
  const sources = sourceFiles();
  // Hashed before compiling: a file saved meanwhile leaves the build stale, not wrongly current.
  const hashes = currentHashes(sources);
  rmSync(SERVER_OUT, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: sources,
    outdir: SERVER_OUT,
    outbase: '.',
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(MANIFEST, `${JSON.stringify(hashes, null, 1)}\n`);
  return relative(ROOT, SERVER_OUT);
}
