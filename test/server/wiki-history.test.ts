import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { diffSequences, diffTexts } from '../../registry/wiki/diff.js';

async function pageWithHistory() {
  const t = await testApp();
  const v1 = 'Titre\n\nLa gouvernance est partagée.\nLigne stable.\n';
  const v2 = 'Titre\n\nLa gouvernance est vraiment partagée.\nLigne stable.\nNouvelle ligne.\n';
  const v3 = 'Titre\n\nLigne stable.\nNouvelle ligne.\n';
  await t.request('PUT', '/api/pages/p', {
    as: 'contributor',
    body: { title: 'Page', markdown: v1, summary: 'création' },
  });
  await t.request('PUT', '/api/pages/p', {
    as: 'facilitator',
    body: { title: 'Page', markdown: v2, summary: 'précision', baseRevision: 1 },
  });
  await t.request('PUT', '/api/pages/p', {
    as: 'contributor',
    body: { title: 'Page renommée', markdown: v3, baseRevision: 2 },
  });
  return { t, v1, v2, v3 };
}

describe('page history', () => {
  it('lists revisions newest first with authors and size deltas', async () => {
    const { t, v1, v2, v3 } = await pageWithHistory();
    const r = await t.request('GET', '/api/pages/p/revisions');
    expect(r.status).toBe(200);
    const revs = r.json.revisions;
    expect(revs.map((x: { number: number }) => x.number)).toEqual([3, 2, 1]);
    expect(revs[2]).toMatchObject({
      number: 1,
      title: 'Page',
      summary: 'création',
      author: { name: 'Test contributor' },
      authors: [{ name: 'Test contributor' }],
      size: Buffer.byteLength(v1),
      sizeDelta: Buffer.byteLength(v1),
    });
    expect(revs[1].author.name).toBe('Test facilitator');
    expect(revs[1].sizeDelta).toBe(Buffer.byteLength(v2) - Buffer.byteLength(v1));
    expect(revs[0].sizeDelta).toBe(Buffer.byteLength(v3) - Buffer.byteLength(v2));
    expect(revs[0].title).toBe('Page renommée');
    expect(JSON.stringify(revs)).not.toContain('@example.org');
    const paged = await t.request('GET', '/api/pages/p/revisions?limit=1&before=3');
    expect(paged.json.revisions.map((x: { number: number }) => x.number)).toEqual([2]);
  });

  it('returns one revision with its markdown and HTML; 404 and 400 for bad numbers', async () => {
    const { t, v1 } = await pageWithHistory();
    const r = await t.request('GET', '/api/pages/p/revisions/1');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      number: 1,
      title: 'Page',
      markdown: v1,
      summary: 'création',
      author: { name: 'Test contributor' },
    });
    expect(r.json.html).toContain('<p>La gouvernance est partagée.');
    expect((await t.request('GET', '/api/pages/p/revisions/9')).status).toBe(404);
    const bad = await t.request('GET', '/api/pages/p/revisions/abc');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('revision');
  });

  it('diffs two revisions by line, with word detail for changed line pairs', async () => {
    const { t } = await pageWithHistory();
    const r = await t.request('GET', '/api/pages/p/diff?from=1&to=2');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ from: 1, to: 2, title: { from: 'Page', to: 'Page' } });
    const ops = r.json.hunks.map((h: { op: string }) => h.op);
    expect(ops).toEqual(['equal', 'replace', 'equal', 'insert']);
    const replace = r.json.hunks[1].lines;
    expect(replace[0]).toMatchObject({
      op: 'delete',
      text: 'La gouvernance est partagée.',
      oldNumber: 3,
    });
    expect(replace[1]).toMatchObject({
      op: 'insert',
      text: 'La gouvernance est vraiment partagée.',
      newNumber: 3,
    });
    expect(replace[1].words).toEqual([
      { op: 'equal', text: 'La gouvernance est ' },
      { op: 'insert', text: 'vraiment ' },
      { op: 'equal', text: 'partagée.' },
    ]);
    expect(replace[0].words).toEqual([{ op: 'equal', text: 'La gouvernance est partagée.' }]);
    expect(r.json.hunks[3].lines).toEqual([
      { op: 'insert', text: 'Nouvelle ligne.', newNumber: 5 },
    ]);
    // Any two revisions, in either order; defaults to the last change.
    const back = await t.request('GET', '/api/pages/p/diff?from=3&to=1');
    expect(back.status).toBe(200);
    expect(back.json.title).toEqual({ from: 'Page renommée', to: 'Page' });
    const last = await t.request('GET', '/api/pages/p/diff');
    expect(last.json).toMatchObject({ from: 2, to: 3 });
    const first = await t.request('GET', '/api/pages/p/diff?from=0&to=1');
    expect(first.json.hunks).toHaveLength(1);
    expect(first.json.hunks[0].op).toBe('insert');
    const bad = await t.request('GET', '/api/pages/p/diff?from=1&to=7');
    expect(bad.status).toBe(400);
    expect(bad.json.error.field).toBe('to');
    expect((await t.request('GET', '/api/pages/p/diff?from=x')).status).toBe(400);
  });

  it('reverts to an old revision as a new revision, deleting nothing', async () => {
    const { t, v1 } = await pageWithHistory();
    const r = await t.request('POST', '/api/pages/p/revert', {
      as: 'contributor',
      body: { revision: 1, baseRevision: 3 },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ revision: 4, markdown: v1, title: 'Page' });
    const revs = (await t.request('GET', '/api/pages/p/revisions')).json.revisions;
    expect(revs.map((x: { number: number }) => x.number)).toEqual([4, 3, 2, 1]);
    expect(revs[0].summary).toBe('Révocation vers la révision 1');
    const stale = await t.request('POST', '/api/pages/p/revert', {
      as: 'contributor',
      body: { revision: 2, baseRevision: 3 },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.currentRevision).toBe(4);
    expect(stale.json.error.current.revision).toBe(4);
    const custom = await t.request('POST', '/api/pages/p/revert', {
      as: 'contributor',
      body: { revision: 2, summary: 'retour' },
    });
    expect(custom.json.revision).toBe(5);
    expect((await t.request('GET', '/api/pages/p/revisions')).json.revisions[0].summary).toBe(
      'retour',
    );
    expect(
      (
        await t.request('POST', '/api/pages/p/revert', {
          as: 'contributor',
          body: { revision: 99 },
        })
      ).status,
    ).toBe(404);
    expect(
      (await t.request('POST', '/api/pages/p/revert', { as: 'contributor', body: { revision: 0 } }))
        .status,
    ).toBe(400);
  });
});

