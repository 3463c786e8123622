/**
 * The demo agenda: upcoming events at the demo places, one open-days campaign (Journées Portes
 * Ouvertes) with its events, and expert permanences (individual and collective) held by demo
 * people. Every date is counted from the day the database is seeded, in Europe/Paris wall time,
 * so a fresh demo never shows a stale agenda. Events, campaign and people are fictional.
 */
import { DateTime } from 'luxon';
import type { Database } from '../db/open.js';
import { createCampaign } from '../../registry/events/campaigns.js';
import { createEvent } from '../../registry/events/store.js';
import type { EventInput } from '../../registry/events/schema.js';
import { insertPermanences, type NewPermanence } from '../../registry/permanences/store.js';
import { findPerson } from '../../registry/people.js';
import { findPlace } from '../../registry/places.js';
import type { ThemeSlug } from '../../registry/themes.js';

const ZONE = 'Europe/Paris';

/** A Paris wall time `days` after `today` at `time` ("14:30"), as the event API reads it (`YYYY-MM-DDTHH:mm`). */
const wall = (today: DateTime, days: number, time: string) =>
  `${today.plus({ days }).toISODate()}T${time}`;

/** The first Friday at least `minDays` after `today` (open days run Friday to Sunday). */
function fridayAfter(today: DateTime, minDays: number): DateTime {
  const d = today.plus({ days: minDays });
  return d.plus({ days: (5 - d.weekday + 7) % 7 });
}

/** Events outside any campaign: [days from today, start, end, event]. */
const EVENTS: [number, string, string, Omit<EventInput, 'slots'>][] = [
  [
    3,
    '14:00',
    '17:30',
    {
      title: 'Atelier réparation de vélos',
      type: 'atelier',
      place: 'le-hangar-solidaire',
      description:
        'Venez avec votre vélo : les bénévoles du Hangar vous apprennent à régler freins et dérailleur, changer une chambre à air et entretenir la chaîne. Outils et pièces d’occasion sur place.',
      audience: 'Tout public, à partir de 12 ans',
      accessibility: 'Rez-de-chaussée accessible en fauteuil',
      free: true,
    },
  ],
  [
    6,
    '18:00',
    '20:30',
    {
      title: 'Initiation à la découpe laser',
      type: 'formation',
      place: 'les-ateliers-du-canal',
      description:
        'Deux heures pour préparer un fichier vectoriel, régler la puissance selon le matériau et découper sa première pièce. Indispensable avant d’utiliser la machine en autonomie.',
      audience: 'Membres et futur·es membres',
      free: false,
      price: '10 € (gratuit pour les membres)',
      registration: { kind: 'seats', seats: 8 },
    },
  ],
  [
    10,
    '19:00',
    '21:00',
    {
      title: 'Conférence : décider ensemble sans s’épuiser',
      type: 'conference',
      place: 'la-grange-des-possibles',
      description:
        'Retour d’expérience sur trois ans de gouvernance partagée à La Grange : ce qui a marché, ce qu’on a abandonné, et les outils (consentement, rôles tournants) qu’on garde.',
      audience: 'Collectifs, associations, élu·es',
      free: true,
    },
  ],
  [
    17,
    '09:30',
    '16:30',
    {
      title: 'Rencontre régionale des tiers-lieux des Pays de la Loire',
      type: 'rencontre',
      place: 'le-quai-des-savoirs',
      description:
        'Une journée entre lieux : ateliers d’échange de pratiques le matin (modèle économique, bénévolat, lien avec les collectivités), forum ouvert l’après-midi. Repas partagé.',
      audience: 'Porteur·ses de projets et équipes de tiers-lieux',
      free: true,
      registration: { kind: 'seats', seats: 60 },
    },
  ],
  [
    27,
    '10:00',
    '12:30',
    {
      title: 'Visite de la ferme et atelier semis',
      type: 'visite',
      place: 'la-ferme-du-causse',
      description:
        'Tour des parcelles en maraîchage bio, puis atelier semis en godets à emporter. Prévoir des chaussures de marche.',
      audience: 'Familles bienvenues',
      accessibility: 'Chemins de terre, accès difficile en fauteuil',
      free: true,
    },
  ],
];

const CAMPAIGN_SLUG = 'portes-ouvertes-tiers-lieux';

/** The campaign's events: [day of the campaign (0 = Friday), start, end, event]. */
const CAMPAIGN_EVENTS: [number, string, string, Omit<EventInput, 'slots' | 'campaign'>][] = [
  [
    0,
    '17:00',
    '20:00',
    {
      title: 'Portes ouvertes de La Fabrique du Beffroi',
      type: 'visite',
      place: 'la-fabrique-du-beffroi',
      description:
        'Visite des espaces de coworking et du fablab, démonstration de la découpe laser et verre de l’amitié avec les sociétaires de la SCIC.',
      audience: 'Tout public',
      accessibility: 'Ascenseur ; boucle magnétique dans la salle de réunion',
      free: true,
    },
  ],
  [
    1,
    '10:00',
    '18:00',
    {
      title: 'Le Moulin Partagé ouvre ses portes',
      type: 'visite',
      place: 'le-moulin-partage',
      description:
        'Marché des producteurs voisins, visite de l’épicerie et du café associatif, présentation de la boutique en ligne en circuit court.',
      audience: 'Tout public',
      free: true,
    },
  ],
  [
    1,
    '14:00',
    '17:00',
    {
      title: 'Fabriquer sa lampe au fablab',
      type: 'atelier',
      place: 'les-ateliers-du-canal',
      description:
        'Atelier découverte pendant les portes ouvertes : chacun·e repart avec une lampe en bois découpée au laser et montée sur place.',
      audience: 'À partir de 10 ans, accompagné·es',
      free: true,
      registration: { kind: 'seats', seats: 12 },
    },
  ],
  [
    2,
    '11:00',
    '16:00',
    {
      title: 'Brunch et visite du Phare numérique',
      type: 'rencontre',
      place: 'le-phare-numerique',
      description:
        'Rencontre avec l’équipe, démonstration des services libres hébergés pour les associations du Boulonnais et permanence de médiation numérique.',
      audience: 'Tout public',
      accessibility: 'Accessible en fauteuil',
      free: true,
    },
  ],
];

