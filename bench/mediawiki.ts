/**
 * MediaWiki import benchmark (`npm run bench:mediawiki`): prints figures, asserts nothing.
 *
 * Writes a generated MediaWiki XML export (10,000 French pages, 50,000 revisions: templates,
 * headings, lists, links, tables, footnotes), imports it into a fresh file database with the real
 * importer (streaming reader, one transaction per page, every revision through the wiki's save),
 * and prints the time, pages/s, revisions/s and the peak RSS of this process. Then page reads
 * (GET /api/pages/:slug, in-process) and search (GET /api/search) on the same database, before
 * and after the import, so that an imported history is seen not to slow reads down.
 * `-- --pages N` changes the size (revisions stay 5 per page).
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openDatabase, type Database } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { importMediawiki } from '../server/mediawiki/import.js';
import { savePage } from '../registry/wiki/pages.js';
import { WikiServices } from '../registry/wiki/services.js';
import { slugify } from '../registry/text/slug.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PAGES = arg('pages', 10_000);
/** `--no-reads`: the import alone (for profiling it). */
const READS_TOO = !process.argv.includes('--no-reads');
const REVISIONS_PER_PAGE = 5;
const READS = 2_000;
const SEARCHES = 200;

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const WORDS = (
  'tiers-lieu commun atelier fabrication gouvernance coopérative association bénévoles habitants territoire ' +
  'numérique réparation jardin partagé café associatif formation accompagnement financement statuts collectif ' +
  'économie sociale solidaire mutualisation outils ressources licence ouverte réseau régional animation ' +
  'espace travail résidence artistes médiation inclusion mobilité alimentation circuit court énergie'
).split(' ');
const CITIES = [
  'Lille',
  'Rennes',
  'Lyon',
  'Marseille',
  'Nantes',
  'Toulouse',
  'Dijon',
  'Brest',
  'Amiens',
  'Tours',
];

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One revision's wikitext: grows with the revision number, like a page being written. */
function wikitext(
  rand: () => number,
  page: number,
  rev: number,
  title: (n: number) => string,
): string {
  const word = () => WORDS[Math.floor(rand() * WORDS.length)];
  const sentence = (n = 12) => {
    const w = Array.from({ length: n }, word);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return `${w.join(' ')}.`;
  };
  const link = () => `[[${title(Math.floor(rand() * PAGES))}]]`;
  const parts = [
    `{{Lieu\n|nom=${title(page)}\n|ville=${CITIES[page % CITIES.length]}\n|code postal=${String(10000 + ((page * 7) % 85000)).padStart(5, '0')}\n}}`,
    `Le '''${title(page)}''' est un ''tiers-lieu'' : ${sentence()} ${link()}.<ref>${sentence(6)}</ref>`,
  ];
  for (let s = 0; s <= rev; s++) {
    parts.push(
      `== ${word()} ${word()} ==`,
      `${sentence()} ${sentence()} Voir ${link()} et [https://exemple.org/${page} le site].`,
    );
    parts.push(`* ${sentence(5)}\n** ${sentence(4)}\n* ${link()}`);
  }
  if (rev >= 2)
    parts.push(
      `{| class="wikitable"\n! Année !! Adhérents\n|-\n| 2021 || ${page % 90}\n|-\n| 2022 || ${page % 97}\n|}`,
    );
  parts.push('<references />', `[[Catégorie:${CITIES[page % CITIES.length]}]]`);
  return parts.join('\n\n');
}

async function writeExport(file: string): Promise<number> {
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const rand = prng(42);
  const title = (n: number) => `Lieu ${n} ${CITIES[n % CITIES.length]}`;
  await write(
    `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="fr">\n<siteinfo><sitename>Banc</sitename><dbname>banc</dbname>` +
      `<namespaces><namespace key="0" case="first-letter" /><namespace key="6" case="first-letter">Fichier</namespace>` +
      `<namespace key="10" case="first-letter">Modèle</namespace><namespace key="14" case="first-letter">Catégorie</namespace></namespaces></siteinfo>\n`,
  );
  let revId = 1;
  for (let p = 1; p <= PAGES; p++) {
    let page = `<page><title>${xml(title(p))}</title><ns>0</ns><id>${p}</id>\n`;
    for (let r = 0; r < REVISIONS_PER_PAGE; r++) {
      const ts = new Date(Date.UTC(2015, 0, 1) + (p * 5 + r) * 3_600_000)
        .toISOString()
        .replace('.000', '');
      const who =
        r % 3 === 2
          ? `<ip>192.0.2.${r}</ip>`
          : `<username>Contributeur ${p % 300}</username><id>${p % 300}</id>`;
      page +=
        `<revision><id>${revId++}</id><timestamp>${ts}</timestamp><contributor>${who}</contributor>` +
        `${r === 3 ? '<minor/>' : ''}<comment>modification ${r + 1}</comment><model>wikitext</model><format>text/x-wiki</format>` +
        `<text xml:space="preserve">${xml(wikitext(rand, p, r, title))}</text></revision>\n`;
    }
    await write(`${page}</page>\n`);
  }
  await write('</mediawiki>\n');
  out.end();
  await once(out, 'finish');
  return revId - 1;
}

