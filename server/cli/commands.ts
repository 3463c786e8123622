import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/open.js';
import { createApiToken, createUser, getUserForLogin, ROLES, type Role } from '../auth/users.js';
import { startServer } from '../server.js';
import { seedIfEmpty } from '../seed/index.js';
import { parse, UsageError } from './args.js';
import { REGISTRY_COMMANDS } from './registry.js';
import { MEDIAWIKI_COMMANDS } from './mediawiki.js';
import { LocalFileStorage, resolveFilesDir } from '../files/storage.js';
import { backupFiles, backupFilesDir, exportFiles } from '../files/backup.js';
import { gcFiles } from '../files/files.js';
import { getPageFields } from '../../registry/wiki/fields.js';
import { reindexSearch } from '../../registry/reindex.js';

/** The file store of the database named by --db (LC_FILES_DIR, else `files` beside the database). */
const filesOf = (db: Database) =>
  new LocalFileStorage(resolveFilesDir(configFromEnv(process.env).filesDir, db));

/** One CLI command: its one-line help and what it runs. */
export interface Command {
  usage: string;
  run(argv: string[]): Promise<void>;
}

/** Opens the database named by --db, LC_DB, or the default path. */
export function dbFrom(flag: string | undefined): Database {
  return openDatabase(configFromEnv(process.env, flag ? { dbPath: flag } : {}).dbPath);
}

const serve: Command = {
  usage:
    'serve [--db PATH] [--port N] [--no-seed]   start the server (demo content on an empty database)',
  async run(argv) {
    const { values } = parse(argv, { port: { type: 'string' }, 'no-seed': { type: 'boolean' } });
    const config = configFromEnv(process.env, {
      ...(values.db ? { dbPath: values.db } : {}),
      ...(values.port ? { port: Number(values.port) } : {}),
    });
    const db = openDatabase(config.dbPath);
    if (!values['no-seed']) {
      const seeded = await seedIfEmpty(db);
      if (seeded) console.log(`Demo content written to ${config.dbPath}`);
    }
    const server = await startServer(db, config);
    // The switchyard's indexes are built (on a restart, only what changed) before the first problem.
    server.app.services.switchyard.prepare();
    console.log(
      `Lieux Communs: http://localhost:${server.port} (database ${resolve(config.dbPath)})`,
    );
    const stop = async () => {
      await server.close();
      db.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
};

const user: Command = {
  usage: 'user add EMAIL --role ROLE --password P [--name NAME] [--db PATH]   create an account',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      role: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
    });
    const [sub, email] = positionals;
    if (sub !== 'add' || !email)
      throw new UsageError('usage: user add EMAIL --role ROLE --password P');
    const role = (values.role ?? 'contributor') as Role;
    if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (!values.password || values.password.length < 8)
      throw new UsageError('--password: at least 8 characters');
    const db = dbFrom(values.db);
    try {
      const u = await createUser(db, {
        email,
        name: values.name ?? email.split('@')[0],
        password: values.password,
        role,
      });
      console.log(`Created ${u.email} (${u.role}, id ${u.id})`);
    } finally {
      db.close();
    }
  },
};

const token: Command = {
  usage: 'token EMAIL [--label L] [--db PATH]   print a new API token for an account',
  async run(argv) {
    const { values, positionals } = parse(argv, { label: { type: 'string' } });
    const email = positionals[0];
    if (!email) throw new UsageError('usage: token EMAIL');
    const db = dbFrom(values.db);
    try {
      const u = getUserForLogin(db, email);
      if (!u) throw new UsageError(`no account for ${email}`);
      console.log(createApiToken(db, u.id, values.label ?? 'cli'));
    } finally {
      db.close();
    }
  },
};

const backup: Command = {
  usage:
    'backup FILE [--db PATH]   online copy of the database (safe while the server runs), uploaded files in FILE.files/',
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const file = positionals[0];
    if (!file) throw new UsageError('usage: backup FILE');
    const db = dbFrom(values.db);
    try {
      mkdirSync(resolve(file, '..'), { recursive: true });
      await db.backup(file);
      const files = await backupFiles(filesOf(db), file);
      console.log(`Backup written to ${file}`);
      if (files.copied + files.kept)
        console.log(
          `Files in ${backupFilesDir(file)}: ${files.copied} copied, ${files.kept} already there`,
        );
    } finally {
      db.close();
    }
  },
};

const yamlString = (s: string) => JSON.stringify(s);

