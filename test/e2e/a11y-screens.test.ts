import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, NO_BROWSER } from '../helpers/browser.js';
import {
  startA11yFixture,
  TILE_HOSTS,
  type A11yData,
  type A11yFixture,
  type Viewer,
} from '../helpers/a11y-fixture.js';
import {
  auditPage,
  blocking,
  IMPACTS,
  type RuleViolation,
  type ScreenAudit,
} from '../helpers/a11y-report.js';
import { WCAG_TAGS } from '../helpers/axe.js';

/**
 * axe-core's WCAG 2.1 A/AA rules on every screen of the application, in Chromium, on the demo
 * content, as each kind of visitor sees it. A serious or critical violation fails the suite.
 * Each screen is audited twice for colour contrast: light and dark colour scheme (emulated).
 *
 * The run's figures are the accessibility statement's (/accessibilite): they are committed in
 * client/public/accessibility/results.json, and this suite fails when that file is not what the
 * run found. `npm run a11y:report` rewrites it.
 */

/** One screen to audit. */
interface Screen {
  /** Stable id (the results file's key, with the viewer). */
  id: string;
  /** What the statement calls it (French, as the statement lists the pages checked). */
  label: string;
  /** Its address (a function when it needs ids made by the fixture). */
  path: string | ((d: A11yData) => string);
  /** Who looks at it: one audit per viewer (where what they see differs). */
  as: Viewer[];
  /** A selector (piercing shadow roots) that shows the screen is loaded. */
  ready: string;
  /** What to do after loading (open a panel, submit a form), then wait for `then` if given. */
  act?: (page: Page) => Promise<void>;
  /** HTTP statuses this screen answers on purpose (404 pages). */
  expect?: number[];
}

