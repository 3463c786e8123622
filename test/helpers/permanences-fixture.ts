import type { Database } from '../../server/db/open.js';
import { createApiToken, createUser, type Role } from '../../server/auth/users.js';
import { upsertPerson } from '../../registry/people.js';
import { upsertPlace } from '../../registry/places.js';

/** Accounts of the permanences tests, by what they are. */
export interface PermanenceAccounts {
  admin: string;
  facilitator: string;
  /** A reader linked to the expert's registry person. */
  expert: string;
  /** A contributor linked to a person of La Fabrique: books for that place. */
  place: string;
  /** A contributor linked to a person of Le Hangar. */
  otherPlace: string;
  /** A contributor with no place. */
  contributor: string;
  reader: string;
}

/** Addresses of those accounts (for the mail tests). */
export const MAILS = {
  expert: 'eva@example.org',
  place: 'paul@fabrique.example.org',
  otherPlace: 'hana@hangar.example.org',
};

/**
 * The registry and accounts every permanences test starts from: two places, an expert (Éva,
 * contactable, linked to an account), the people of the places linked to their accounts.
 * @returns bearer tokens for each account.
 */
export async function seedPermanences(db: Database): Promise<PermanenceAccounts> {
  const user = async (email: string, role: Role) => {
    const u = await createUser(db, {
      email,
      name: email.split('@')[0],
      password: 'password123',
      role,
    });
    return { id: u.id, token: createApiToken(db, u.id, 'test') };
  };
  const admin = await user('admin@example.org', 'admin');
  const facilitator = await user('facilitatrice@example.org', 'facilitator');
  const expert = await user(MAILS.expert, 'reader');
  const place = await user(MAILS.place, 'contributor');
  const otherPlace = await user(MAILS.otherPlace, 'contributor');
  const contributor = await user('sans-lieu@example.org', 'contributor');
  const reader = await user('lecteur@example.org', 'reader');
  for (const [slug, name] of [
    ['la-fabrique', 'La Fabrique'],
    ['le-hangar', 'Le Hangar'],
    ['maison-commune', 'Maison Commune'],
  ]) {
    upsertPlace(
      db,
      { slug, name, city: 'Arras', region: 'Hauts-de-France', address: '12 rue Secrète' },
      { mode: 'replace' },
    );
  }
  upsertPerson(
    db,
    {
      slug: 'eva-experte',
      name: 'Éva Experte',
      themes: ['juridique', 'gouvernance'],
      skills: ['statuts associatifs', 'SCIC'],
      bio: 'Juriste en ESS, statuts et gouvernance.',
      contactable: true,
    },
    { mode: 'replace', userId: expert.id },
  );
  upsertPerson(
    db,
    { slug: 'paul-fabrique', name: 'Paul', place: 'la-fabrique', contactable: false },
    { mode: 'replace', userId: place.id },
  );
  upsertPerson(
    db,
    { slug: 'hana-hangar', name: 'Hana', place: 'le-hangar', contactable: false },
    { mode: 'replace', userId: otherPlace.id },
  );
  upsertPerson(db, { slug: 'hugo-cache', name: 'Hugo', contactable: false }, { mode: 'replace' });
  return {
    admin: admin.token,
    facilitator: facilitator.token,
    expert: expert.token,
    place: place.token,
    otherPlace: otherPlace.token,
    contributor: contributor.token,
    reader: reader.token,
  };
}

/** An ISO instant `days` days from now at the given UTC hour (whole minutes). */
export function daysFromNow(days: number, hourUtc = 9): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
}

/** Éva's individual remote session (visio link), in the body `POST /api/permanences` takes. */
export const EVA_REMOTE_SESSION = {
  expert: 'eva-experte',
  title: 'Statuts et gouvernance',
  themes: ['juridique'],
  format: 'individual',
  mode: 'remote',
  link: 'https://visio.example.org/eva',
};

/** That session `days` days from now, 9:00 to 11:00 UTC. */
export const evaSessionIn = (days: number) => ({
  ...EVA_REMOTE_SESSION,
  startsAt: daysFromNow(days),
  endsAt: daysFromNow(days, 11),
});
