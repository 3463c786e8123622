import { describe, expect, it } from 'vitest';
import { seedIfEmpty } from '../../server/seed/index.js';
import { testApp } from '../helpers/app.js';

/** The demo agenda a new database gets: upcoming events, an open-days campaign, expert permanences. */
describe('demo agenda', () => {
  it('lists upcoming events at seeded places, a campaign with its events, and individual and collective permanences', async () => {
    const t = await testApp();
    expect(await seedIfEmpty(t.db)).toBe(true);
    const now = new Date().toISOString();

    const events = await t.request('GET', '/api/events?limit=100');
    expect(events.status).toBe(200);
    expect(events.json.total).toBeGreaterThanOrEqual(8);
    for (const e of events.json.items as {
      slots: { startsAt: string }[];
      place: { slug: string };
    }[]) {
      expect(e.slots[0].startsAt > now, 'every demo event is upcoming').toBe(true);
      expect((await t.request('GET', `/api/places/${e.place.slug}`)).status).toBe(200);
    }
    expect(events.json.items.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['atelier', 'visite', 'formation', 'conference', 'rencontre']),
    );

    const campaigns = await t.request('GET', '/api/campaigns');
    expect(campaigns.json.items).toHaveLength(1);
    const slug = campaigns.json.items[0].slug;
    expect(campaigns.json.items[0].title).toBe('Journées Portes Ouvertes des tiers-lieux');
    const campaign = await t.request('GET', `/api/campaigns/${slug}`);
    expect(campaign.status).toBe(200);
    expect(campaign.json.events.items.length).toBe(4);
    expect(campaign.json.startsOn > now.slice(0, 10)).toBe(true);
    // The campaign runs Friday to Sunday.
    expect(new Date(`${campaign.json.startsOn}T12:00:00Z`).getUTCDay()).toBe(5);

    const permanences = await t.request('GET', '/api/permanences');
    expect(permanences.status).toBe(200);
    const items = permanences.json.items as {
      format: string;
      mode: string;
      startsAt: string;
      expert: { name: string };
    }[];
    expect(items.length).toBeGreaterThanOrEqual(8);
    expect(new Set(items.map((p) => p.format))).toEqual(new Set(['individual', 'collective']));
    expect(new Set(items.map((p) => p.mode))).toEqual(new Set(['remote', 'onsite']));
    expect(items.every((p) => p.startsAt > now)).toBe(true);
    expect(new Set(items.map((p) => p.expert.name))).toEqual(
      new Set(['Nadia Benali', 'Thomas Vasseur', 'Hugo Lefebvre', 'Karim Haddad']),
    );

    // The header search finds them too.
    expect(
      (await t.request('GET', '/api/search/all?q=portes%20ouvertes')).json.events.total,
    ).toBeGreaterThanOrEqual(2);
    t.services.close?.();
  });
});
