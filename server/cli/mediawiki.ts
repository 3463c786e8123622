import {
  closeSync,
  createReadStream,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { LocalFileStorage, resolveFilesDir } from '../files/storage.js';
import { configFromEnv } from '../config.js';
import { openDatabase, type Database } from '../db/open.js';
import { exportMediawiki } from '../mediawiki/export.js';
import {
  importMediawiki,
  MediawikiImportError,
  mediawikiFileKey,
  type MediawikiImportReport,
} from '../mediawiki/import.js';
import { formatReport } from '../mediawiki/report.js';
import { SKIPPED_IMAGE_DIRS } from '../mediawiki/images-upload.js';
import { parseTemplateMap } from '../mediawiki/templates-map.js';
import { MediawikiXmlError } from '../mediawiki/xml-reader.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { parse, UsageError } from './args.js';
import type { Command } from './commands.js';

/** MediaWiki migration commands: import-mediawiki and export-mediawiki. */

// Same as commands.ts `dbFrom` (not imported from there: commands.ts imports this module).
const dbFrom = (flag: string | undefined): Database =>
  openDatabase(configFromEnv(process.env, flag ? { dbPath: flag } : {}).dbPath);

const clock = (seconds: number) => {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * Progress of an import on stderr: on a terminal, a bar rewritten in place with pages/s and the
 * time left (from the bytes read of the file's size); otherwise a plain line every 5 seconds.
 */
export function importProgress(totalBytes: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now();
  let lastLine = 0;
  let lastDraw = 0;
  const tty = stream.isTTY === true;
  return {
    update(pages: number, bytes: number) {
      const now = performance.now();
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? pages / seconds : 0;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 0;
      const left = share > 0 ? (seconds / share) * (1 - share) : Infinity;
      if (tty) {
        if (now - lastDraw < 100) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(share * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)} %  ` +
            `${pages} pages  ${rate.toFixed(0)} pages/s  ${clock(left)} restant   `,
        );
      } else if (now - lastLine >= 5000) {
        lastLine = now;
        stream.write(
          `import-mediawiki: ${pages} pages, ${rate.toFixed(0)} pages/s, ${Math.round(share * 100)} %, ${clock(left)} restant\n`,
        );
      }
    },
    done(pages: number) {
      const seconds = (performance.now() - started) / 1000;
      if (tty) stream.write('\r\x1b[K');
      stream.write(
        `import-mediawiki: ${pages} pages read in ${seconds.toFixed(1)} s (${(pages / Math.max(seconds, 0.001)).toFixed(0)} pages/s)\n`,
      );
    },
  };
}

/**
 * The files of a MediaWiki `images/` folder (hashed subfolders `a/ab/Nom.jpg`) or of dumpUploads'
 * output (flat), by MediaWiki file name.
 * @throws UsageError when the folder cannot be read.
 */
export function imagesIndex(dir: string): Map<string, () => Promise<Uint8Array>> {
  const files = new Map<string, () => Promise<Uint8Array>>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_IMAGE_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && !entry.name.startsWith('.')) {
        files.set(mediawikiFileKey(entry.name), () => readFile(path));
      }
    }
  };
  try {
    walk(dir);
  } catch (err) {
    throw new UsageError(
      `--images ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  return files;
}

const importCommand: Command = {
  usage:
    'import-mediawiki FILE [--images DIR] [--templates MAP.yml] [--namespaces 0,14,…] [--json] [--db PATH]   import a MediaWiki XML export (.xml or .xml.gz) with every revision',
  async run(argv) {
    const { values, positionals } = parse(argv, {
      templates: { type: 'string' },
      namespaces: { type: 'string' },
      images: { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = positionals[0];
    if (!file)
      throw new UsageError(
        'usage: import-mediawiki FILE [--templates MAP.yml] [--namespaces LIST]',
      );
    let size: number;
    try {
      size = statSync(file).size;
    } catch (err) {
      throw new UsageError(
        `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
    let templates = {};
    if (values.templates) {
      let text: string;
      try {
        text = readFileSync(values.templates, 'utf8');
      } catch (err) {
        throw new UsageError(
          `cannot read ${values.templates}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        );
      }
      try {
        templates = parseTemplateMap(text);
      } catch (err) {
        throw new UsageError(`--templates ${values.templates}: ${(err as Error).message}`);
      }
    }
    const imageFiles = values.images ? imagesIndex(values.images) : null;
    const namespaces = values.namespaces
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const db = dbFrom(values.db);
    const images = imageFiles
      ? {
          files: imageFiles,
          storage: new LocalFileStorage(resolveFilesDir(configFromEnv(process.env).filesDir, db)),
        }
      : undefined;
    const progress = importProgress(size);
    let pages = 0;
    try {
      const { report } = await importMediawiki(db, new WikiServices(db), createReadStream(file), {
        fileName: basename(file),
        via: 'cli',
        maxGunzippedBytes: configFromEnv(process.env).mediawikiXmlLimit,
        templates,
        ...(images ? { images } : {}),
        ...(namespaces ? { namespaces } : {}),
        onProgress: (n, bytes) => {
          pages = n;
          progress.update(n, bytes);
        },
      });
      progress.done(pages);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    } catch (err) {
      if (!(err instanceof MediawikiImportError)) throw err;
      progress.done(pages);
      const partial: MediawikiImportReport = err.report;
      const done = partial.pages.created + partial.pages.updated;
      const kept = done
        ? ` (${done} pages before it were imported, each with all its revisions; nothing of the broken page was written)`
        : ' (nothing was written)';
      if (err.cause instanceof MediawikiXmlError)
        throw new UsageError(`${file}: ${err.cause.message}${kept}`);
      throw new UsageError(`${file}: ${err.cause.message}${kept}`);
    } finally {
      db.close();
    }
  },
};

const exportCommand: Command = {
  usage:
    'export-mediawiki FILE [--db PATH]   write the wiki as a MediaWiki XML export (schema 0.11) with every revision',
  async run(argv) {
    const { values, positionals } = parse(argv, {});
    const file = positionals[0];
    if (!file) throw new UsageError('usage: export-mediawiki FILE');
    const db = dbFrom(values.db);
    const config = configFromEnv(process.env, {});
    try {
      mkdirSync(dirname(resolve(file)), { recursive: true });
      const fd = openSync(file, 'w');
      try {
        const s = exportMediawiki(db, (chunk) => writeSync(fd, chunk), {
          publicUrl: config.publicUrl,
        });
        console.log(
          `${file}: ${s.pages} pages, ${s.revisions} revisions, ${s.redirects} redirects, ${s.categories} category pages`,
        );
      } finally {
        closeSync(fd);
      }
    } finally {
      db.close();
    }
  },
};

/** The MediaWiki commands, registered in COMMANDS. */
export const MEDIAWIKI_COMMANDS: Record<string, Command> = {
  'import-mediawiki': importCommand,
  'export-mediawiki': exportCommand,
};
