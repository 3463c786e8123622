import { z } from 'zod';

/*
 * What the MediaWiki import routes answer (/api/admin/mediawiki/imports), as zod schemas: the
 * OpenAPI document is generated from them, the routes check what they send against them
 * (`satisfies`), the importer and the client take their types from them. No server-only import.
 */

const Counts = z.record(z.string(), z.number().int());

/** Pages with what could not be converted (from their latest revision). */
export const PageProblems = z.object({
  title: z.string(),
  slug: z.string(),
  problems: z.array(z.string()),
});
/** Pages with what could not be converted. */
export type PageProblems = z.infer<typeof PageProblems>;

/** What an import did: printed by the CLI, kept for admins (`mediawiki_imports.report`). */
export const MediawikiImportReport = z
  .object({
    source: z.string().describe("The source wiki's key (its database name or host)"),
    sitename: z.string(),
    pages: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      unchanged: z.number().int(),
      failed: z.number().int(),
    }),
    revisions: z.object({
      imported: z.number().int(),
      alreadyImported: z.number().int(),
      suppressedText: z.number().int(),
      unchangedText: z.number().int(),
    }),
    redirects: z.object({
      created: z.number().int(),
      unchanged: z.number().int(),
      skipped: z.array(z.object({ title: z.string(), reason: z.string() })),
    }),
    categories: z.object({ described: z.number().int() }),
    leftOut: Counts.describe('Pages of namespaces not imported, by namespace name'),
    files: z
      .object({
        count: z.number().int(),
        names: z.array(z.string()),
        stored: z.number().int(),
        missing: z.array(z.string()),
      })
      .describe(
        'Files named by pages (`[[Fichier:…]]`), and how many; with images, how many were stored and which were missing',
      ),
    fields: z
      .object({
        written: z.number().int(),
        kept: z.array(z.object({ title: z.string(), field: z.string(), reason: z.string() })),
        keptCount: z.number().int().optional(),
      })
      .describe(
        'Template fields not written as page fields (no such field declared for the kind, or a bad value)',
      ),
    places: z
      .object({ matched: z.number().int(), created: z.number().int() })
      .optional()
      .describe("Place sheets linked to the registry's places: found there, or created"),
    templates: z
      .object({ mapped: Counts, unmapped: Counts })
      .describe('Templates: mapped to fields / kept visible, with the number of pages using them'),
    problems: z.array(PageProblems),
    seconds: z.number(),
  })
  .meta({ id: 'MediawikiImportReport' });
/** What an import did. */
export type MediawikiImportReport = z.infer<typeof MediawikiImportReport>;

/** One import as admins list it. */
export const MediawikiImportRow = z
  .object({
    id: z.number().int(),
    source: z.string().nullable(),
    fileName: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    via: z.enum(['cli', 'web']),
    userName: z.string().nullable().describe('The admin who uploaded it (null from the CLI)'),
    error: z.string().nullable().describe('Why it failed (malformed XML: line and column)'),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    report: MediawikiImportReport.nullable().describe(
      'Only in GET /imports/{id} and the upload answer',
    ),
  })
  .meta({ id: 'MediawikiImport' });
/** One import as admins list it. */
export type MediawikiImportRow = z.infer<typeof MediawikiImportRow>;

/** GET /api/admin/mediawiki/imports. */
export const MediawikiImportList = z.object({ imports: z.array(MediawikiImportRow) });
/** GET /api/admin/mediawiki/imports. */
export type MediawikiImportList = z.infer<typeof MediawikiImportList>;

/** GET /api/admin/mediawiki/imports/{id}, and the upload's answer. */
export const MediawikiImportAnswer = z.object({ import: MediawikiImportRow });
/** GET /api/admin/mediawiki/imports/{id}. */
export type MediawikiImportAnswer = z.infer<typeof MediawikiImportAnswer>;
