import { t } from '../i18n/index.js';

/** A size in bytes for readers: "812 o", "14,2 Ko", "3,1 Mo" (French units in French). */
export function fileSize(bytes: number, lang: 'fr' | 'en'): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  const shown = i === 0 ? String(n) : n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  return `${shown} ${units[i]}`;
}

/** The client route of a file's page. */
export const filePageUrl = (name: string) => `/fichiers/${encodeURIComponent(name)}`;

/** Who uploaded, for readers: an account's name, or an imported author's name marked as imported. */
export const uploaderName = (u: { name: string; imported: boolean } | null) =>
  u ? (u.imported ? t('files.importedAuthor', { name: u.name }) : u.name) : t('wiki.user.none');
