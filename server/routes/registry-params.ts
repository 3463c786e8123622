import { z } from 'zod';
import { badRequest } from '../errors.js';
import { parseLatLon } from '../../registry/geo.js';
import { SLUG_RE } from '../../registry/schema.js';

/** URL and query-string pieces shared by the registry routes (resources, places, people). */

/** The `:slug` of a record's URL, checked (400 naming `slug` otherwise). */
export const slugParam = (slug: string) => {
  if (!SLUG_RE.test(slug))
    throw badRequest('slug', 'use lowercase letters, digits and dashes (1 to 120)');
  return slug;
};

/** A comma-separated list ("gestion,juridique") as an array; empty → undefined. */
export const csvList = z
  .string()
  .max(2000)
  .optional()
  .transform((s) =>
    s
      ? s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
      : undefined,
  );

/** `limit` (1–100, default 20) and `offset` (≥ 0). */
export const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** "LAT,LON" in decimal degrees. */
export const latLon = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const p = parseLatLon(s);
    if (!p) {
      ctx.addIssue({ code: 'custom', message: 'use LAT,LON in decimal degrees, e.g. 50.63,3.06' });
      return z.NEVER;
    }
    return p;
  });

/** "W,S,E,N" in decimal degrees. */
export const bboxParam = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (s === undefined || s === '') return undefined;
    const n = s.split(',').map((x) => Number(x.trim()));
    if (
      n.length !== 4 ||
      n.some((x) => !Number.isFinite(x)) ||
      n[1] > n[3] ||
      Math.abs(n[1]) > 90 ||
      Math.abs(n[3]) > 90
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'use W,S,E,N in decimal degrees, e.g. 2.0,49.9,3.5,51.1',
      });
      return z.NEVER;
    }
    return n as [number, number, number, number];
  });
