import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collabFixture, until } from '../helpers/collab.js';
import { openDatabase } from '../../server/db/open.js';
import { savePage } from '../../registry/wiki/pages.js';
import { WikiServices } from '../../registry/wiki/services.js';
import { ATELIER_EXPORT } from '../helpers/mediawiki.js';

/*
 * A page written by another process (the CLI's MediaWiki import, a script with its own
 * connection) while the live server has it open in a co-editing room with co-edits not yet
 * written: the room merges that save into the live text (editors see it, their pending edits
 * stay), and its next revision holds both, instead of writing the live text over the save.
 */

const fx = collabFixture(['admin', 'contributor', 'reader'], { collabQuietMs: 60_000 });

const BIN = new URL('../../bin/lieux-communs.js', import.meta.url).pathname;

/** Runs the real command on the server's database file. */
function cli(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, LC_DB: '' } },
      (err, _o, stderr) =>
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

/** The page's revisions' texts, newest first. */
async function texts(slug: string): Promise<string[]> {
  const history = await fx.call('GET', `/api/pages/${slug}/revisions`, fx.users.admin.token);
  return Promise.all(
    history.json.revisions.map(
      async (r: { number: number }) =>
        (await fx.call('GET', `/api/pages/${slug}/revisions/${r.number}`, fx.users.admin.token))
          .json.markdown,
    ),
  );
}

describe(
  'a page written by another process while it is being co-edited',
  { timeout: 60_000 },
  () => {
    it('a CLI MediaWiki import: the room merges it before saving; editors see it and keep what they typed', async () => {
      const { writer, watcher } = await fx.pendingCoEdit('atelier');
      const xml = join(fx.env.db.name, '..', 'export.xml');
      writeFileSync(xml, ATELIER_EXPORT);
      const run = await cli('import-mediawiki', xml, '--db', fx.env.db.name);
      expect(run.stderr).not.toContain('Error');
      expect(run.code).toBe(0);
      expect(await texts('atelier')).toEqual(['Texte importé.', 'Début.']);

      // The editor's "Enregistrer maintenant": the room notices the import before writing.
      const saved = await fx.call(
        'POST',
        '/api/pages/atelier/collab-save',
        fx.users.contributor.token,
        {},
      );
      expect(saved.status).toBe(200);
      expect(saved.json.saved).toBe(true);
      const merged = 'Texte importé. Tapé juste avant.';
      expect(await texts('atelier')).toEqual([merged, 'Texte importé.', 'Début.']);
      expect(
        (await fx.call('GET', '/api/pages/atelier', fx.users.reader.token)).json.markdown,
      ).toBe(merged);
      // The imported change reached the connected editors, with their own edit kept.
      await until(() => watcher.text.toString() === merged, 'the import reached the reader');
      await until(() => writer.text.toString() === merged, 'the import reached the writer');
    });

    it('a save by another connection to the same line: both versions kept, noticed at the next keystroke', async () => {
      const slug = 'recette';
      savePage(fx.env.db, fx.env.server.app.services.wiki, {
        slug,
        title: 'Recette',
        markdown: '# Recette\n\nFarine et eau.\n\nCuire.\n',
        authorIds: [fx.users.admin.id],
      });
      const writer = fx.open(slug, fx.users.contributor.token);
      const watcher = fx.open(slug, fx.users.reader.token);
      await Promise.all([writer.synced, watcher.synced]);
      await until(() => writer.text.toString().includes('Cuire.'), 'seeded');
      // The writer changes the ingredients' line (pending, not written).
      const at = writer.text.toString().indexOf('eau.');
      writer.text.delete(at, 'eau.'.length);
      writer.text.insert(at, 'lait.');
      await until(() => watcher.text.toString().includes('lait.'), 'co-edit reached the server');

      // Another process changes the same line and the last one (its own connection: the server is
      // not told).
      const other = openDatabase(fx.env.db.name);
      savePage(other, new WikiServices(other), {
        slug,
        title: 'Recette',
        markdown: '# Recette\n\nFarine et levure.\n\nCuire 20 minutes.\n',
        authorIds: [fx.users.admin.id],
      });
      other.close();

      // The next keystroke makes the room look: the other save arrives in the editors' text.
      writer.text.insert(writer.text.length, 'Servir.\n');
      const merged =
        '# Recette\n\nFarine et lait.\nFarine et levure.\n\nCuire 20 minutes.\nServir.\n';
      await until(() => watcher.text.toString() === merged, 'the other save reached the reader');
      await until(() => writer.text.toString() === merged, 'the other save reached the writer');

      // The writer leaves: the revision written holds both.
      writer.destroy();
      await until(
        () =>
          fx.env.db.prepare(`SELECT markdown FROM pages WHERE slug = ?`).pluck().get(slug) ===
          merged,
        'the merged text was written',
      );
      expect((await texts(slug)).slice(0, 2)).toEqual([
        merged,
        '# Recette\n\nFarine et levure.\n\nCuire 20 minutes.\n',
      ]);
    });
  },
);
