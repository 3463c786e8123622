import { api, apiForm } from './http.js';
// Shapes the server sends as they are (type-only imports: no server code reaches the bundle).
import type {
  FileDetails,
  FileInfo,
  PageFile,
  UploadResult as RecordResult,
} from '../../server/contracts/files.js';
import type { FieldDef, FieldValue, ShownField } from '../../registry/wiki/fields.js';
import type { FieldListItem } from '../../registry/wiki/field-queries.js';

export type { FieldDef, FieldListItem, FieldValue, FileDetails, FileInfo, PageFile, ShownField };

/** Files by name (`q`: names containing it). */
export const listFiles = (q = '', offset = 0) =>
  api<{ total: number; files: FileInfo[] }>(
    'GET',
    `/api/files?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(offset) })}`,
  );

/** A file's page: versions and where it is used. */
export const getFile = (name: string) =>
  api<FileDetails>('GET', `/api/files/${encodeURIComponent(name)}`);

/** Deletes a file and all its versions (facilitators, admins); logged with the reason. */
export const deleteFile = (name: string, reason: string) =>
  api<{ deleted: string }>('DELETE', `/api/files/${encodeURIComponent(name)}`, { reason });

/** Deletes one version of a file (facilitators, admins); the newest left becomes current. */
export const deleteFileVersion = (name: string, version: number, reason: string) =>
  api<{ file: FileInfo }>('DELETE', `/api/files/${encodeURIComponent(name)}/versions/${version}`, {
    reason,
  });

/**
 * Uploads a file; the same name again makes a new version.
 * @param options.name the file's name (default: from the file), `page` a slug to attach it to.
 */
export function uploadFile(
  file: File,
  options: { name?: string; page?: string; comment?: string } = {},
): Promise<RecordResult> {
  const form = new FormData();
  form.set('file', file);
  if (options.name) form.set('name', options.name);
  if (options.page) form.set('page', options.page);
  if (options.comment) form.set('comment', options.comment);
  return apiForm<RecordResult>('/api/files', form);
}

/** A page's files: attached ones and the ones its text uses. */
export const getPageFiles = (slug: string) =>
  api<{ files: PageFile[] }>('GET', `/api/pages/${encodeURIComponent(slug)}/files`);

/** Removes a file from a page's files list. */
export const detachFile = (slug: string, name: string) =>
  api<{ files: PageFile[] }>(
    'DELETE',
    `/api/pages/${encodeURIComponent(slug)}/files/${encodeURIComponent(name)}`,
  );

/** Every declared field, by kind. */
export const getFieldDefs = () => api<{ fields: FieldDef[] }>('GET', '/api/page-fields');

/** Replaces the fields of a page kind (admins). */
export const putFieldDefs = (
  kind: string,
  fields: { name: string; label: { fr: string; en: string }; type: string }[],
) =>
  api<{ kind: string; fields: FieldDef[] }>('PUT', `/api/page-fields/${encodeURIComponent(kind)}`, {
    fields,
  });

/** A page's fields as its infobox shows them. */
export const getPageFields = (slug: string) =>
  api<{ kind: string; fields: ShownField[] }>(
    'GET',
    `/api/pages/${encodeURIComponent(slug)}/fields`,
  );

/** Writes field values (null or '' clears one); a change is a revision of the page (its number is returned). */
export const putPageFields = (slug: string, fields: Record<string, FieldValue | null>) =>
  api<{ kind: string; fields: ShownField[]; revision: number; fieldsRevision: number | null }>(
    'PUT',
    `/api/pages/${encodeURIComponent(slug)}/fields`,
    { fields },
  );

/** Pages of a kind whose fields equal the values given. */
export const listPagesByFields = (kind: string, filters: Record<string, string>, offset = 0) =>
  api<{ total: number; pages: FieldListItem[] }>(
    'GET',
    `/api/pages?${new URLSearchParams({ kind, ...filters, offset: String(offset), limit: '50' })}`,
  );

/** The markdown that shows an uploaded file in a page: an image with its alt text, else a link. */
export function markdownForFile(file: FileInfo, label: string): string {
  const text = label.replace(/[[\]\n]/g, ' ').trim() || file.name;
  return file.image ? `![${text}](${file.url})` : `[${text}](${file.url})`;
}

/** A readable label from a file's own name ("photo_façade-2019.jpg" → "photo façade 2019"). */
export const labelFromFileName = (name: string) =>
  name
    .replace(/\.[^.]*$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();
