import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import { savePage } from '../../registry/wiki/pages.js';
import { collabFixture, rawSocket, until } from '../helpers/collab.js';

const fx = collabFixture(['admin', 'contributor', 'reader']);

/** An awareness message setting `state` (null: removing it) for `clientID` at `clock`. */
function awarenessMessage(
  entries: [clientID: number, clock: number, state: unknown][],
): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const [clientID, clock, state] of entries) {
    encoding.writeVarUint(update, clientID);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

type Presence = { user?: { name?: string }; mark?: string; page?: { revision?: number } };

describe('co-editing presence (awareness) of other connections', () => {
  it('cannot be overwritten, removed or taken over by another connection, nor the server’s own', async () => {
    savePage(fx.env.db, fx.env.server.app.services.wiki, {
      slug: 'atelier',
      title: 'Atelier',
      markdown: 'Début.',
      authorIds: [fx.users.admin.id],
    });
    const writer = fx.open('atelier', fx.users.contributor.token);
    const observer = fx.open('atelier', fx.users.admin.token);
    await Promise.all([writer.synced, observer.synced]);
    writer.provider.awareness.setLocalStateField('mark', 'vrai');
    const seen = (id: number) =>
      observer.provider.awareness.getStates().get(id) as Presence | undefined;
    await until(() => seen(writer.doc.clientID)?.mark === 'vrai', 'writer presence seen');
    let serverId = -1;
    await until(() => {
      observer.provider.awareness.getStates().forEach((s, id) => {
        if ((s as Presence).page?.revision === 1) serverId = id;
      });
      return serverId >= 0;
    }, 'server announces the revision');

    // A reader's raw socket claims the writer's and the server's client ids with higher clocks.
    const raw: WebSocket = await rawSocket(
      `${fx.env.wsUrl}/atelier?token=${fx.users.reader.token}`,
    );
    raw.send(
      awarenessMessage([
        [writer.doc.clientID, 1000, { user: { name: 'Usurpateur' }, mark: 'faux' }],
        [serverId, 1000, { mark: 'faux' }],
      ]),
    );
    raw.send(awarenessMessage([[writer.doc.clientID, 1001, null]]));
    // Its own state last: once the observer sees it, the messages before it were handled.
    raw.send(awarenessMessage([[424242, 1, { mark: 'lecteur' }]]));
    await until(() => seen(424242)?.mark === 'lecteur', 'reader presence seen');
    expect(seen(424242)?.user?.name).toBe(fx.users.reader.name);
    expect(seen(writer.doc.clientID)).toMatchObject({
      mark: 'vrai',
      user: { name: fx.users.contributor.name },
    });
    expect(seen(serverId)).toEqual({ page: { revision: 1 } });

    // When the reader leaves, only its own presence goes.
    raw.close();
    await until(
      () => !observer.provider.awareness.getStates().has(424242),
      'reader presence removed',
    );
    expect(seen(writer.doc.clientID)?.mark).toBe('vrai');
    expect(seen(serverId)).toEqual({ page: { revision: 1 } });
  });
});