// Other features add their screens here, one line each.
const SCREENS: Screen[] = [
  {
    id: 'home',
    label: 'Accueil',
    path: '/',
    as: ['anonymous', 'contributor'],
    ready: 'lc-home h1',
  },
  {
    id: 'wiki-page',
    label: 'Page du wiki',
    path: '/wiki/gouvernance-partagee',
    as: ['anonymous', 'reader', 'facilitator'],
    ready: 'lc-page-view lc-wiki-content h2',
  },
  {
    id: 'wiki-missing',
    label: 'Page du wiki inexistante',
    path: '/wiki/page-qui-n-existe-pas',
    as: ['anonymous'],
    ready: 'lc-page-view h1',
    expect: [404],
  },
  {
    id: 'coeditor',
    label: 'Co-éditeur (barre d’outils)',
    path: '/wiki/gouvernance-partagee/edit',
    as: ['contributor'],
    ready: 'lc-collab-editor [data-testid="collab-status"][data-status="connected"]',
  },
  {
    id: 'coeditor-properties',
    label: 'Co-éditeur, panneau des propriétés',
    path: '/wiki/gouvernance-partagee/edit',
    as: ['contributor'],
    ready: 'lc-collab-editor [data-testid="collab-status"][data-status="connected"]',
    act: async (page) => {
      await page.locator('lc-collab-editor [data-testid="collab-props"] summary').click();
      await page.locator('lc-collab-editor #prop-title').waitFor();
    },
  },
  {
    id: 'coeditor-reader',
    label: 'Co-éditeur en lecture seule',
    path: '/wiki/gouvernance-partagee/edit',
    as: ['reader'],
    ready: 'lc-collab-editor .cm-content',
  },
  {
    id: 'form-editor',
    label: 'Éditeur simple',
    path: '/wiki/gouvernance-partagee/edit?mode=form',
    as: ['contributor'],
    ready: 'lc-page-editor textarea',
  },
  {
    id: 'history',
    label: 'Historique d’une page',
    path: '/wiki/accueil/history',
    as: ['anonymous'],
    ready: 'lc-page-history li',
  },
  {
    id: 'diff',
    label: 'Différences entre deux versions',
    path: '/wiki/accueil/diff?from=1&to=2',
    as: ['anonymous'],
    ready: 'lc-page-diff [data-testid="diff"]',
  },
  {
    id: 'revision',
    label: 'Ancienne version d’une page',
    path: '/wiki/accueil/revisions/1',
    as: ['anonymous'],
    ready: 'lc-revision-view lc-wiki-content h2',
  },
  {
    id: 'recent',
    label: 'Modifications récentes',
    path: '/recent',
    as: ['anonymous'],
    ready: 'lc-recent-changes li',
  },
  {
    id: 'journal',
    label: 'Journal',
    path: '/special/journal',
    as: ['anonymous'],
    ready: 'lc-wiki-log h1',
  },
  {
    id: 'special',
    label: 'Pages spéciales',
    path: '/special',
    as: ['anonymous'],
    ready: 'lc-special-list h1',
  },
  {
    id: 'special-wanted',
    label: 'Pages à créer',
    path: '/special/wanted',
    as: ['anonymous'],
    ready: 'lc-special-list li',
  },
  {
    id: 'special-categories',
    label: 'Catégories',
    path: '/special/categories',
    as: ['anonymous'],
    ready: 'lc-special-list li',
  },
  {
    id: 'category',
    label: 'Page de catégorie',
    path: '/category/Gouvernance',
    as: ['anonymous'],
    ready: 'lc-category-page li',
  },
  {
    id: 'deleted-pages',
    label: 'Pages supprimées',
    path: '/special/pages-supprimees',
    as: ['facilitator'],
    ready: 'lc-deleted-pages h1',
  },
  {
    id: 'search',
    label: 'Recherche',
    path: '/search?q=gouvernance',
    as: ['anonymous'],
    ready: 'lc-search-page li',
  },
  {
    id: 'registry',
    label: 'Registre des communs',
    path: '/communs',
    as: ['anonymous'],
    ready: 'lc-registry-browse lc-resource-card article',
  },
  {
    id: 'resource',
    label: 'Fiche d’un commun',
    path: '/communs/paheko',
    as: ['anonymous', 'facilitator'],
    ready: 'lc-resource-page [data-testid="people"] article',
  },
  {
    id: 'resource-form',
    label: 'Proposer un commun',
    path: '/communs/new',
    as: ['contributor'],
    ready: 'lc-resource-form #name',
  },
  {
    id: 'places',
    label: 'Annuaire et carte des lieux',
    path: '/lieux',
    as: ['anonymous'],
    ready: 'lc-places-directory [data-testid="places-list"] li',
  },
  {
    id: 'place',
    label: 'Fiche d’un lieu',
    path: '/lieux/la-fabrique-du-beffroi',
    as: ['anonymous'],
    ready: 'lc-place-page h1',
  },
  {
    id: 'people',
    label: 'Annuaire des personnes',
    path: '/personnes',
    as: ['anonymous', 'facilitator'],
    ready: 'lc-people-directory lc-person-card article',
  },
  {
    id: 'person',
    label: 'Fiche d’une personne',
    path: '/personnes/nadia-benali',
    as: ['anonymous'],
    ready: 'lc-person-page h1',
  },
  {
    id: 'contact-dialog',
    label: 'Fenêtre « Contacter »',
    path: '/personnes/nadia-benali',
    as: ['anonymous'],
    ready: 'lc-person-page h1',
    act: async (page) => {
      await page.locator('lc-person-page lc-contact-person button[data-testid="contact"]').click();
      await page.locator('lc-person-page lc-contact-person textarea[name="message"]').waitFor();
    },
  },
  {
    id: 'switchyard',
    label: 'Gare d’aiguillage',
    path: '/aiguillage',
    as: ['anonymous'],
    ready: 'lc-switchyard textarea',
  },
  {
    id: 'switchyard-answer',
    label: 'Gare d’aiguillage, réponses',
    path: '/aiguillage',
    as: ['anonymous', 'reader'],
    ready: 'lc-switchyard textarea',
    act: async (page) => {
      await page
        .locator('lc-switchyard textarea')
        .fill(
          'Nous cherchons un logiciel libre pour la comptabilité et les adhésions de l’association.',
        );
      await page.locator('lc-switchyard button[type=submit]').click();
      await page.locator('[data-testid=sy-resource]').first().waitFor();
    },
  },
  {
    id: 'requests',
    label: 'Mes demandes',
    path: '/aiguillage/demandes',
    as: ['reader'],
    ready: 'lc-switchyard-requests [data-testid=sy-request-row]',
  },
  {
    id: 'queue',
    label: 'File des demandes',
    path: '/aiguillage/file',
    as: ['facilitator'],
    ready: 'lc-switchyard-requests [data-testid=sy-request-row]',
  },
  {
    id: 'missing',
    label: 'Communs manquants',
    path: '/aiguillage/manquants',
    as: ['facilitator'],
    ready: 'lc-switchyard-requests h1',
  },
  {
    id: 'request',
    label: 'Une demande',
    path: (d) => `/aiguillage/demandes/${d.requestId}`,
    as: ['reader', 'facilitator'],
    ready: 'lc-switchyard-request [data-testid=sy-status]',
  },
  {
    id: 'dashboard',
    label: 'Tableau de bord de l’aiguillage',
    path: '/aiguillage/tableau-de-bord',
    as: ['facilitator'],
    ready: 'lc-switchyard-dashboard [data-testid=sy-kpi-requests]',
  },
  {
    id: 'thesaurus',
    label: 'Champ lexical',
    path: '/aiguillage/champ-lexical',
    as: ['facilitator'],
    ready: 'lc-switchyard-thesaurus td',
  },
  {
    id: 'login',
    label: 'Connexion',
    path: '/login',
    as: ['anonymous'],
    ready: 'lc-login-form input[type=password]',
  },
  {
    id: 'register',
    label: 'Création de compte',
    path: '/register',
    as: ['anonymous'],
    ready: 'lc-register-form input[type=password]',
  },
  {
    id: 'new-page',
    label: 'Nouvelle page',
    path: '/new',
    as: ['contributor'],
    ready: 'lc-new-page input',
  },
  {
    id: 'not-found',
    label: 'Page introuvable (404)',
    path: '/adresse-inconnue',
    as: ['anonymous'],
    ready: 'lc-app main h1',
  },
  {
    id: 'permanences',
    label: 'Permanences d’expert·es',
    path: '/permanences',
    as: ['anonymous', 'facilitator'],
    ready: 'lc-permanences h1',
  },
  {
    id: 'events',
    label: 'Événements et carte',
    path: '/evenements',
    as: ['anonymous'],
    ready: 'lc-events-page h1',
  },
  {
    id: 'campaigns',
    label: 'Campagnes (Journées Portes Ouvertes)',
    path: '/campagnes',
    as: ['anonymous'],
    ready: 'lc-campaigns h1',
  },
  {
    id: 'files',
    label: 'Fichiers',
    path: '/fichiers',
    as: ['anonymous'],
    ready: 'lc-files-list h1',
  },
  {
    id: 'field-defs',
    label: 'Champs des fiches',
    path: '/special/champs',
    as: ['admin'],
    ready: 'lc-field-defs h1',
  },
  {
    id: 'inbox',
    label: 'Messages reçus',
    path: '/messages',
    as: ['facilitator'],
    ready: 'lc-inbox h1',
  },
  {
    id: 'security',
    label: 'Sécurité du compte',
    path: '/securite',
    as: ['contributor'],
    ready: 'lc-security-page h1',
  },
  {
    id: 'admin-accounts',
    label: 'Administration des comptes',
    path: '/admin/comptes',
    as: ['admin'],
    ready: 'lc-admin-accounts h1',
  },
  {
    id: 'audit-log',
    label: 'Journal de sécurité',
    path: '/admin/journal',
    as: ['admin'],
    ready: 'lc-audit-log h1',
  },
  {
    id: 'outbox',
    label: 'Courriels envoyés',
    path: '/admin/courriels',
    as: ['admin'],
    ready: 'lc-mail-outbox h1',
  },
  {
    id: 'mediawiki',
    label: 'Import MediaWiki',
    path: '/admin/mediawiki',
    as: ['admin'],
    ready: 'lc-mediawiki-imports h1',
  },
  {
    id: 'statement',
    label: 'Déclaration d’accessibilité',
    path: '/accessibilite',
    as: ['anonymous'],
    ready: 'lc-accessibility-statement [data-testid="a11y-results"]',
  },
];

