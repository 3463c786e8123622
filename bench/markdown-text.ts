/**
 * Plain-text extraction on pathological markdown (`node --import tsx bench/markdown-text.ts [n,n,…]`):
 * prints figures, asserts nothing.
 *
 * `markdownToText` runs in the full-text triggers of every page written, and the switchyard turns
 * every page into plain words when it rebuilds its indexes. Bodies a contributor may send (well
 * under the 5 MB body limit) made their regular expressions backtrack: `[[` repeated, `[a](`
 * repeated, `<` repeated, a `|` and many blank lines. For each such body of n units this prints:
 * - `markdownToText` alone;
 * - the whole in-process `PUT /api/pages/:slug` (save, search tables, answer);
 * - the first switchyard question after that save (index rebuild, every page's plain words).
 * The machine may be loaded: repeat on a quiet machine before trusting the numbers.
 */
import { openDatabase } from '../server/db/open.js';
import { createApp } from '../server/app.js';
import { createApiToken, createUser } from '../server/auth/users.js';
import { markdownToText } from '../registry/text/markdown-text.js';

const SIZES = (process.argv[2] ?? '2000,4000,100000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

const BODIES: [string, (n: number) => string][] = [
  ['"[[" × n', (n) => '[['.repeat(n)],
  ['"[a](" × n', (n) => '[a]('.repeat(n)],
  ['"![" × n', (n) => '!['.repeat(n)],
  ['"<" × n', (n) => 'a <'.repeat(n)],
  ['"|" then n blank lines', (n) => '|' + '\n'.repeat(n)],
  ['"[ ]" then n blank lines', (n) => '[ ]' + '\n'.repeat(n) + 'x'],
  ['n lines "- "', (n) => '- \n'.repeat(n) + 'x'],
];

const ms = (t0: number) => `${(performance.now() - t0).toFixed(1)} ms`;

const db = openDatabase(':memory:');
const { app, services } = createApp({ db, config: { loginMaxAttempts: 1000 } });
const admin = await createUser(db, {
  email: 'bench@example.org',
  name: 'Bench',
  password: 'password123',
  role: 'admin',
});
const headers = {
  authorization: `Bearer ${createApiToken(db, admin.id, 'bench')}`,
  'content-type': 'application/json',
};

let page = 0;
for (const [name, body] of BODIES) {
  for (const n of SIZES) {
    const markdown = body(n);
    let t0 = performance.now();
    markdownToText(markdown);
    const text = ms(t0);
    t0 = performance.now();
    const res = await app.request(`/api/pages/banc-${++page}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ title: `Banc ${page}`, markdown }),
    });
    const put = `${ms(t0)} (${res.status})`;
    t0 = performance.now();
    const sw = await app.request('/api/switchyard', {
      method: 'POST',
      headers,
      body: JSON.stringify({ problem: 'mutualiser la comptabilité du tiers-lieu' }),
    });
    console.log(
      `${name.padEnd(26)} n=${String(n).padStart(7)} (${(markdown.length / 1024).toFixed(0)} KB): ` +
        `markdownToText ${text}, PUT ${put}, switchyard ${ms(t0)} (${sw.status})`,
    );
  }
}
services.close?.();
db.close();
