import { z } from 'zod';
import { FIELD_TYPES } from './fields.js';
import { SLUG_RE } from '../text/slug.js';

/*
 * What the wiki's routes answer, as zod schemas: the OpenAPI document is generated from them,
 * the routes check what they send against them (`satisfies`), the client takes its types from
 * them (`import type`). Plain zod, no HTTP import.
 */

const int = () => z.number().int();
const Label = z.object({ fr: z.string(), en: z.string() });

/** A field declared for a page kind. */
export const FieldDef = z
  .object({
    kind: z.string(),
    name: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    label: Label,
    type: z.enum(FIELD_TYPES),
    position: int(),
  })
  .meta({ id: 'FieldDef' });

/** GET /api/page-fields. */
export const FieldDefList = z.object({ fields: z.array(FieldDef) });
/** GET /api/page-fields. */
export type FieldDefList = z.infer<typeof FieldDefList>;

/** PUT /api/page-fields/{kind}: the kind's fields after the change. */
export const KindFieldDefs = z.object({ kind: z.string(), fields: z.array(FieldDef) });
/** PUT /api/page-fields/{kind}. */
export type KindFieldDefs = z.infer<typeof KindFieldDefs>;

/** A stored value: a string (text, date, link slug), a number, or a list of strings. */
export const FieldValue = z
  .union([z.string(), z.number(), z.array(z.string())])
  .describe(
    "text, date (YYYY-MM-DD) or link (the record's slug) as a string; number; list as an array",
  );

/** A field as a page shows it (its infobox): declaration, value and, for a link, the record. */
export const ShownField = z.object({
  name: z.string(),
  label: Label,
  type: z.enum(FIELD_TYPES),
  value: FieldValue,
  link: z
    .object({ slug: z.string(), name: z.string(), href: z.string() })
    .nullable()
    .optional()
    .describe('A link field: the record (null when it is gone or hidden)'),
});

/** GET /api/pages/{slug}/fields: fields with a value, in declared order. */
export const PageFields = z
  .object({ kind: z.string(), fields: z.array(ShownField) })
  .meta({ id: 'PageFields' });
/** GET /api/pages/{slug}/fields. */
export type PageFields = z.infer<typeof PageFields>;

/** PUT /api/pages/{slug}/fields: the page's fields after the write, and the revisions. */
export const PageFieldsWritten = PageFields.extend({
  revision: int().describe('The page revision now'),
  fieldsRevision: int()
    .nullable()
    .describe('The revision the change of values wrote (null: nothing changed)'),
});
/** PUT /api/pages/{slug}/fields. */
export type PageFieldsWritten = z.infer<typeof PageFieldsWritten>;

/** A user named by a page or a revision. */
export const UserRef = z.object({ id: int(), name: z.string() });
/** A user named by a page or a revision. */
export type UserRef = z.infer<typeof UserRef>;

/** A page named in a list: its slug and title. */
export const PageRef = z.object({ slug: z.string(), title: z.string() }).meta({ id: 'PageRef' });
/** A page named in a list. */
export type PageRef = z.infer<typeof PageRef>;

/** A wiki page as `GET /api/pages/{slug}` and the writes answer it. */
export const Page = z
  .object({
    slug: z.string(),
    title: z.string(),
    kind: z.string().meta({ examples: ['practice', 'guide'] }),
    markdown: z.string(),
    html: z
      .string()
      .describe(
        'Safe HTML (no raw HTML, only http/https/mailto/relative URLs). Wiki links are `<a class="wikilink" href="/wiki/slug">`, ' +
          'with class `missing` when the page does not exist; headings carry ids `h-…`; category links are not rendered inline.',
      ),
    revision: int(),
    categories: z
      .array(z.string())
      .describe('Explicit categories and [[Catégorie:…]] links, merged'),
    needsWork: z.string().nullable().describe('Why the page is flagged "à améliorer"'),
    referent: UserRef.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: UserRef.nullable(),
    backlinkCount: int().describe('Other pages linking here (self-links excluded)'),
  })
  .meta({ id: 'Page' });
/** A wiki page. */
export type Page = z.infer<typeof Page>;

/** A row of the page index (with its field values when the list is filtered by kind or field). */
export const PageListItem = z.object({
  slug: z.string(),
  title: z.string(),
  kind: z.string(),
  revision: int(),
  updatedAt: z.string(),
  fields: z
    .record(z.string(), FieldValue)
    .optional()
    .describe('With `kind` or field parameters only: the page’s field values'),
});
/** A row of the page index. */
export type PageListItem = z.infer<typeof PageListItem>;

