import { describe, expect, it } from 'vitest';
import { convertWikitext, type WikitextContext } from '../../server/mediawiki/wikitext.js';
import { WikiServices } from '../../registry/wiki/services.js';

const NAMES = new Map([
  ['catégorie', 14],
  ['category', 14],
  ['fichier', 6],
  ['file', 6],
  ['média', -2],
  ['modèle', 10],
  ['utilisateur', 2],
  ['discussion', 1],
]);
const ctx = (extra: Partial<WikitextContext> = {}): WikitextContext => ({
  title: 'Guide',
  namespaceOf: (p) => NAMES.get(p.toLowerCase()),
  importedNamespaces: new Set([0]),
  templates: new Map(),
  fileUrl: (name) => `/files/${encodeURIComponent(name.replace(/ /g, '_'))}`,
  ...extra,
});
const md = (wikitext: string, extra?: Partial<WikitextContext>) =>
  convertWikitext(wikitext, ctx(extra)).markdown;
const html = (markdown: string) => new WikiServices().preview(markdown);

describe('wikitext to markdown (French pages)', () => {
  it('converts headings, bold and italic, including quotes MediaWiki leaves open at the end of a line', () => {
    expect(md("== Gouvernance ==\n=== Statuts ===\nLe '''tiers-lieu''' est ''ouvert''.")).toBe(
      '## Gouvernance\n\n### Statuts\n\nLe **tiers-lieu** est *ouvert*.',
    );
    expect(md("'''''les deux''''' et ''' gras avec espaces ''' puis ''non fermé")).toBe(
      '***les deux*** et  **gras avec espaces**  puis *non fermé*',
    );
  });

  it('nests bullet and numbered lists, and turns definition lists and indents into lists and quotes', () => {
    expect(md('* un\n** deux\n*# trois\n# premier\n## second')).toBe(
      '- un\n  - deux\n  1. trois\n1. premier\n   1. second',
    );
    expect(md('; Fablab : atelier\n; Ressourcerie\n: réemploi')).toBe(
      '**Fablab**\n> atelier\n\n**Ressourcerie**\n> réemploi',
    );
    expect(md(': une note\n:: plus loin')).toBe('> une note\n> > plus loin');
  });

  it('renders definition lists as a bold term with its definitions indented below, not as bullets', () => {
    const out = md(
      "Les mots du réseau :\n; Tiers-lieu : lieu hybride ouvert aux habitants\n; Ressourcerie\n: collecte d'objets\n: réemploi et vente à petit prix\n\nLa suite du texte.",
    );
    expect(out).toBe(
      "Les mots du réseau :\n\n**Tiers-lieu**\n> lieu hybride ouvert aux habitants\n\n**Ressourcerie**\n> collecte d'objets\n>\n> réemploi et vente à petit prix\n\nLa suite du texte.",
    );
    const rendered = html(out);
    expect(rendered).toContain(
      '<p><strong>Tiers-lieu</strong></p>\n<blockquote>\n<p>lieu hybride ouvert aux habitants</p>\n</blockquote>',
    );
    expect(rendered).toContain("<p>collecte d'objets</p>\n<p>réemploi et vente à petit prix</p>");
    expect(rendered).not.toContain('<li>');
    expect(rendered).toContain('<p>La suite du texte.</p>');
  });

  it('keeps the numbers of ordered lists: a sub-item does not restart the count, <ol start> and <li value> are kept', () => {
    const steps = md(
      "# Réunir le collectif\n# Écrire les statuts\n## choisir la forme (association, SCIC)\n## rédiger l'objet\n# Déposer en préfecture\n#: avec le procès-verbal\n# Ouvrir un compte",
    );
    expect(steps).toBe(
      "1. Réunir le collectif\n2. Écrire les statuts\n   1. choisir la forme (association, SCIC)\n   2. rédiger l'objet\n3. Déposer en préfecture\n   - avec le procès-verbal\n4. Ouvrir un compte",
    );
    expect(html(steps)).toMatch(
      /<ol>\n<li>Réunir le collectif<\/li>\n<li>Écrire les statuts\n<ol>/,
    );
    // Ten items and more: a sub-list is indented under the wider marker.
    const long = md(
      `${Array.from({ length: 10 }, (_, k) => `# étape ${k + 1}`).join('\n')}\n## détail`,
    );
    expect(long.split('\n').slice(-2)).toEqual(['10. étape 10', '    1. détail']);
    expect(html(long)).toContain('<li>étape 10\n<ol>\n<li>détail</li>');

    const html5 = md(
      'Suite de la procédure :\n<ol start="5">\n<li>Convoquer l\'assemblée</li>\n<li>Voter le budget</li>\n<li value="9">Clore la séance</li>\n</ol>',
    );
    expect(html5).toBe(
      "Suite de la procédure :\n\n5. Convoquer l'assemblée\n6. Voter le budget\n9. Clore la séance",
    );
    expect(html(html5)).toContain('<ol start="5">');
    expect(md('<ul><li>café</li><li>atelier</li></ul>')).toBe('- café\n- atelier');
  });

  it('keeps a nested table: the cell points to it and it follows the outer table, numbered', () => {
    const out = md(
      '{| class="wikitable"\n! Lieu !! Horaires\n|-\n| La Coop des Communs\n|\n{| class="wikitable"\n|+ Semaine\n! Jour !! Heures\n|-\n| lundi || 9 h – 18 h\n|-\n| samedi || fermé\n|}\n|-\n| Le Hangar || sur rendez-vous\n|}',
    );
    expect(out).toBe(
      '| Lieu | Horaires |\n| --- | --- |\n| La Coop des Communs | → tableau 1 |\n| Le Hangar | sur rendez-vous |\n\n' +
        '*Tableau 1*\n\n*Semaine*\n\n| Jour | Heures |\n| --- | --- |\n| lundi | 9 h – 18 h |\n| samedi | fermé |',
    );
    const c = convertWikitext('{|\n| a\n|\n{|\n| b\n|}\n|}', ctx());
    expect(c.problems).toEqual([]);
    expect(html(out)).toContain('<td>lundi</td>');
    expect(html(out).match(/<table>/g)).toHaveLength(2);
  });

  it('turns {| |} tables into markdown tables, cell attributes dropped, pipes escaped', () => {
    const out = md(
      '{| class="wikitable"\n|+ Lieux\n! Région !! Lieux\n|-\n| style="x" | Bretagne || 95\n|-\n| a <nowiki>|</nowiki> b || [[Lille|la ville]]\n|}',
    );
    expect(out).toBe(
      '*Lieux*\n\n| Région | Lieux |\n| --- | --- |\n| Bretagne | 95 |\n| a \\| b | [[Lille\\|la ville]] |',
    );
    expect(html(out)).toContain('<td>a | b</td>');
    expect(html(out)).toContain('<a class="wikilink" href="/wiki/lille">la ville</a>');
  });

  it('converts internal links with label, section, link trail, subpages, and drops links to namespaces not imported', () => {
    expect(md('[[Guide/Gouvernance#Statuts|statuts]] et [[tiers-lieu]]x')).toBe(
      '[[Guide/Gouvernance#Statuts|statuts]] et [[Tiers-lieu|tiers-lieux]]',
    );
    expect(
      md(
        '[[/Statuts]] et [[Utilisateur:Margot|Margot]] et [[:Catégorie:Tiers-lieux|la catégorie]]',
      ),
    ).toBe('[[Guide/Statuts|Statuts]] et Margot et [[:Catégorie:Tiers-lieux|la catégorie]]');
    const rendered = html(md('[[Guide/Gouvernance#Statuts|statuts]]'));
    expect(rendered).toContain('href="/wiki/guide-gouvernance#h-statuts"');
  });

  it('converts external links, categories, files and footnotes', () => {
    const c = convertWikitext(
      'Voir [https://movilab.example/rapport le \'\'rapport\'\'] et [https://exemple.org].<ref name="a">Source.</ref> Encore<ref name="a" />.\n' +
        '[[Fichier:Coop façade.jpg|vignette|droite|alt=Façade en brique|La façade]]\n<references />\n[[Catégorie:Tiers-lieux|Coop]]',
      ctx(),
    );
    expect(c.markdown).toBe(
      'Voir [le *rapport*](<https://movilab.example/rapport>) et <https://exemple.org>.[^1] Encore[^1].\n' +
        '![Façade en brique](</files/Coop_fa%C3%A7ade.jpg> "La façade")\n\n[[Catégorie:Tiers-lieux]]\n\n[^1]: Source.',
    );
    expect(c.files).toEqual(['Coop façade.jpg']);
    const rendered = html(c.markdown);
    expect(rendered).toContain(
      '<img src="/files/Coop_fa%C3%A7ade.jpg" alt="Façade en brique" title="La façade" loading="lazy">',
    );
    expect(rendered).toContain('class="footnotes"');
  });

  it('keeps <nowiki> literal, drops comments and magic words, and reduces raw HTML to its text (never rendered as HTML)', () => {
    const out = md(
      "__NOTOC__ __SANSTDM__\n<nowiki>[[pas un lien]] et ''pas d'italique''</nowiki> <!-- caché -->\n" +
        '<div class="x" onclick="alert(1)">Texte <b>gras</b> <span style="color:red">rouge</span></div> <script>alert(1)</script>',
    );
    expect(out).toBe(
      "\\[\\[pas un lien\\]\\] et ''pas d'italique''\nTexte **gras** rouge \\<script\\>alert(1)\\</script\\>",
    );
    const rendered = html(out);
    expect(rendered).not.toContain('<script');
    expect(rendered).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(rendered).not.toContain('onclick');
    expect(rendered).toContain('[[pas un lien]]');
  });

  it('keeps code and preformatted text literal', () => {
    expect(md('<pre>a < b && [[x]]</pre>')).toBe('```\na < b && [[x]]\n```');
    expect(md(' indenté\n ligne 2')).toBe('```\nindenté\nligne 2\n```');
    expect(md('<code>x_1 * 2</code>')).toBe('`x_1 * 2`');
    expect(md('<syntaxhighlight lang="js">let a = [1];</syntaxhighlight>')).toBe(
      '```js\nlet a = [1];\n```',
    );
  });

  it('escapes markdown characters of plain text so the page reads as on the wiki', () => {
    const out = md('5 * 3 = 15, mot_clé, <3 et # pas un titre\n- pas une liste');
    expect(html(out)).toContain('5 * 3 = 15, mot_clé, &lt;3 et # pas un titre\n- pas une liste');
  });

  it('reads redirects with the English or the localised keyword', () => {
    expect(convertWikitext('#REDIRECTION [[Tiers-lieu]]', ctx()).redirect).toBe('Tiers-lieu');
    expect(convertWikitext('#redirect[[Tiers_lieu#Section]]', ctx()).redirect).toBe(
      'Tiers lieu#Section',
    );
    expect(convertWikitext('# pas une redirection', ctx()).redirect).toBeNull();
  });

  it('maps an infobox template to fields, keeps unmapped templates visible as written, and drops sort keys', () => {
    const c = convertWikitext(
      '{{Lieu\n|nom=La [[Coop]]\n|ville=Lille\n|code postal=59000\n}}\n{{Ébauche}} Texte {{lang|en|open}}.\n{{DEFAULTSORT:Coop}}\n{{Boîte\n|a=1\n}}',
      ctx({
        templates: new Map([['Lieu', { kind: 'lieu', fields: { 'code postal': 'codePostal' } }]]),
      }),
    );
    expect(c.fields).toEqual({
      template: 'Lieu',
      kind: 'lieu',
      fields: { nom: 'La Coop', ville: 'Lille', codePostal: '59000' },
    });
    expect(c.markdown).toBe(
      '`{{Ébauche}}` Texte `{{lang|en|open}}`.\n\n```wikitext\n{{Boîte\n|a=1\n}}\n```',
    );
    expect(c.unmappedTemplates).toEqual(['Ébauche', 'Lang', 'Boîte']);
  });
});
