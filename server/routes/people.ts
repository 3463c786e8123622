import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { jsonBody, queryParams } from '../validate.js';
import { readAccess, requireRole } from '../auth/middleware.js';
import { hasRole, type User } from '../auth/users.js';
import { searchPeople } from '../../registry/directory.js';
import {
  contactPerson,
  findPerson,
  isVisible,
  listMessages,
  upsertPerson,
  type PersonRecord,
} from '../../registry/people.js';
import { PersonSchema, SLUG_RE } from '../../registry/schema.js';
import { managedPersonDetail, personDetail } from '../../registry/views.js';
import { csvList, paging, slugParam } from './registry-params.js';
import { assertSameSlug } from './registry-write.js';
import { getInboxMessage } from '../../registry/contact-inbox.js';
import { alertNewMessage } from '../mail/contact-alerts.js';
import { describeRoute, errorAnswer } from '../openapi/describe.js';
import { ManagedPerson, PeopleList, PersonAnswer, PersonDetail } from '../../registry/contracts.js';

const ListQuery = z.object({
  q: z.string().max(500).optional(),
  theme: csvList,
  region: csvList,
  contactable: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  /** `all`: hidden people too (facilitators and admins only). */
  visibility: z.enum(['public', 'all']).optional(),
  ...paging,
});
const PostBody = PersonSchema.extend({
  /** Link the new profile to the caller's own account (any logged-in user may create their own). */
  self: z.boolean().optional(),
});
const PutBody = PersonSchema.extend({ slug: PersonSchema.shape.slug.optional() });
const ContactBody = z.object({
  message: z.string().trim().min(1).max(4000),
  from: z.string().trim().max(300).optional(),
});

const SLUG_DOC = { slug: { description: 'Slug of the person', schema: z.string().regex(SLUG_RE) } };
const denied = { 401: errorAnswer('Not logged in'), 403: errorAnswer('Role too low') };
const DOC = {
  list: describeRoute({
    tags: ['people'],
    summary:
      'Search people (contactable or public profiles only; with visibility=all, facilitators and admins also get hidden people)',
    responses: {
      200: { description: 'A page', schema: PeopleList },
      400: errorAnswer('Invalid parameter'),
      ...denied,
    },
  }),
  add: describeRoute({
    tags: ['people'],
    summary:
      "Add a person (contributor), or one's own profile with self: true (any logged-in user)",
    description: 'Needs: contributor, or any user for their own profile.',
    loggedIn: true,
    responses: {
      201: { description: 'The person page', schema: PersonAnswer },
      400: errorAnswer('Invalid field'),
      409: errorAnswer('Slug taken'),
      ...denied,
    },
  }),
  get: describeRoute({
    tags: ['people'],
    summary:
      "Person page. A hidden person (neither contactable nor public) is a 404, like an unknown slug, except for facilitators, admins and the person's own account, who get the managed view (any person, with public and hidden)",
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: z.union([ManagedPerson, PersonDetail]) },
      404: errorAnswer('Unknown person, or hidden from the caller'),
    },
  }),
  put: describeRoute({
    tags: ['people'],
    summary:
      'Update (fields left out are kept, null clears a field). Answers the managed view to those who may manage the person, the public page otherwise, or { slug, hidden: true } when the edit hid the person from the caller',
    description:
      'Needs: contributor, or facilitator/admin/own account for a hidden person (404 for anyone else).',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: PersonAnswer },
      400: errorAnswer('Invalid field'),
      404: errorAnswer('Unknown person, or hidden from the caller'),
      ...denied,
    },
  }),
  contact: describeRoute({
    tags: ['people'],
    summary: 'Leave a message for the person; facilitators relay it (no address is ever given out)',
    params: SLUG_DOC,
    responses: {
      202: {
        description: 'Stored for relay',
        schema: z.object({
          id: z.number().int(),
          status: z.literal('stored'),
          message: z.string(),
        }),
      },
      404: errorAnswer('Unknown or hidden person'),
      409: errorAnswer('The person does not accept contact'),
    },
  }),
  messages: describeRoute({
    tags: ['people'],
    summary: "Messages left for a person (facilitators, or the person's own account)",
    description: 'Needs: facilitator or own account.',
    loggedIn: true,
    params: SLUG_DOC,
    responses: {
      200: { description: 'OK', schema: z.object({ messages: z.array(z.object({}).loose()) }) },
      404: errorAnswer('Unknown person'),
      401: errorAnswer('Not logged in'),
    },
  }),
};

/** The caller may manage this person: facilitators and admins, or the person's own account. */
function mayManage(user: User | null, person: PersonRecord): boolean {
  return !!user && (hasRole(user.role, 'facilitator') || person.userId === user.id);
}

/**
 * The place of a profile linked to an account is the place that account books for: it sees and
 * cancels that place's bookings and edits its events. A facilitator's word sets or confirms it
 * (true); a new place named by anyone else waits for a facilitator (false); otherwise it keeps
 * its state (undefined).
 */
function placeConfirmation(user: User, from: string | null, to: string | null | undefined) {
  if (to === undefined || to === null) return undefined;
  if (hasRole(user.role, 'facilitator')) return true;
  return to === from ? undefined : false;
}

/**
 * Consent: whether someone with an account may be contacted, or shown publicly, is theirs to say
 * (or a facilitator's). A contributor editing a public profile may make it less exposed, never
 * more. @throws AppError 403 naming the field.
 */
