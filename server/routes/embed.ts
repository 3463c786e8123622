import { Hono } from 'hono';
import { DateTime } from 'luxon';
import type { AppEnv } from '../env.js';
import { getCampaign } from '../../registry/events/campaigns.js';
import { EVENT_ZONE } from '../../registry/events/time.js';
import { SLUG_RE } from '../../registry/schema.js';
import { RegistryError } from '../../registry/errors.js';
import { z } from 'zod';
import { describeRoute } from '../openapi/describe.js';

const TYPE_FR: Record<string, string> = {
  visite: 'Visite',
  atelier: 'Atelier',
  conference: 'Conférence / débat',
  demonstration: 'Démonstration',
  rencontre: 'Rencontre',
  spectacle: 'Spectacle / exposition',
  formation: 'Formation',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const paris = (iso: string) =>
  DateTime.fromISO(iso, { zone: 'utc' }).setZone(EVENT_ZONE).setLocale('fr');

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;color:#1d2a24;margin:0;padding:0.8rem}h1{font-size:1.2rem;margin:0 0 .2rem}
.dates{color:#4a5a52;margin:0 0 .8rem}h2{font-size:1rem;margin:1rem 0 .3rem;border-bottom:1px solid #d5ddd8;text-transform:capitalize}
ul{list-style:none;margin:0;padding:0}li{margin:.35rem 0}.time{font-variant-numeric:tabular-nums;font-weight:600;margin-right:.4rem}
.type{font-size:.8rem;background:#e7f0ea;border-radius:4px;padding:0 .3rem;margin-left:.3rem}.place{color:#4a5a52}a{color:#1f5c3d}`;

/**
 * /embed: pages meant for an iframe on a partner's site (no cookies, no script; their security
 * headers, which let any site frame them, are `embedSecurityHeaders` in server/security-headers.ts).
 */
export const embed = new Hono<AppEnv>().get(
  '/campaigns/:slug',
  describeRoute({
    tags: ['campaigns'],
    summary:
      'The programme as a page to frame on a partner’s site (no script, no cookie, any site may frame it)',
    responses: {
      200: { description: 'HTML', contentType: 'text/html', schema: z.string() },
      404: { description: 'No such campaign', contentType: 'text/html', schema: z.string() },
    },
  }),
  (c) => {
    const slug = c.req.param('slug');
    c.header('Content-Type', 'text/html; charset=utf-8');
    const view = SLUG_RE.test(slug) ? safeCampaign(c.get('db'), slug) : undefined;
    if (!view)
      return c.body(
        `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Programme introuvable</title><p>Programme introuvable.</p></html>`,
        404,
      );
    const base = c.get('config').publicUrl;
    const rows = view.events.items
      .flatMap((e) => e.slots.map((s) => ({ e, s })))
      .sort((a, b) => a.s.startsAt.localeCompare(b.s.startsAt));
    const days = new Map<string, string[]>();
    for (const { e, s } of rows) {
      const start = paris(s.startsAt);
      const day = start.toFormat('cccc d LLLL yyyy');
      const list = days.get(day) ?? [];
      list.push(
        `<li><span class="time">${start.toFormat('HH:mm')}–${paris(s.endsAt).toFormat('HH:mm')}</span><a href="${esc(`${base}/evenements/${e.id}`)}" target="_blank" rel="noopener">${esc(e.title)}</a><span class="type">${esc(TYPE_FR[e.type] ?? e.type)}</span><br><span class="place">${esc([e.place.name, e.place.city].filter(Boolean).join(', '))}</span></li>`,
      );
      days.set(day, list);
    }
    const from = DateTime.fromISO(view.startsOn).setLocale('fr').toFormat('d LLLL yyyy');
    const to = DateTime.fromISO(view.endsOn).setLocale('fr').toFormat('d LLLL yyyy');
    const body = [...days.entries()]
      .map(([day, items]) => `<section><h2>${esc(day)}</h2><ul>${items.join('')}</ul></section>`)
      .join('');
    return c.body(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(view.title)} : programme</title><style>${STYLE}</style></head><body><main><h1>${esc(view.title)}</h1><p class="dates">Du ${esc(from)} au ${esc(to)} · ${view.places.total} lieux · ${view.events.total} événements · <a href="${esc(`${base}/campagnes/${view.slug}`)}" target="_blank" rel="noopener">programme complet</a></p>${body || '<p>Le programme est en préparation.</p>'}</main></body></html>`,
      200,
    );
  },
);

function safeCampaign(db: Parameters<typeof getCampaign>[0], slug: string) {
  try {
    return getCampaign(db, slug);
  } catch (err) {
    if (err instanceof RegistryError && err.code === 'not_found') return undefined;
    throw err;
  }
}
