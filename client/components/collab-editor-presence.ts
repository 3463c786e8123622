import { css, html } from 'lit';
import { t, withColon } from '../i18n/index.js';
import type { CollabSession } from '../api/collab.js';

/** Someone on the page, from the awareness states of the co-editing session. */
export interface Presence {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

export const presenceStyles = css`
  .presence { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; list-style: none; padding: 0; margin: 0 0 0.8rem; font-size: 0.9rem; }
  .presence li { display: flex; align-items: center; gap: 0.3rem; }
  .dot { width: 0.7rem; height: 0.7rem; border-radius: 50%; display: inline-block; }
`;

/** Who is here: this user first, then the others by name. */
export function presenceOf(session: CollabSession): Presence[] {
  const self = session.doc.clientID;
  const list: Presence[] = [];
  session.provider.awareness.getStates().forEach((s, clientId) => {
    const user = (s as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== 'string') return;
    // Colours come from other clients: only plain hex colours reach a style attribute.
    const color =
      typeof user.color === 'string' && /^#[0-9a-f]{3,8}$/i.test(user.color)
        ? user.color
        : '#888888';
    list.push({ clientId, name: user.name, color, self: clientId === self });
  });
  list.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
  return list;
}

/** The list of people on the page, each with the colour of their cursor. */
export function renderPresence(presence: Presence[]) {
  return html`<ul class="presence" data-testid="collab-presence" aria-label=${t('collab.presence')}>
        <li><strong>${withColon(t('collab.presence'))}</strong></li>
        ${presence.map(
          (p) => html`<li data-testid="collab-person" data-self=${p.self ? 'yes' : 'no'}>
            <span class="dot" style="background:${p.color}"></span>${p.self ? t('collab.presence.you', { name: p.name }) : p.name}
          </li>`,
        )}
      </ul>`;
}
