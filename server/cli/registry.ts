import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { exportBundle, importBundle, type ImportResult } from '../../registry/bundle.js';
import { importCgetPlaces } from '../../registry/cget.js';
import { decodeCsv } from '../../registry/csv.js';
import { RegistryError } from '../../registry/errors.js';
import { importPubliccode } from '../../registry/publiccode.js';
import { registryHooks } from '../registry-wiki.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { parse, UsageError } from './args.js';
import type { Command } from './commands.js';
import { configFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/open.js';

/** Registry commands: bundle / publiccode.yml import, bundle export, import of the national places base. */

// Same as commands.ts `dbFrom` (not imported from there: commands.ts imports this module).
const dbFrom = (flag: string | undefined): Database =>
  openDatabase(configFromEnv(process.env, flag ? { dbPath: flag } : {}).dbPath);

const summary = (r: ImportResult) =>
  (['resources', 'places', 'people', 'usages', 'referents'] as const)
    .map(
      (k) => `${k}: ${r.created[k]} created, ${r.updated[k]} updated, ${r.unchanged[k]} unchanged`,
    )
    .join('\n');

/** Progress on stderr, rewritten in place on a terminal, one line per step otherwise. */
function progress(label: string) {
  const tty = process.stderr.isTTY;
  return (done: number, total: number) => {
    const line = `${label}: ${done}/${total} (${Math.round((done / total) * 100)} %)`;
    process.stderr.write(tty ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Runs a registry operation, turning its errors into a one-line message (exit code 2). */
function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof RegistryError) throw new UsageError(`${err.message} (nothing was written)`);
    throw err;
  }
}

const importCommand: Command = {
  usage:
    'import FILE [--db PATH]   import a commons-bundle/1 JSON file, or a publiccode.yml (.yml/.yaml) as a software resource',
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const file = positionals[0];
    if (!file) throw new UsageError('usage: import FILE');
    const text = readText(file);
    const db = dbFrom(values.db);
    try {
      const hooks = registryHooks(db, new WikiServices(), 'import');
      if (/\.ya?ml$/i.test(extname(file))) {
        const { record, change } = guarded(() => importPubliccode(db, text, { hooks }));
        console.log(`${record.name} (${record.slug}): ${change}`);
        return;
      }
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (err) {
        throw new UsageError(`${file} is not valid JSON: ${(err as Error).message}`);
      }
      const result = guarded(() =>
        importBundle(db, data, { hooks, onProgress: progress('import') }),
      );
      console.log(summary(result));
    } finally {
      db.close();
    }
  },
};

const exportCommand: Command = {
  usage: 'export FILE [--db PATH]   write everything public as a commons-bundle/1 JSON file',
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const file = positionals[0];
    if (!file) throw new UsageError('usage: export FILE');
    const db = dbFrom(values.db);
    try {
      const bundle = exportBundle(db);
      mkdirSync(dirname(resolve(file)), { recursive: true });
      writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
      console.log(
        `${file}: ${bundle.resources.length} resources, ${bundle.places.length} places, ${bundle.people.length} people, ` +
          `${bundle.usages.length} usages, ${bundle.referents.length} referents`,
      );
    } finally {
      db.close();
    }
  },
};

const importPlaces: Command = {
  usage:
    'import-places CSV [--db PATH]   import the national base of tiers-lieux (CGET 2019 CSV) as places',
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const file = positionals[0];
    if (!file) throw new UsageError('usage: import-places CSV');
    const text = decodeCsv(readBytes(file));
    const db = dbFrom(values.db);
    try {
      const r = guarded(() => importCgetPlaces(db, text, progress('import-places')));
      console.log(
        `${r.rows} rows: ${r.created} places created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped`,
      );
    } finally {
      db.close();
    }
  },
};

/** The registry's CLI commands, registered in COMMANDS. */
export const REGISTRY_COMMANDS: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  'import-places': importPlaces,
};
