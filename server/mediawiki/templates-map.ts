import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { TemplateMapping } from './wikitext.js';

/**
 * The `--templates MAP.yml` file: which template is which page kind, and which parameter is
 * which field. Example:
 *
 * ```yaml
 * Lieu:
 *   kind: lieu
 *   fields:
 *     ville: ville
 *     code postal: code_postal
 *   place: true          # a place sheet: linked to the registry's place (see PlaceSheetMapping)
 * ```
 */
const FIELD = z.string().trim().min(1).max(80);
const MAP_SCHEMA = z.record(
  z.string().min(1),
  z
    .object({
      kind: z.string().trim().min(1).max(40).optional(),
      fields: z.record(z.string(), z.string().trim().min(1).max(80)).optional(),
      // `place: true` (defaults) or which fields hold the place's name, postcode… (see PlaceSheetMapping).
      place: z
        .union([
          z.literal(true),
          z
            .object({
              field: FIELD.optional(),
              name: FIELD.optional(),
              postcode: FIELD.optional(),
              city: FIELD.optional(),
              address: FIELD.optional(),
              lat: FIELD.optional(),
              lon: FIELD.optional(),
            })
            .strict(),
        ])
        .optional()
        .transform((p) => (p === true ? {} : p)),
    })
    .strict()
    .nullable()
    .transform((m) => m ?? {}),
);

/**
 * Parses a template map.
 * @throws Error with a one-line message naming the bad entry.
 */
export function parseTemplateMap(text: string): Record<string, TemplateMapping> {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new Error(`not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  const result = MAP_SCHEMA.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${issue.path.join('.') || 'the map'}: ${issue.message}`);
  }
  return result.data;
}