const exportPages: Command = {
  usage:
    "export-pages DIR [--db PATH]   one markdown file per page, with its metadata and fields as front matter (deleted pages left out), moved pages' old slugs in redirects.json, files in files/",
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const dir = positionals[0];
    if (!dir) throw new UsageError('usage: export-pages DIR');
    const db = dbFrom(values.db);
    try {
      mkdirSync(dir, { recursive: true });
      const rows = db
        .prepare(
          `SELECT p.id, p.slug, p.title, p.kind, p.markdown, p.revision, p.created_at, p.updated_at,
             u.name AS updated_by, r.name AS referent,
             (SELECT json_group_array(category) FROM page_categories WHERE page_id = p.id) AS categories
           FROM pages p LEFT JOIN users u ON u.id = p.updated_by LEFT JOIN users r ON r.id = p.referent_id
           WHERE p.deleted_at IS NULL
           ORDER BY p.slug`,
        )
        .all() as {
        id: number;
        slug: string;
        title: string;
        kind: string;
        markdown: string;
        revision: number;
        created_at: string;
        updated_at: string;
        updated_by: string | null;
        referent: string | null;
        categories: string;
      }[];
      for (const p of rows) {
        const fields = getPageFields(db, p.id);
        const front = [
          '---',
          `title: ${yamlString(p.title)}`,
          `slug: ${p.slug}`,
          `kind: ${p.kind}`,
          `categories: ${p.categories}`,
          `revision: ${p.revision}`,
          `created: ${p.created_at}`,
          `updated: ${p.updated_at}`,
          ...(p.updated_by ? [`updatedBy: ${yamlString(p.updated_by)}`] : []),
          ...(p.referent ? [`referent: ${yamlString(p.referent)}`] : []),
          // Structured fields (registry/wiki/fields.ts) as a YAML flow mapping.
          ...(Object.keys(fields).length ? [`fields: ${JSON.stringify(fields)}`] : []),
          '---',
          '',
        ].join('\n');
        writeFileSync(
          join(dir, `${p.slug}.md`),
          front + p.markdown + (p.markdown.endsWith('\n') ? '' : '\n'),
        );
      }
      // Moved pages' old slugs, as { "old-slug": "new-slug" } (to live pages only), when there are any.
      const redirects = db
        .prepare(
          `SELECT g.slug AS "from", p.slug AS "to" FROM page_redirects g JOIN pages p ON p.id = g.page_id
           WHERE p.deleted_at IS NULL ORDER BY g.slug`,
        )
        .all() as { from: string; to: string }[];
      if (redirects.length) {
        const map = Object.fromEntries(redirects.map((r) => [r.from, r.to]));
        writeFileSync(join(dir, 'redirects.json'), JSON.stringify(map, null, 2) + '\n');
      }
      const files = await exportFiles(db, filesOf(db), dir);
      const deleted = db
        .prepare(`SELECT COUNT(*) FROM pages WHERE deleted_at IS NOT NULL`)
        .pluck()
        .get() as number;
      console.log(
        `${rows.length} pages exported to ${dir}${deleted ? ` (${deleted} deleted pages left out)` : ''}` +
          `${redirects.length ? `, ${redirects.length} redirects in redirects.json` : ''}` +
          `${files.files ? `, ${files.files} files in files/` : ''}${files.missing ? ` (${files.missing} missing from the file store)` : ''}`,
      );
    } finally {
      db.close();
    }
  },
};

const reindex: Command = {
  usage:
    "reindex [--db PATH]   recompute the registry's analysed text and rebuild the full-text search tables (wiki pages, communs, places, people) in one transaction, after a change of the text analyser",
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    if (positionals.length) throw new UsageError('usage: reindex [--db PATH]');
    const db = dbFrom(values.db);
    try {
      const started = performance.now();
      const n = reindexSearch(db);
      console.log(
        `Search tables rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `${n.pages} pages, ${n.resources} communs, ${n.places} places, ${n.people} people ` +
          `(analysed text recomputed for ${n.searchTextUpdated} registry rows)`,
      );
    } finally {
      db.close();
    }
  },
};

const gcFilesCommand: Command = {
  usage:
    'gc-files [--dry-run] [--grace-minutes N] [--db PATH]   remove stored file contents no file version names any more (after deletions)',
  async run(argv) {
    const { values } = parse(argv, {
      'dry-run': { type: 'boolean' },
      'grace-minutes': { type: 'string' },
    });
    const grace = values['grace-minutes'] === undefined ? 60 : Number(values['grace-minutes']);
    if (!Number.isFinite(grace) || grace < 0)
      throw new UsageError('--grace-minutes: a number of minutes (0 or more)');
    const db = dbFrom(values.db);
    try {
      const r = gcFiles(db, filesOf(db), {
        graceMs: grace * 60_000,
        dryRun: values['dry-run'] === true,
      });
      const verb = values['dry-run'] ? 'would remove' : 'removed';
      console.log(
        `gc-files: ${r.stored} stored, ${r.referenced} named by a file version (kept), ${verb} ${r.removed.length} (${r.bytes} bytes)` +
          (r.young ? `, ${r.young} unnamed but younger than ${grace} min (kept)` : ''),
      );
    } finally {
      db.close();
    }
  },
};

/** Every CLI command by name. Other modules add theirs here. */
export const COMMANDS: Record<string, Command> = {
  serve,
  user,
  token,
  backup,
  'export-pages': exportPages,
  reindex,
  'gc-files': gcFilesCommand,
  ...REGISTRY_COMMANDS,
  ...MEDIAWIKI_COMMANDS,
};