/** Permanences: expert, first session [days from today, start, end], how many weekly sessions, and the rest. */
const PERMANENCES: {
  expert: string;
  days: number;
  start: string;
  end: string;
  weeks: number;
  session: Omit<NewPermanence, 'expertId' | 'placeId' | 'createdBy' | 'link'> & { place?: string };
}[] = [
  {
    expert: 'nadia-benali',
    days: 2,
    start: '18:00',
    end: '18:45',
    weeks: 4,
    session: {
      title: 'Compta associative : passer à Paheko',
      format: 'individual',
      mode: 'remote',
      capacity: 1,
      themes: ['gestion'],
      description:
        'Trois quarts d’heure en visio pour faire le point sur votre comptabilité et voir si Paheko vous convient : plan comptable, cotisations, reprise des données du tableur.',
    },
  },
  {
    expert: 'thomas-vasseur',
    days: 8,
    start: '10:00',
    end: '11:00',
    weeks: 2,
    session: {
      title: 'Relecture de statuts de SCIC',
      format: 'individual',
      mode: 'onsite',
      place: 'la-coop-des-dunes',
      capacity: 1,
      themes: ['juridique', 'gouvernance'],
      description:
        'Apportez vos projets de statuts ou de pacte d’associés : une heure pour les relire ensemble, collèges de vote et sociétariat compris.',
    },
  },
  {
    expert: 'hugo-lefebvre',
    days: 12,
    start: '12:30',
    end: '14:00',
    weeks: 1,
    session: {
      title: 'Droit associatif : questions-réponses',
      format: 'collective',
      mode: 'remote',
      capacity: 10,
      themes: ['juridique', 'rh'],
      description:
        'Permanence collective en visio : bénévolat et salariat, contrats, responsabilité des dirigeant·es. Posez votre question en réservant, les réponses profitent à tous.',
    },
  },
  {
    expert: 'karim-haddad',
    days: 15,
    start: '14:00',
    end: '16:00',
    weeks: 1,
    session: {
      title: 'Atelier Nextcloud pour les équipes',
      format: 'collective',
      mode: 'onsite',
      place: 'le-phare-numerique',
      capacity: 6,
      themes: ['numerique'],
      description:
        'Deux heures pour configurer le partage de dossiers, les agendas communs et les formulaires de votre équipe, sur votre propre instance ou celle du Phare.',
    },
  },
];

/**
 * Seeds the demo agenda (after the demo registry, whose places and people it uses), in one
 * transaction. Nothing is seeded when the campaign already exists.
 * @param now the instant the relative dates count from (tests pass theirs).
 */
export function seedAgenda(db: Database, now = new Date()): void {
  const today = DateTime.fromJSDate(now).setZone(ZONE).startOf('day');
  const seeded = db
    .prepare(`SELECT 1 FROM campaigns WHERE slug = @slug`)
    .get({ slug: CAMPAIGN_SLUG });
  if (seeded) return;
  db.transaction(() => {
    for (const [days, start, end, e] of EVENTS) {
      createEvent(
        db,
        { ...e, slots: [{ startsAt: wall(today, days, start), endsAt: wall(today, days, end) }] },
        { userId: null },
      );
    }

    const friday = fridayAfter(today, 18);
    createCampaign(
      db,
      {
        slug: CAMPAIGN_SLUG,
        title: 'Journées Portes Ouvertes des tiers-lieux',
        description:
          'Trois jours pour pousser la porte des tiers-lieux de la région : visites, ateliers, marchés et rencontres avec celles et ceux qui les font vivre. Tout est gratuit, certains ateliers sont sur inscription.',
        startsOn: friday.toISODate()!,
        endsOn: friday.plus({ days: 2 }).toISODate()!,
        regions: ['Hauts-de-France'],
      },
      null,
    );
    for (const [day, start, end, e] of CAMPAIGN_EVENTS) {
      const d = friday.plus({ days: day });
      createEvent(
        db,
        {
          ...e,
          campaign: CAMPAIGN_SLUG,
          slots: [{ startsAt: `${d.toISODate()}T${start}`, endsAt: `${d.toISODate()}T${end}` }],
        },
        { userId: null },
      );
    }

    for (const p of PERMANENCES) {
      const expert = findPerson(db, p.expert);
      if (!expert) continue;
      const { place, ...session } = p.session;
      const placeId = place ? (findPlace(db, place)?.id ?? null) : null;
      const slots = Array.from({ length: p.weeks }, (_, i) => {
        const day = today.plus({ days: p.days + 7 * i });
        const at = (time: string) =>
          DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: ZONE }).toJSDate();
        return { startsAt: at(p.start), endsAt: at(p.end) };
      });
      insertPermanences(
        db,
        {
          ...session,
          themes: session.themes as ThemeSlug[],
          expertId: expert.id,
          placeId,
          link: null,
          createdBy: null,
        },
        slots,
        p.weeks > 1 ? `FREQ=WEEKLY;COUNT=${p.weeks}` : null,
        now,
      );
    }
  })();
}
