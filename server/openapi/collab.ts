import type { OpenApiFragment } from './index.js';

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

/** The co-editing WebSocket endpoint (OpenAPI has no WebSocket notion: described as its handshake). */
export const collab: OpenApiFragment = {
  paths: {
    '/collab/{slug}': {
      get: {
        tags: ['collab'],
        summary:
          'Open a co-editing WebSocket on a page (y-websocket protocol; room name = page slug)',
        description:
          'Speaks the y-websocket protocol: binary messages whose first varUint is 0 (sync: step 1, step 2, update) or ' +
          '1 (awareness); the server may send 2 (auth: permission denied) to a reader whose edit was refused. ' +
          "A stock `WebsocketProvider('wss://HOST/collab', slug, doc, { params: { token } })` works as is. " +
          'The page text is the Y.Text named `markdown`. Authentication happens before the upgrade, with the session ' +
          'cookie (same-origin pages only) or `?token=` (API token). Readers receive live edits; contributors and ' +
          'above may also edit, and may open a page that does not exist yet (it is created by the first co-editing ' +
          'revision). Every update is stored before it is broadcast. A revision is written after a quiet period and ' +
          'when the last editor leaves. A writer opening a page that does not exist yet may pass `?title=`: the server ' +
          'starts the still empty text with `# title` once (whoever opens the page first), so concurrent creators do not ' +
          'each add a heading. The server publishes `{ page: { revision } }` as its own awareness state once the page ' +
          'exists (and at each new revision); clients cannot set that field. Close codes: 4400 malformed message, 4403 reader kept sending edits, ' +
          '1009 message too large, 1011 storage failure, 1012 server restarting, 1013 client too slow.',
        parameters: [
          {
            name: 'slug',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$' },
          },
          {
            name: 'token',
            in: 'query',
            required: false,
            schema: { type: 'string' },
            description: 'API token (instead of the session cookie)',
          },
          {
            name: 'title',
            in: 'query',
            required: false,
            schema: { type: 'string', maxLength: 200 },
            description:
              'Writers creating a page: its title, seeded once as the first `# heading` of the empty text',
          },
        ],
        responses: {
          101: { description: 'Switching protocols: the WebSocket is open' },
          400: error('Invalid slug'),
          401: error('Invalid token, or anonymous visitor on a private wiki'),
          403: error('Cookie-authenticated handshake from another origin'),
          404: error('No such page (only contributors may open a page that does not exist yet)'),
          426: error('Not a WebSocket handshake'),
        },
      },
    },
    '/api/pages/{slug}/collab-save': {
      post: {
        tags: ['collab'],
        summary:
          'Write the pending co-edits of a page as a revision now (the editor’s “Enregistrer maintenant”)',
        description:
          'Contributors and above. `summary` becomes the revision’s summary (default “Co-édition”). `stateVector` (base64 of ' +
          'the editor’s `Y.encodeStateVector(doc)`) makes the server wait, up to 3 s, until the live document holds every edit ' +
          'the editor had sent, so the last keystrokes are in the revision. Answers `{ revision, saved, complete }`: the page ' +
          'revision the live text matches (0 while the page does not exist), whether a revision was written, and whether the ' +
          'document held all of the editor’s edits. Nothing pending: `saved: false` with the current revision.',
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  summary: { type: 'string', maxLength: 500 },
                  stateVector: { type: 'string', format: 'byte' },
                },
              },
            },
          },
        },
        responses: {
          200: { description: '`{ revision, saved, complete }`' },
          400: error('Invalid slug, summary or state vector (names the field)'),
          401: error('Not logged in'),
          403: error('Role below contributor'),
          409: error('The page is deleted (`page_deleted`)'),
        },
      },
    },
  },
};
