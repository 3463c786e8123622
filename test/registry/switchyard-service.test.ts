import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { SwitchyardService } from '../../registry/switchyard/service.js';
import { DEFAULT_SWITCHYARD_CONFIG } from '../../registry/switchyard/config.js';
import { saveThesaurusGroup } from '../../registry/switchyard/thesaurus-store.js';
import type { RegistrySnapshot } from '../../registry/types.js';
import { fixtureRegistry } from '../helpers/switchyard-fixture.js';

function mutableSource() {
  let snapshot: RegistrySnapshot = fixtureRegistry();
  let version = 1;
  return {
    source: { load: () => snapshot, version: () => String(version) },
    change(next: RegistrySnapshot) {
      snapshot = next;
      version++;
    },
  };
}

const withResource = (base: RegistrySnapshot): RegistrySnapshot => ({
  ...base,
  resources: [
    ...base.resources,
    {
      slug: 'grainotheque',
      name: 'Grainothèque',
      kind: 'method',
      summary: 'Échanger des semences paysannes entre jardins.',
      themes: ['alimentation'],
    },
  ],
});

describe('switchyard service: indexes follow their sources', () => {
  it('rebuilds at once when the registry changes (small registry)', () => {
    const { source, change } = mutableSource();
    const service = new SwitchyardService(openDatabase(':memory:'), source);
    expect(service.match({ problem: 'échanger des semences' }).resources).toEqual([]);
    change(withResource(fixtureRegistry()));
    expect(service.match({ problem: 'échanger des semences' }).resources[0].slug).toBe(
      'grainotheque',
    );
  });

  it('answers from the previous indexes while a slow rebuild runs after the request', async () => {
    const { source, change } = mutableSource();
    // syncBuildMaxRecords −1: every registry counts as large.
    const service = new SwitchyardService(
      openDatabase(':memory:'),
      source,
      DEFAULT_SWITCHYARD_CONFIG,
      60_000,
      -1,
    );
    const first = service.index();
    change(withResource(fixtureRegistry()));
    expect(service.index()).toBe(first);
    await new Promise((resolve) => setImmediate(resolve));
    expect(service.match({ problem: 'échanger des semences' }).resources[0].slug).toBe(
      'grainotheque',
    );
  });

  it('uses the thesaurus stored in the database', () => {
    const db = openDatabase(':memory:');
    const service = new SwitchyardService(db, mutableSource().source);
    expect(service.match({ problem: 'zoomette' }).resources).toEqual([]);
    saveThesaurusGroup(db, { id: 'jargon', terms: ['zoomette', 'visioconférence'] }, null);
    expect(service.match({ problem: 'zoomette' }).resources[0].slug).toBe('visiolibre');
  });
});
