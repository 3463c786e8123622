import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { registryStyles } from '../lib/registry-styles.js';
import { byDay, dayLabel, slotTimes } from '../lib/event-format.js';
import type { EventItem } from '../api/events.js';

/** A day-by-day programme: each slot of each event under its Europe/Paris day, in time order. */
@customElement('lc-programme')
export class LcProgramme extends LitElement {
  static override styles = [
    registryStyles,
    css`
      section { break-inside: avoid-page; }
      h3 { margin: 1rem 0 0.3rem; font-size: 1.05rem; border-bottom: 1px solid #dfe5e1; padding-bottom: 0.2rem; }
      h3::first-letter { text-transform: uppercase; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { display: grid; grid-template-columns: 7.5rem 1fr; gap: 0.6rem; padding: 0.4rem 0; border-bottom: 1px solid #eef1ef; break-inside: avoid; }
      .time { font-variant-numeric: tabular-nums; font-weight: 600; }
      .title { font-weight: 600; }
      .where { font-size: 0.9rem; color: #4f5f57; }
      @media print { a { color: inherit; text-decoration: none; } li { grid-template-columns: 6.5rem 1fr; } }
    `,
  ];

  /** The events to lay out. */
  @property({ attribute: false }) events: EventItem[] = [];
  /** Hide the place under each event (a place's own page). */
  @property({ type: Boolean, attribute: 'hide-place' }) hidePlace = false;

  override render() {
    const days = byDay(this.events);
    if (!days.length) return html`<p class="empty">${t('events.none')}</p>`;
    return days.map(
      ([day, items]) => html`<section data-day=${day}>
        <h3>${dayLabel(day)}</h3>
        <ul>
          ${items.map(
            ({ event: e, slot }) => html`<li>
              <span class="time">${slotTimes(slot)}</span>
              <span>
                <a class="title" href=${`/evenements/${e.id}`}>${e.title}</a>
                <span class="chip">${t(`eventType.${e.type}`)}</span>
                ${e.free ? html`<span class="chip">${t('event.free')}</span>` : nothing}
                ${
                  this.hidePlace
                    ? nothing
                    : html`<br /><span class="where"><a href=${`/lieux/${encodeURIComponent(e.place.slug)}`}>${e.place.name}</a>${e.place.city ? `, ${e.place.city}` : ''}</span>`
                }
              </span>
            </li>`,
          )}
        </ul>
      </section>`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-programme': LcProgramme;
  }
}