/** What one screen, seen by one viewer, gave. */
interface ScreenResult {
  id: string;
  label: string;
  path: string;
  viewer: Viewer;
  passed: number;
  inapplicable: number;
  review: number;
  violations: Omit<RuleViolation, 'targets'>[];
  /** Colour-contrast violations with the dark colour scheme emulated. */
  darkContrast: Omit<RuleViolation, 'targets'>[];
}

/** The committed results file: what the accessibility statement shows. */
interface ResultsFile {
  format: 'lc-a11y-results/1';
  /** Day of the run that wrote the file (not compared). */
  generatedOn: string;
  /** Chromium's version in that run (not compared: it follows the machine). */
  browser: string;
  tool: string;
  tags: string[];
  /** Distinct axe-core rules run over all screens. */
  rules: number;
  totals: Record<(typeof IMPACTS)[number], number> & { screens: number; clean: number };
  screens: ScreenResult[];
}

const RESULTS_URL = new URL('../../client/public/accessibility/results.json', import.meta.url);
const WRITE = process.env.LC_A11Y_WRITE === '1';
const AXE_VERSION = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/axe-core/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;

let fixture: A11yFixture;
const results: ScreenResult[] = [];
const rulesRun = new Set<string>();

const strip = (vs: RuleViolation[]) => vs.map(({ targets: _t, ...v }) => v);

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  fixture = await startA11yFixture();
}, 120_000);