describe('diff algorithm', () => {
  /** Length of the longest common subsequence, by dynamic programming (the reference). */
  function lcs(a: number[], b: number[]): number {
    const dp = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        dp[i][j] =
          a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
    return dp[a.length][b.length];
  }

  it('finds a minimal script that rebuilds the new sequence (random cases)', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const a = Array.from({ length: rand(30) }, () => rand(5));
      const b = Array.from({ length: rand(30) }, () => rand(5));
      const ops = diffSequences(a, b);
      const rebuilt: number[] = [];
      let equal = 0;
      let ai = 0;
      for (const o of ops) {
        if (o.op === 'equal') {
          expect(a.slice(o.aStart, o.aStart + o.count)).toEqual(
            b.slice(o.bStart, o.bStart + o.count),
          );
          rebuilt.push(...a.slice(o.aStart, o.aStart + o.count));
          equal += o.count;
        } else if (o.op === 'insert') rebuilt.push(...b.slice(o.bStart, o.bStart + o.count));
        if (o.op !== 'insert') {
          expect(o.aStart).toBe(ai);
          ai += o.count;
        }
      }
      expect(ai).toBe(a.length);
      expect(rebuilt).toEqual(b);
      expect(equal).toBe(lcs(a, b));
    }
  });

  it('stays bounded on two unrelated large texts', () => {
    const a = Array.from({ length: 20000 }, (_, i) => `ancienne ligne ${i}`).join('\n');
    const b = Array.from({ length: 20000 }, (_, i) => `nouvelle ligne ${i}`).join('\n');
    const hunks = diffTexts(a, b);
    const lines = hunks.flatMap((h) => h.lines);
    expect(lines.filter((l) => l.op === 'delete')).toHaveLength(20000);
    expect(lines.filter((l) => l.op === 'insert')).toHaveLength(20000);
  });
});
