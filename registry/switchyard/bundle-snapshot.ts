import type { Person, Place, Referent, RegistrySnapshot, Resource, Usage } from '../types.js';

/** The parts of a commons-bundle/1 document the switchyard reads. */
export interface CommonsBundle {
  format: string;
  resources?: Resource[];
  places?: Place[];
  people?: Person[];
  usages?: Usage[];
  referents?: Referent[];
}

/**
 * A registry snapshot straight from a commons bundle (used by the benchmark and as a fallback
 * before the registry tables exist). Records are taken as they are; missing lists become empty.
 * @throws Error when the document is not a commons-bundle/1.
 */
export function snapshotFromBundle(bundle: CommonsBundle): RegistrySnapshot {
  if (!bundle || bundle.format !== 'commons-bundle/1') throw new Error('Not a commons-bundle/1 document');
  return {
    resources: bundle.resources ?? [],
    places: bundle.places ?? [],
    people: bundle.people ?? [],
    usages: bundle.usages ?? [],
    referents: bundle.referents ?? [],
  };
}