function assertConsent(
  user: User,
  person: PersonRecord,
  body: { contactable?: boolean | null; public?: boolean | null },
): void {
  if (person.userId === null || person.userId === user.id || hasRole(user.role, 'facilitator'))
    return;
  const contactable = body.contactable ?? person.contactable;
  // As the merge does: without `public`, a profile is public exactly when contactable.
  const shown = body.public ?? contactable;
  for (const [field, now, was] of [
    ['contactable', contactable, person.contactable],
    ['public', shown, person.public],
  ] as const)
    if (now && !was)
      throw new AppError(
        403,
        'forbidden',
        `${field}: only the person's own account or a facilitator may make this profile ${field === 'public' ? 'public' : 'contactable'}`,
        { field },
      );
}

/** The person, if the caller may manage it; hidden people are a 404 for everyone else. */
function managed(c: Context<AppEnv>, slug: string): PersonRecord {
  const person = findPerson(c.get('db'), slug);
  if (!person || !mayManage(c.get('user'), person)) throw notFound(`person "${slug}"`);
  return person;
}

/**
 * What a caller gets back for a person: the managed view (visibility settings, hidden people
 * too) when they may manage it, the public page when it is visible, else only that it is hidden.
 */
function personAnswer(c: Context<AppEnv>, person: PersonRecord) {
  if (mayManage(c.get('user'), person)) return managedPersonDetail(c.get('db'), person);
  return isVisible(person)
    ? personDetail(c.get('db'), person.slug)
    : { slug: person.slug, hidden: true };
}

/**
 * /api/people: the directory of people who can help. Hidden people (neither contactable nor
 * public) exist only for facilitators, admins and their own account: everyone else gets the same
 * 404 as for an unknown slug.
 */
export const people = new Hono<AppEnv>()
  .get('/', DOC.list, readAccess, queryParams(ListQuery), (c) => {
    const { visibility, ...query } = c.req.valid('query');
    const includeHidden = visibility === 'all';
    if (includeHidden) requireRole(c, 'facilitator');
    return c.json(searchPeople(c.get('db'), { ...query, includeHidden }) satisfies PeopleList);
  })
  .post('/', DOC.add, jsonBody(PostBody), (c) => {
    const user = requireRole(c, 'reader');
    const { self, ...body } = c.req.valid('json');
    if (!self && !hasRole(user.role, 'contributor'))
      throw forbidden(
        'Creating someone else’s profile needs the role "contributor"; use self: true for your own',
      );
    if (findPerson(c.get('db'), body.slug))
      throw new AppError(409, 'conflict', `slug: a person "${body.slug}" already exists`, {
        field: 'slug',
      });
    upsertPerson(c.get('db'), body, {
      mode: 'replace',
      userId: self ? user.id : null,
      placeConfirmed: self ? placeConfirmation(user, null, body.place) : undefined,
    });
    return c.json(personAnswer(c, findPerson(c.get('db'), body.slug)!), 201);
  })
  .get('/:slug', DOC.get, readAccess, (c) => {
    const slug = slugParam(c.req.param('slug'));
    // Anonymous reads go straight to the public view (one query, as before).
    if (c.get('user')) {
      const person = findPerson(c.get('db'), slug);
      if (person && mayManage(c.get('user'), person))
        return c.json(managedPersonDetail(c.get('db'), person));
    }
    return c.json(personDetail(c.get('db'), slug));
  })
  .put('/:slug', DOC.put, jsonBody(PutBody), (c) => {
    const user = requireRole(c, 'reader');
    const slug = slugParam(c.req.param('slug'));
    const person = findPerson(c.get('db'), slug);
    // A hidden person is as unknown as a missing one to whoever may not manage it.
    if (!person || (!isVisible(person) && !mayManage(user, person)))
      throw notFound(`person "${slug}"`);
    if (!mayManage(user, person) && !hasRole(user.role, 'contributor'))
      throw forbidden('Only the person’s own account or a contributor may edit this profile');
    const body = c.req.valid('json');
    assertSameSlug(body.slug, slug);
    assertConsent(user, person, body);
    upsertPerson(
      c.get('db'),
      { ...body, slug },
      {
        mode: 'merge',
        placeConfirmed:
          person.userId === null
            ? undefined
            : placeConfirmation(user, person.place?.slug ?? null, body.place),
      },
    );
    return c.json(personAnswer(c, findPerson(c.get('db'), slug)!));
  })
  .post('/:slug/contact', DOC.contact, jsonBody(ContactBody), (c) => {
    const slug = slugParam(c.req.param('slug'));
    const body = c.req.valid('json');
    const db = c.get('db');
    // The message and its alert (to the person's account, or to the team): all or nothing.
    const { id } = db.transaction(() => {
      const stored = contactPerson(db, slug, { ...body, userId: c.get('user')?.id ?? null });
      const { message, personId } = getInboxMessage(db, stored.id);
      alertNewMessage(db, c.get('config').publicUrl, message, personId);
      return stored;
    })();
    return c.json(
      {
        id,
        status: 'stored',
        message: 'Message transmis : l’équipe d’animation le relaie à la personne.',
      },
      202,
    );
  })
  .get('/:slug/messages', DOC.messages, (c) => {
    requireRole(c, 'reader');
    const person = managed(c, slugParam(c.req.param('slug')));
    return c.json({ messages: listMessages(c.get('db'), person.id) });
  });
