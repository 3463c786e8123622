import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTRY = join(ROOT, 'registry');

/** Every TypeScript file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? tsFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Module specifiers of a file's static imports, re-exports and dynamic imports. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(
    /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
  ))
    found.push(m[1]!);
  for (const m of source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

describe('the domains (registry/**) stay free of HTTP', () => {
  const files = tsFiles(REGISTRY);

  it('finds the domain sources, the wiki among them', () => {
    expect(files.some((f) => f.endsWith(join('wiki', 'pages.ts')))).toBe(true);
    expect(files.length).toBeGreaterThan(40);
  });

  it('no file under registry/ imports hono or anything under server/', () => {
    const offending: string[] = [];
    for (const file of files) {
      const from = relative(ROOT, file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const resolved = spec.startsWith('.') ? relative(ROOT, join(file, '..', spec)) : spec;
        if (
          spec === 'hono' ||
          spec.startsWith('hono/') ||
          spec.startsWith('@hono/') ||
          resolved.startsWith('server/') ||
          resolved.startsWith('client/')
        ) {
          offending.push(`${from} imports ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
