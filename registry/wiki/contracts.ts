import { z } from 'zod';
import { FIELD_TYPES } from './fields.js';

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
