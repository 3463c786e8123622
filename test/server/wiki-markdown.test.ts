import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';

/** Saves a page as a contributor and returns its rendered HTML (read back with a GET). */
async function rendered(markdown: string, slug = 'essai') {
  const t = await testApp();
  const put = await t.request('PUT', `/api/pages/${slug}`, {
    as: 'contributor',
    body: { title: 'Essai', markdown },
  });
  expect(put.status).toBe(201);
  const get = await t.request('GET', `/api/pages/${slug}`);
  expect(get.status).toBe(200);
  return get.json.html as string;
}

const SAFE_URL = /^(?:https?:|mailto:|\/|#|\.|[^:/?#]*(?:[/?#]|$))/i;

/** Asserts that no tag, attribute or URL in the HTML can run script. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(?:iframe|object|embed|svg|math|style|form|base|meta|link)\b/i);
  // No event handler attribute inside any tag (quoted attribute values are text, not attributes).
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    const attrs = tag.replace(/"[^"]*"/g, '""');
    expect(attrs).not.toMatch(/\son[a-z]+\s*=/i);
    expect(attrs).not.toMatch(/\sstyle\s*=/i);
  }
  for (const [, , url] of html.matchAll(/\s(href|src)="([^"]*)"/gi)) {
    const decoded = url.replace(/&amp;/g, '&').replace(/[\u0000-\u0020]/g, '');
    expect(decoded, `unsafe URL ${url}`).toMatch(SAFE_URL);
    expect(decoded).not.toMatch(/^(?:javascript|vbscript|data|file):/i);
  }
}

describe('wiki markdown rendering', () => {
  it('renders raw HTML as text: script tags, event attributes, HTML blocks', async () => {
    const html = await rendered(
      [
        '<script>alert(1)</script>',
        '',
        '<div onclick="alert(1)">bloc</div>',
        '',
        'inline <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">x</a>',
        '',
        '<iframe src="https://evil.example"></iframe>',
        '<svg onload=alert(1)>',
        '<style>body{display:none}</style>',
      ].join('\n'),
    );
    expectInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;div onclick=&quot;alert(1)&quot;&gt;');
  });

  it('makes javascript:, vbscript: and data: links inert, including obfuscated ones', async () => {
    const attempts = [
      '[a](javascript:alert(1))',
      '[b](JaVaScRiPt:alert(1))',
      '[c](jav&#x61;script:alert(1))',
      '[d](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
      '[e](<java\tscript:alert(1)>)',
      '[f](<javascript&colon;alert(1)>)',
      '[g](vbscript:msgbox(1))',
      '[h](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[i](  javascript:alert(1)  )',
      '<javascript:alert(1)>',
      '[j][ref]\n\n[ref]: javascript:alert(1)',
      '[k](%6Aavascript:alert(1))',
      '[l](file:///etc/passwd)',
    ];
    const html = await rendered(attempts.join('\n\n'));
    expectInert(html);
    expect(html).not.toMatch(/href="[^"]*script:/i);
  });

  it('refuses every data: URL for images, and keeps https images', async () => {
    const html = await rendered(
      [
        '![png](data:image/png;base64,iVBORw0KGgo=)',
        '![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
        '![js](javascript:alert(1))',
        '![ok](https://example.org/photo.jpg "Photo")',
      ].join('\n\n'),
    );
    expectInert(html);
    expect(html).not.toMatch(/src="data:/);
    expect(html.match(/<img/g)).toHaveLength(1);
    expect(html).toContain(
      '<img src="https://example.org/photo.jpg" alt="ok" title="Photo" loading="lazy">',
    );
  });

  it('keeps safe links: https, mailto, relative and anchors; autolinks bare URLs', async () => {
    const html = await rendered(
      '[site](https://example.org) [mail](mailto:contact@example.org) [rel](/wiki/accueil) [ancre](#h-titre)\n\nVoir https://tiers-lieux.example.org/guide ou écrire à contact@tiers-lieux.example.org',
    );
    expectInert(html);
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('href="mailto:contact@example.org"');
    expect(html).toContain('<a href="/wiki/accueil">rel</a>');
    expect(html).toContain('<a href="#h-titre">ancre</a>');
    expect(html).toContain('href="https://tiers-lieux.example.org/guide"');
    expect(html).toContain(
      '<a href="mailto:contact@tiers-lieux.example.org">contact@tiers-lieux.example.org</a>',
    );
    expect(html).toMatch(/rel="nofollow ugc noopener"/);
  });

  it('links bare www. addresses over https and plain e-mail addresses, never inside code', async () => {
    const html = await rendered(
      [
        'Voir www.tierslieux.fr, WWW.Exemple.ORG/agenda?mois=5#ateliers. (www.fablab.example.fr) ou écrire à contact@tierslieux.fr.',
        '',
        'Code : `www.code.fr` et `ecrire@code.fr`',
        '',
        '```',
        'www.bloc.fr ecrire@bloc.fr',
        '```',
        '',
        '    www.indent.fr',
        '',
        '[déjà un lien](https://example.org) [www.texte-de-lien.fr](https://example.org/autre) http://www.avec-schema.fr/x',
        '',
        'Pas des adresses : wwwx.fr www.fr fichier.www.txt',
      ].join('\n'),
    );
    expectInert(html);
    expect(html).toContain(
      '<a href="https://www.tierslieux.fr" rel="nofollow ugc noopener" class="external">www.tierslieux.fr</a>,',
    );
    // Trailing punctuation stays out of the link; query and fragment stay in.
    expect(html).toContain('href="https://WWW.Exemple.ORG/agenda?mois=5#ateliers" rel=');
    expect(html).toContain('>WWW.Exemple.ORG/agenda?mois=5#ateliers</a>.');
    expect(html).toContain(
      '(<a href="https://www.fablab.example.fr" rel="nofollow ugc noopener" class="external">www.fablab.example.fr</a>)',
    );
    expect(html).toContain('<a href="mailto:contact@tierslieux.fr">contact@tierslieux.fr</a>.');
    // Nothing is linked inside code spans, fenced blocks or indented code.
    expect(html).toContain('<code>www.code.fr</code>');
    expect(html).toContain('<code>ecrire@code.fr</code>');
    expect(html).toContain('www.bloc.fr ecrire@bloc.fr\n</code></pre>');
    expect(html).toContain('<code>www.indent.fr\n</code>');
    expect(html).not.toMatch(/href="[^"]*(?:code|bloc|indent)\.fr/);
    // A link's own text is not linked again; a URL with a scheme keeps its scheme.
    expect(html).toContain('>www.texte-de-lien.fr</a>');
    expect(html.match(/www\.texte-de-lien\.fr/g)).toHaveLength(1);
    expect(html).toContain('href="http://www.avec-schema.fr/x"');
    expect(html).not.toContain('https://www.avec-schema.fr');
    expect(html).toContain('Pas des adresses : wwwx.fr www.fr fichier.www.txt</p>');
  });

  it('keeps HTML-looking text around a www. address inert', async () => {
    const html = await rendered(
      [
        'www.piege.fr/"onmouseover="alert(1)" et www.piege.fr<script>alert(1)</script>',
        '',
        '<a href="javascript:alert(1)">www.piege.fr</a> <www.piege.fr> javascript:www.piege.fr',
        '',
        "www.piege.fr/'><img src=x onerror=alert(1)>",
      ].join('\n'),
    );
    expectInert(html);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(1)&quot;&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    // Every href the text produced is an https link to the host that was written.
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/www\.piege\.fr(?:[/?#]|$)/);
  });

  it('escapes attribute breakouts in titles and wiki links', async () => {
    const html = await rendered(
      '[x](https://example.org "a\\" onmouseover=\\"alert(1)") [[Page "><img src=x onerror=alert(1)>]] [[a|<b onclick=x>lien</b>]]',
    );
    expectInert(html);
    expect(html).toContain('&quot;');
  });

  it('renders tables, task lists as disabled checkboxes, and unique heading ids', async () => {
    const html = await rendered(
      [
        '# Gouvernance partagée',
        '## Rôles',
        '## Rôles',
        '',
        '| Instance | Rythme |',
        '|---|---|',
        '| Collège | mensuel |',
        '',
        '- [ ] rédiger le règlement',
        '- [x] former les référents',
        '- simple item',
      ].join('\n'),
    );
    expect(html).toContain('<h1 id="h-gouvernance-partagee">');
    expect(html).toContain('<h2 id="h-roles">');
    expect(html).toContain('<h2 id="h-roles-2">');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>Collège</td>');
    expect(html).toContain('<ul class="contains-task-list">');
    expect(html).toContain(
      '<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled> rédiger le règlement</li>',
    );
    expect(html).toContain(
      '<input class="task-list-item-checkbox" type="checkbox" disabled checked> former les référents',
    );
    expect(html).toContain('<li>simple item</li>');
  });

  it('renders wiki links by title and by slug with a label; not inside code', async () => {
    const html = await rendered(
      "Voir [[Modèle économique d'un tiers-lieu]], [[gouvernance-partagee|nos instances]], [[Gouvernance partagée#Les instances]] et `[[pas un lien]]`.",
    );
    expect(html).toContain(
      '<a class="wikilink missing" href="/wiki/modele-economique-d-un-tiers-lieu">Modèle économique d\'un tiers-lieu</a>',
    );
    expect(html).toContain(
      '<a class="wikilink missing" href="/wiki/gouvernance-partagee">nos instances</a>',
    );
    expect(html).toContain('href="/wiki/gouvernance-partagee#h-les-instances"');
    expect(html).toContain('<code>[[pas un lien]]</code>');
  });

  it('takes [[Catégorie:…]] out of the text and into the categories', async () => {
    const t = await testApp();
    const put = await t.request('PUT', '/api/pages/essai', {
      as: 'contributor',
      body: {
        title: 'Essai',
        markdown:
          'Du texte [[Category:Économie]] ici.\n\n[[Catégorie:gouvernance]] [[Catégorie:Guides]]\n\nLien : [[:Catégorie:Guides|les guides]]',
        categories: ['Outils'],
      },
    });
    expect(put.status).toBe(201);
    expect(put.json.categories).toEqual(['Gouvernance', 'Guides', 'Outils', 'Économie']);
    expect(put.json.html).not.toContain('Catégorie:');
    expect(put.json.html).not.toContain('Category:');
    expect(put.json.html).toContain('<p>Du texte  ici.</p>');
    expect(put.json.html).toContain(
      '<a class="categorylink" href="/category/Guides">les guides</a>',
    );
    // The explicit category stays when the body changes; body categories follow the body.
    const next = await t.request('PUT', '/api/pages/essai', {
      as: 'contributor',
      body: { title: 'Essai', markdown: 'Plus de catégorie dans le texte.', baseRevision: 1 },
    });
    expect(next.json.categories).toEqual(['Outils']);
  });
});
