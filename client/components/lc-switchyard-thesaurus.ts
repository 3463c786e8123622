import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { t } from '../i18n/index.js';
import { ApiError } from '../api/http.js';
import { hasRole, SessionController } from '../session.js';
import {
  deleteThesaurusGroup,
  getThesaurus,
  saveThesaurusGroup,
  type ThesaurusGroup,
} from '../api/switchyard.js';
import { sharedStyles } from '../styles.js';
import { backofficeStyles } from '../lib/backoffice-styles.js';

const splitTerms = (s: string) =>
  s
    .split(/[,;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * The switchyard's champ lexical: everyone reads it, facilitators and admins edit, add and remove
 * groups. Others see the groups read-only, with a line saying who may change them (the server
 * refuses their writes anyway).
 */
@customElement('lc-switchyard-thesaurus')
export class LcSwitchyardThesaurus extends LitElement {
  static override styles = [
    sharedStyles,
    backofficeStyles,
    css`
    :host { display: block; }
    table { width: 100%; border-collapse: collapse; }
    td, th { text-align: left; padding: 0.5rem 0.4rem; border-bottom: 1px solid var(--lc-line); vertical-align: top; }
    td input { width: 100%; box-sizing: border-box; }
    th:first-child { width: 12rem; }
    /* The actions take what their buttons need; the expressions get the rest of the width. */
    td.row-actions, th.row-actions { width: 1%; white-space: nowrap; }
    td.row-actions div { display: flex; gap: 0.4rem; }
    .source { font-size: 0.8rem; color: var(--lc-muted); }
    form { display: grid; grid-template-columns: 12rem 1fr auto; gap: 0.5rem; margin: 0.8rem 0 1.2rem; }
  `,
  ];

  @state() private _groups: ThesaurusGroup[] = [];
  private _session = new SessionController(this);
  @state() private _edits: Record<string, string> = {};
  @state() private _error = '';
  @state() private _newId = '';
  @state() private _newTerms = '';

  override connectedCallback() {
    super.connectedCallback();
    void this._load();
  }

  private async _load() {
    try {
      this._groups = (await getThesaurus()).groups;
    } catch (err) {
      this._error = err instanceof Error ? err.message : String(err);
    }
  }

  private get _canEdit() {
    return hasRole(this._session.user, 'facilitator');
  }

  private async _run(action: () => Promise<unknown>) {
    this._error = '';
    try {
      await action();
      this._groups = (await getThesaurus()).groups;
    } catch (err) {
      this._error =
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? t('syb.thesaurusReserved')
          : err instanceof Error
            ? err.message
            : String(err);
    }
  }

  /** Who may change the groups, said to everyone else (with a way to log in for visitors). */
  private _readOnlyNote() {
    if (!this._session.known) return nothing;
    return html`<p class="message info" data-testid="sy-thesaurus-readonly">
      ${t('syb.thesaurusReadOnly')}
      ${this._session.user ? nothing : html`<a href="/login?next=${encodeURIComponent(location.pathname)}">${t('nav.login')}</a>`}
    </p>`;
  }

  override render() {
    return html`
      <h1>${t('sy.thesaurus.title')}</h1>
      <p>${t('sy.thesaurus.help')}</p>
      ${this._error ? html`<p class="message error" role="alert">${this._error}</p>` : nothing}
      ${this._canEdit ? nothing : this._readOnlyNote()}
      ${
        this._canEdit
          ? html`<form
            @submit=${(e: Event) => {
              e.preventDefault();
              void this._run(async () => {
                await saveThesaurusGroup(this._newId.trim(), splitTerms(this._newTerms));
                this._newId = '';
                this._newTerms = '';
              });
            }}
          >
            <input aria-label=${t('sy.thesaurus.id')} placeholder=${t('sy.thesaurus.id')} .value=${this._newId} @input=${(e: Event) => (this._newId = (e.target as HTMLInputElement).value)} />
            <input aria-label=${t('sy.thesaurus.terms')} placeholder=${t('sy.thesaurus.terms')} .value=${this._newTerms} @input=${(e: Event) => (this._newTerms = (e.target as HTMLInputElement).value)} />
            <button type="submit">${t('sy.thesaurus.add')}</button>
          </form>`
          : nothing
      }
      <table>
        <thead><tr><th>${t('sy.thesaurus.id')}</th><th>${t('sy.thesaurus.terms')}</th>${this._canEdit ? html`<th class="row-actions">${t('sy.thesaurus.actions')}</th>` : nothing}</tr></thead>
        <tbody>
          ${this._groups.map(
            (g) => html`<tr>
              <td>${g.id}<div class="source">${t(`sy.thesaurus.source.${g.source}`)}</div></td>
              <td>
                ${
                  this._canEdit
                    ? html`<input
                      aria-label=${g.id}
                      .value=${this._edits[g.id] ?? g.terms.join(', ')}
                      @input=${(e: Event) => (this._edits = { ...this._edits, [g.id]: (e.target as HTMLInputElement).value })}
                    />`
                    : g.terms.join(', ')
                }
              </td>
              ${
                this._canEdit
                  ? html`<td class="row-actions"><div>
                    <button ?disabled=${this._edits[g.id] === undefined} @click=${() => this._run(() => saveThesaurusGroup(g.id, splitTerms(this._edits[g.id] ?? '')))}>
                      ${t('sy.thesaurus.save')}
                    </button>
                    <button @click=${() => this._run(() => deleteThesaurusGroup(g.id))}>${t('sy.thesaurus.delete')}</button>
                  </div>                  </td>`
                  : nothing
              }
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lc-switchyard-thesaurus': LcSwitchyardThesaurus;
  }
}
