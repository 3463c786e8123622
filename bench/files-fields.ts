/**
 * Structured fields and files benchmark (npm run bench:files-fields). Prints figures, asserts nothing.
 *   1. 10,000 place pages whose fields (town, postcode, opening date, activities, registry place)
 *      come from the 1,512 places of the national base (CGET 2019), cycled: time to write the
 *      fields with setPageFields (what an importer does), pages/s;
 *   2. the page list filtered on fields through the HTTP app (in process):
 *      `GET /api/pages?kind=lieu&ville=…` over varied towns, p50 / p95, beside the unfiltered index;
 *   3. uploads of 1 MB files (POST /api/files, multipart) and reads of them (GET /files/NAME): MB/s.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { createApiToken, createUser } from '../server/auth/users.js';
import { importCgetPlaces } from '../registry/cget.js';
import { setFieldDefs, setPageFields } from '../registry/wiki/fields.js';

const CGET = '/work/shared/data/cget-tiers-lieux-2019/CGET_TiersLieux_2019_sans_contacts.csv';
const PAGES = 10_000;
const QUERIES = 400;
const UPLOADS = 40;
const UPLOAD_BYTES = 1024 * 1024;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (n: number) => `${n.toFixed(2)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'lc-bench-fields-'));
try {
  const db = openDatabase(join(dir, 'bench.sqlite'));
  const { app } = createApp({
    db,
    config: { filesDir: join(dir, 'files'), uploadLimit: 8 * UPLOAD_BYTES },
  });
  const admin = await createUser(db, {
    email: 'admin@example.org',
    name: 'Admin',
    password: 'password123',
    role: 'admin',
  });
  const auth = { authorization: `Bearer ${createApiToken(db, admin.id, 'bench')}` };

  importCgetPlaces(db, readFileSync(CGET, 'utf8'));
  const places = db
    .prepare(`SELECT slug, name, city, postcode FROM places WHERE city IS NOT NULL AND city <> ''`)
    .all() as {
    slug: string;
    name: string;
    city: string;
    postcode: string | null;
  }[];
  setFieldDefs(db, 'place', [
    { name: 'ville', label: { fr: 'Ville', en: 'Town' }, type: 'text' },
    { name: 'code_postal', label: { fr: 'Code postal', en: 'Postcode' }, type: 'text' },
    { name: 'ouverture', label: { fr: 'Ouverture', en: 'Opening' }, type: 'date' },
    { name: 'activites', label: { fr: 'Activités', en: 'Activities' }, type: 'list' },
    { name: 'fiche', label: { fr: 'Fiche', en: 'Sheet' }, type: 'place' },
  ]);
  const ACTIVITIES = [
    'fablab',
    'café',
    'coworking',
    'jardin',
    'ressourcerie',
    'atelier vélo',
    'tiers-lieu nourricier',
  ];
  const insertPage = db.prepare(
    `INSERT INTO pages (slug, title, title_key, kind, markdown, revision) VALUES (@slug, @title, @slug, 'place', @markdown, 1)`,
  );
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < PAGES; i++) {
      const p = places[i % places.length];
      ids.push(
        Number(
          insertPage.run({
            slug: `lieu-${i}`,
            title: `${p.name} ${i}`,
            markdown: `Fiche de ${p.name}.`,
          }).lastInsertRowid,
        ),
      );
    }
  })();

  let started = performance.now();
  db.transaction(() => {
    ids.forEach((id, i) => {
      const p = places[i % places.length];
      setPageFields(db, id, {
        ville: p.city,
        code_postal: p.postcode ?? '',
        ouverture: `${2005 + (i % 18)}-${String(1 + (i % 12)).padStart(2, '0')}-15`,
        activites: [ACTIVITIES[i % ACTIVITIES.length], ACTIVITIES[(i * 3) % ACTIVITIES.length]],
        fiche: p.slug,
      });
    });
  })();
  const writeMs = performance.now() - started;
  console.log(
    `fields: ${PAGES} pages × 5 fields written in ${(writeMs / 1000).toFixed(2)} s (${Math.round(PAGES / (writeMs / 1000))} pages/s)`,
  );

  const towns = [...new Set(places.map((p) => p.city))];
  const time = async (path: string) => {
    const t0 = performance.now();
    const res = await app.request(path, { headers: auth });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - t0;
  };
  const measure = async (paths: string[]) => {
    for (const p of paths.slice(0, 20)) await time(p); // warm-up
    const times: number[] = [];
    for (const p of paths) times.push(await time(p));
    return times.sort((a, b) => a - b);
  };
  const filtered = await measure(
    Array.from(
      { length: QUERIES },
      (_, i) => `/api/pages?kind=lieu&ville=${encodeURIComponent(towns[(i * 7) % towns.length])}`,
    ),
  );
  const twoFilters = await measure(
    Array.from(
      { length: QUERIES },
      (_, i) =>
        `/api/pages?kind=lieu&ville=${encodeURIComponent(towns[(i * 7) % towns.length])}&activites=${encodeURIComponent(ACTIVITIES[i % ACTIVITIES.length])}`,
    ),
  );
  const kindOnly = await measure(
    Array.from({ length: 100 }, (_, i) => `/api/pages?kind=lieu&offset=${(i * 97) % PAGES}`),
  );
  const index = await measure(
    Array.from({ length: 100 }, (_, i) => `/api/pages?offset=${(i * 97) % PAGES}`),
  );
  console.log(
    `list ?kind=lieu&ville=… (${towns.length} towns): p50 ${ms(quantile(filtered, 0.5))}, p95 ${ms(quantile(filtered, 0.95))}`,
  );
  console.log(
    `list ?kind=lieu&ville=…&activites=…: p50 ${ms(quantile(twoFilters, 0.5))}, p95 ${ms(quantile(twoFilters, 0.95))}`,
  );
  console.log(
    `list ?kind=lieu (100 per page, with fields): p50 ${ms(quantile(kindOnly, 0.5))}, p95 ${ms(quantile(kindOnly, 0.95))}`,
  );
  console.log(
    `plain index (100 per page, before this change's filters): p50 ${ms(quantile(index, 0.5))}, p95 ${ms(quantile(index, 0.95))}`,
  );

  started = performance.now();
  for (let i = 0; i < UPLOADS; i++) {
    const form = new FormData();
    form.set('file', new File([randomBytes(UPLOAD_BYTES)], `donnees-${i}.bin`));
    const res = await app.request('/api/files', { method: 'POST', body: form, headers: auth });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  }
  const uploadS = (performance.now() - started) / 1000;
  started = performance.now();
  for (let i = 0; i < UPLOADS; i++) {
    const res = await app.request(`/files/donnees-${i}.bin`, { headers: auth });
    const body = await res.arrayBuffer();
    if (body.byteLength !== UPLOAD_BYTES) throw new Error('short read');
  }
  const readS = (performance.now() - started) / 1000;
  const mb = (UPLOADS * UPLOAD_BYTES) / 1024 / 1024;
  console.log(
    `uploads: ${UPLOADS} × 1 MB (sniffed, hashed, stored) in ${uploadS.toFixed(2)} s (${(mb / uploadS).toFixed(1)} MB/s)`,
  );
  console.log(
    `reads of /files/NAME: ${UPLOADS} × 1 MB in ${readS.toFixed(2)} s (${(mb / readS).toFixed(1)} MB/s)`,
  );
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