/** GET /api/pages. */
export const PageList = z.object({ total: int(), pages: z.array(PageListItem) });
/** GET /api/pages. */
export type PageList = z.infer<typeof PageList>;

/** Imported from a MediaWiki: the author there (no account here). */
export const ImportedAuthor = z.object({
  name: z.string().nullable().describe('null for an IP or a suppressed user'),
  kind: z.enum(['user', 'ip', 'suppressed']),
});

/** One entry of a page's history. */
export const RevisionSummary = z
  .object({
    number: int(),
    title: z.string(),
    summary: z.string(),
    author: UserRef.nullable(),
    authors: z.array(UserRef),
    createdAt: z.string(),
    size: int().describe('Bytes (UTF-8)'),
    sizeDelta: int(),
    imported: ImportedAuthor.nullable().describe(
      'Imported from a MediaWiki: the author there, else null',
    ),
  })
  .meta({ id: 'RevisionSummary' });
/** One entry of a page's history. */
export type RevisionSummary = z.infer<typeof RevisionSummary>;

/** GET /api/pages/{slug}/revisions. */
export const RevisionList = z.object({ revisions: z.array(RevisionSummary) });
/** GET /api/pages/{slug}/revisions. */
export type RevisionList = z.infer<typeof RevisionList>;

/** GET /api/pages/{slug}/revisions/{n}: one revision, with its markdown and HTML. */
export const Revision = z.object({
  number: int(),
  title: z.string(),
  markdown: z.string(),
  html: z.string(),
  summary: z.string(),
  author: UserRef.nullable(),
  authors: z.array(UserRef),
  createdAt: z.string(),
});
/** One revision with its text. */
export type Revision = z.infer<typeof Revision>;

const DiffOp = z.enum(['equal', 'insert', 'delete']);
/** An operation of a diff. */
export type DiffOp = z.infer<typeof DiffOp>;

/** One line of a diff hunk, with word detail when it pairs with a changed line. */
export const DiffLine = z
  .object({
    op: DiffOp,
    text: z.string(),
    oldNumber: int().optional(),
    newNumber: int().optional(),
    words: z.array(z.object({ op: DiffOp, text: z.string() })).optional(),
  })
  .meta({ id: 'DiffLine' });
/** One line of a diff hunk. */
export type DiffLine = z.infer<typeof DiffLine>;

/** A run of lines with the same fate: kept, added, removed, or replaced. */
export const DiffHunk = z.object({
  op: z.enum(['equal', 'insert', 'delete', 'replace']),
  lines: z.array(DiffLine),
});
/** A run of diff lines. */
export type DiffHunk = z.infer<typeof DiffHunk>;

/** GET /api/pages/{slug}/diff. */
export const PageDiff = z.object({
  from: int(),
  to: int(),
  title: z.object({ from: z.string(), to: z.string() }),
  hunks: z.array(DiffHunk),
});
/** The diff between two revisions of a page. */
export type PageDiff = z.infer<typeof PageDiff>;

/** When, by whom and why a page was deleted. */
export const PageDeletion = z
  .object({
    slug: z.string(),
    title: z.string(),
    revision: int().describe(
      'The revision the page is at (a restoration brings it back as it was)',
    ),
    deletedAt: z.string(),
    deletedBy: UserRef.nullable(),
    reason: z.string(),
  })
  .meta({ id: 'PageDeletion' });
/** When, by whom and why a page was deleted. */
export type PageDeletion = z.infer<typeof PageDeletion>;

/** POST /api/pages/{slug}/move. */
export const PageMoved = z.object({
  page: Page,
  move: z.object({ from: PageRef, to: PageRef, redirect: z.boolean() }),
});
/** POST /api/pages/{slug}/move. */
export type PageMoved = z.infer<typeof PageMoved>;

/** The 308 body of a moved page's old slug. */
export const MovedRedirect = z.object({
  redirect: z.object({ from: z.string(), to: z.string() }),
});

/** The 409 of a write from a stale revision: the page as it is now, to merge with. */
export const ConflictError = z.object({
  error: z
    .object({
      code: z.literal('conflict'),
      message: z.string(),
      field: z.literal('baseRevision'),
      currentRevision: int(),
      current: Page.nullable(),
    })
    .loose(),
});

