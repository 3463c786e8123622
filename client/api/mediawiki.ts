import { api, apiForm } from './http.js';
import type {
  MediawikiImportReport,
  MediawikiImportRow,
} from '../../server/contracts/mediawiki.js';

export type { MediawikiImportReport, MediawikiImportRow };

/** The MediaWiki imports, newest first, without their reports (admins). */
export const listMediawikiImports = () =>
  api<{ imports: MediawikiImportRow[] }>('GET', '/api/admin/mediawiki/imports');

/** One import with its report (admins). */
export const getMediawikiImport = (id: number) =>
  api<{ import: MediawikiImportRow }>('GET', `/api/admin/mediawiki/imports/${id}`);

/**
 * Uploads a MediaWiki XML export (plain or gzip) with an optional template map (YAML), namespaces,
 * and the source wiki's images (the files, or a .tar/.tar.gz of its images/ folder).
 * @throws ApiError (400 with `field` and, for malformed XML, `line` and `column`; 413 for a file too large).
 */
export async function uploadMediawikiExport(
  file: File,
  templates: string,
  namespaces: string,
  images: readonly File[] = [],
): Promise<MediawikiImportRow> {
  const form = new FormData();
  form.append('file', file, file.name);
  for (const image of images) form.append('images', image, image.name);
  if (templates.trim()) form.append('templates', templates);
  if (namespaces.trim()) form.append('namespaces', namespaces);
  return (await apiForm<{ import: MediawikiImportRow }>('/api/admin/mediawiki/imports', form))
    .import;
}