afterAll(async () => {
  await fixture?.close();
});

describe.skipIf(!HAS_CHROMIUM)(
  `axe-core on every screen${HAS_CHROMIUM ? '' : ` (${NO_BROWSER})`}`,
  () => {
    for (const screen of SCREENS) {
      for (const viewer of screen.as) {
        it(`${screen.id} (${viewer}): no serious or critical violation, light and dark`, async () => {
          const path = typeof screen.path === 'string' ? screen.path : screen.path(fixture.data);
          const { page, problems } = await fixture.open(viewer);
          await page.emulateMedia({ colorScheme: 'light' });
          await page.goto(path);
          await page.locator(screen.ready).first().waitFor();
          await screen.act?.(page);
          // Wait for what the screen loads after its first paint (lists, previews, map points).
          await page.waitForLoadState('networkidle');
          const light: ScreenAudit = await auditPage(page);
          await page.emulateMedia({ colorScheme: 'dark' });
          const dark: ScreenAudit = await auditPage(page, { rules: ['color-contrast'] });
          for (const r of light.rules) rulesRun.add(r);
          if (process.env.LC_A11Y_VERBOSE)
            console.log(
              screen.id,
              viewer,
              JSON.stringify([...light.violations, ...dark.violations], null, 1),
            );
          // Other rules to look at (best practices such as heading-order), printed only: LC_A11Y_RULES=heading-order,region
          if (process.env.LC_A11Y_RULES) {
            await page.emulateMedia({ colorScheme: 'light' });
            const extra = await auditPage(page, { rules: process.env.LC_A11Y_RULES.split(',') });
            console.log(screen.id, viewer, JSON.stringify(extra.violations));
          }
          results.push({
            id: screen.id,
            label: screen.label,
            path,
            viewer,
            passed: light.passed,
            inapplicable: light.inapplicable,
            review: light.review,
            violations: strip(light.violations),
            darkContrast: strip(dark.violations),
          });
          await page.close();
          expect({ light: blocking(light), dark: blocking(dark) }).toEqual({ light: [], dark: [] });
          const unexpected = [
            ...problems.console.filter((m) => !TILE_HOSTS.test(m)),
            ...problems.page,
            ...problems.http.filter(
              (h) =>
                !TILE_HOSTS.test(h) && !(screen.expect ?? []).some((s) => h.startsWith(`${s} `)),
            ),
          ];
          expect(unexpected).toEqual([]);
        }, 90_000);
      }
    }

    it('the committed results (client/public/accessibility/results.json) are what this run found', async () => {
      const count = SCREENS.reduce((n, s) => n + s.as.length, 0);
      const order = (r: ScreenResult) => `${r.id} ${r.viewer}`;
      const screens = [...results].sort((a, b) => order(a).localeCompare(order(b)));
      const totals = Object.fromEntries(
        IMPACTS.map((i) => [
          i,
          screens.reduce((n, s) => n + s.violations.filter((v) => v.impact === i).length, 0),
        ]),
      ) as ResultsFile['totals'];
      totals.screens = screens.length;
      totals.clean = screens.filter(
        (s) => s.violations.length === 0 && s.darkContrast.length === 0,
      ).length;
      const found: Omit<ResultsFile, 'generatedOn' | 'browser'> = {
        format: 'lc-a11y-results/1',
        tool: `axe-core ${AXE_VERSION}`,
        tags: WCAG_TAGS,
        rules: rulesRun.size,
        totals,
        screens,
      };
      if (WRITE && results.length === count) {
        const file: ResultsFile = {
          ...found,
          generatedOn: new Date().toISOString().slice(0, 10),
          browser: `Chromium ${fixture.session.browser.version()}`,
        };
        writeFileSync(RESULTS_URL, `${JSON.stringify(file, null, 2)}\n`);
      }
      let committed: Partial<ResultsFile> = {};
      try {
        committed = JSON.parse(readFileSync(RESULTS_URL, 'utf8')) as ResultsFile;
      } catch {
        // Missing or unreadable: reported as stale below.
      }
      expect(results.length, 'every screen was audited (run the whole file)').toBe(count);
      const { generatedOn: _d, browser: _b, ...compared } = committed;
      expect(
        compared,
        'client/public/accessibility/results.json is stale: run `npm run a11y:report` and commit it',
      ).toEqual(found);
    });
  },
);