/** The error of a request naming a deleted page (404 for a read, 409 for a write). */
export const PageDeletedError = z.object({
  error: z
    .object({ code: z.literal('page_deleted'), message: z.string(), deletion: PageDeletion })
    .loose(),
});

/** Lists of pages (backlinks, orphans). */
export const PageRefs = z.object({ pages: z.array(PageRef) });
/** Lists of pages. */
export type PageRefs = z.infer<typeof PageRefs>;

/** A page linked to but not written yet. */
export const WantedPage = PageRef.extend({
  count: int().describe('Pages linking to it'),
  from: z.array(PageRef),
});
/** A page linked to but not written yet. */
export type WantedPage = z.infer<typeof WantedPage>;

/** A page "à améliorer": flagged by someone, or a stub. */
export const PageToImprove = PageRef.extend({
  reason: z.enum(['flagged', 'stub']),
  note: z.string().nullable().describe("The flag's reason; null for a stub"),
  textLength: int()
    .nullable()
    .describe('Characters of text in the body (null until the page is saved again)'),
});
/** A page "à améliorer". */
export type PageToImprove = z.infer<typeof PageToImprove>;

/** GET /api/wiki/categories. */
export const CategoryList = z.object({
  categories: z.array(z.object({ name: z.string(), count: int() })),
});

/** GET /api/wiki/categories/{name}. */
export const CategoryPages = z.object({
  name: z.string(),
  pages: z.array(PageRef),
  description: z
    .string()
    .nullable()
    .describe('Markdown of the category page (imported from a MediaWiki)'),
  descriptionHtml: z.string().nullable().describe('The description rendered (no raw HTML)'),
});
/** GET /api/wiki/categories/{name}. */
export type CategoryPages = z.infer<typeof CategoryPages>;

/** One line of the recent changes: a revision, or a deletion, restoration or move of a page. */
export const RecentChange = z
  .object({
    kind: z
      .enum(['edit', 'delete', 'restore', 'move'])
      .describe('A revision, or a deletion, restoration or move of the page (a log entry)'),
    id: int().describe('Revision id (edit) or log entry id (delete, restore, move)'),
    cursor: z.string().describe('Pass as `before` for the changes older than this one'),
    slug: z.string(),
    title: z.string(),
    revision: int().describe(
      'The revision written, or the page revision when it was deleted or restored',
    ),
    summary: z.string(),
    reason: z
      .string()
      .nullable()
      .describe('Why the page was deleted, restored or moved (null for an edit)'),
    from: PageRef.optional().describe(
      'A move only: slug and title before it (`slug`/`title` are those after it)',
    ),
    to: PageRef.optional().describe('A move only: slug and title after it'),
    redirect: z.boolean().optional().describe('A move only: the old slug was left as a redirect'),
    author: UserRef.nullable(),
    createdAt: z.string(),
    sizeDelta: int(),
    isNew: z.boolean(),
  })
  .meta({ id: 'RecentChange' });
/** One line of the recent changes. */
export type RecentChange = z.infer<typeof RecentChange>;

/** GET /api/recent-changes. */
export const RecentChanges = z.object({
  changes: z.array(RecentChange),
  next: z.string().nullable().describe('Cursor for the next page'),
});
/** GET /api/recent-changes. */
export type RecentChanges = z.infer<typeof RecentChanges>;

// One line of visible text: no control characters (a title lands in links, feeds and file names).
export const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
/** A page title: one line of 1 to 200 characters. */
export const PageTitle = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(NO_CONTROL, 'no line breaks or control characters');

/** PUT /api/pages/{slug}: what an edit sends. */
export const PageInput = z.object({
  title: PageTitle,
  markdown: z.string(),
  summary: z.string().max(500).optional(),
  baseRevision: z.number().int().min(0).optional(),
  kind: z.string().trim().min(1).max(40).optional(),
  categories: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  referentId: z.number().int().positive().nullable().optional(),
});
/** What an edit sends. */
export type PageInput = z.input<typeof PageInput>;

/** POST /api/pages/{slug}/move: the new slug, and optionally title, reason and redirect (default true). */
export const MoveInput = z.object({
  slug: z.string().regex(SLUG_RE, 'use lowercase letters, digits and dashes (1 to 120)'),
  title: PageTitle.optional(),
  reason: z
    .string()
    .trim()
    .max(500)
    .regex(NO_CONTROL, 'no line breaks or control characters')
    .optional(),
  redirect: z.boolean().optional(),
});
/** What a move sends. */
export type MoveInput = z.input<typeof MoveInput>;