async function measureReads(db: Database, slugs: string[], label: string): Promise<void> {
  const { app, services } = createApp({ db });
  const rand = prng(7);
  const pick = () => slugs[Math.floor(rand() * slugs.length)];
  for (let i = 0; i < 200; i++) await app.request(`/api/pages/${pick()}`);
  let t = performance.now();
  for (let i = 0; i < READS; i++) {
    const res = await app.request(`/api/pages/${pick()}`);
    if (res.status !== 200) throw new Error(`read answered ${res.status}`);
    await res.arrayBuffer();
  }
  const readMs = (performance.now() - t) / READS;
  const queries = [
    'gouvernance',
    'atelier réparation',
    'jardin partagé',
    'financement',
    'licence ouverte',
    'Lille',
    'tiers lieu',
  ];
  await app.request('/api/search?q=atelier');
  t = performance.now();
  for (let i = 0; i < SEARCHES; i++) {
    const res = await app.request(
      `/api/search?q=${encodeURIComponent(queries[i % queries.length])}`,
    );
    await res.arrayBuffer();
  }
  const searchMs = (performance.now() - t) / SEARCHES;
  services.close?.();
  console.log(
    `${label}: page read ${readMs.toFixed(2)} ms (mean of ${READS}, random pages), search ${searchMs.toFixed(2)} ms (mean of ${SEARCHES})`,
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lc-bench-mw-'));
  try {
    const file = join(dir, 'export.xml');
    let t = performance.now();
    const revisions = await writeExport(file);
    console.log(
      `Generated export: ${PAGES} pages, ${revisions} revisions, ${(statSync(file).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const db = openDatabase(join(dir, 'wiki.sqlite'));
    // A wiki that already has pages: 500 written here, read and searched before the import.
    const wiki = new WikiServices(db);
    const local: string[] = [];
    const rand = prng(3);
    for (let i = 0; i < 500; i++) {
      const title = `Pratique ${i} ${WORDS[i % WORDS.length]}`;
      const body = Array.from({ length: 80 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(
        ' ',
      );
      local.push(
        savePage(db, wiki, {
          slug: slugify(title),
          title,
          markdown: `# ${title}\n\n${body}`,
          authorIds: [],
        }).slug,
      );
    }
    if (READS_TOO) await measureReads(db, local, 'Before import (500 pages)');

    const rssBefore = process.resourceUsage().maxRSS;
    t = performance.now();
    const cpu = process.cpuUsage();
    const { report } = await importMediawiki(db, new WikiServices(db), createReadStream(file), {
      fileName: 'export.xml',
      via: 'cli',
      templates: { Lieu: { kind: 'lieu', fields: { 'code postal': 'codePostal' } } },
    });
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    const { execSync } = await import('node:child_process');
    console.log(`uptime: ${execSync('uptime').toString().trim()}`);
    console.log(
      `Import: ${report.pages.created} pages, ${report.revisions.imported} revisions in ${seconds.toFixed(1)} s ` +
        `(${(report.pages.created / seconds).toFixed(0)} pages/s, ${(report.revisions.imported / seconds).toFixed(0)} revisions/s); ` +
        `peak RSS ${peakMb.toFixed(0)} MB (${(rssBefore / 1024).toFixed(0)} MB before the import)`,
    );
    // On a shared machine the wall time follows the load; the CPU time is what the import itself used.
    console.log(
      `Import CPU time: ${cpuSeconds.toFixed(1)} s (${(report.pages.created / cpuSeconds).toFixed(0)} pages per CPU second); load average ${(await import('node:os')).loadavg()[0].toFixed(1)}`,
    );
    console.log(`Targets: <= 60 s and <= 300 MB for 10,000 pages / 50,000 revisions.`);
    // The only published figure found: MediaWiki's manual on its own importer says it reports
    // progress every 100 pages and that "it may take 30 seconds or more between each increment".
    console.log(
      `MediaWiki importDump.php, for comparison: 100 pages per increment, "30 seconds or more between each increment" ` +
        `(about 3 pages/s or fewer; https://www.mediawiki.org/wiki/Manual:ImportDump.php, "Description of operations"); ` +
        `this import: ${(report.pages.created / seconds).toFixed(0)} pages/s wall, ${(report.pages.created / cpuSeconds).toFixed(0)} pages per CPU second`,
    );

    const imported = (db.prepare(`SELECT slug FROM pages`).pluck().all() as string[]).filter((s) =>
      s.startsWith('lieu-'),
    );
    if (READS_TOO) {
      await measureReads(db, local, 'After import, same 500 pages');
      await measureReads(db, imported, `After import, imported pages (${imported.length})`);
    }

    t = performance.now();
    const again = await importMediawiki(db, new WikiServices(db), createReadStream(file), {
      fileName: 'export.xml',
      via: 'cli',
    });
    console.log(
      `Same file again: ${again.report.revisions.imported} revisions imported, ${again.report.revisions.alreadyImported} already there, ` +
        `${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
