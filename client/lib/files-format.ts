import { html, nothing } from 'lit';
import { t } from '../i18n/index.js';
import { errorText } from '../format.js';

/** A size in bytes for readers: "812 o", "14,2 Ko", "3,1 Mo" (French units in French). */
export function fileSize(bytes: number, lang: 'fr' | 'en'): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  const shown =
    i === 0
      ? String(n)
      : n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  return `${shown} ${units[i]}`;
}

/** The client route of a file's page. */
export const filePageUrl = (name: string) => `/fichiers/${encodeURIComponent(name)}`;

/** Who uploaded, for readers: an account's name, or an imported author's name marked as imported. */
export const uploaderName = (u: { name: string; imported: boolean } | null) =>
  u ? (u.imported ? t('files.importedAuthor', { name: u.name }) : u.name) : t('wiki.user.none');

/** The column headings of a table, from message keys. */
export const headRow = (keys: string[]) =>
  html`<thead><tr>${keys.map((k) => html`<th scope="col">${t(k)}</th>`)}</tr></thead>`;

/** The file and comment fields of an upload form (`prefix` keeps their ids apart). */
export const uploadInputs = (prefix: string) => html`<div class="field">
    <label for="${prefix}-file">${t('files.file')}</label>
    <input id="${prefix}-file" name="file" type="file" required />
  </div>
  <div class="field">
    <label for="${prefix}-comment">${t('files.comment')}</label>
    <input id="${prefix}-comment" name="comment" type="text" maxlength="500" />
  </div>`;

/** The file and comment an upload form holds, or null when no file was chosen. */
export function chosenUpload(form: HTMLFormElement): { file: File; comment: string } | null {
  const data = new FormData(form);
  const file = data.get('file');
  if (!(file instanceof File) || !file.size) return null;
  return { file, comment: String(data.get('comment') ?? '') };
}

/** An upload's problem under its form: a message of ours, or an API error. */
export const uploadProblem = (problem: unknown) =>
  problem
    ? html`<p class="field-error" role="alert">${typeof problem === 'string' ? problem : errorText(problem)}</p>`
    : nothing;
