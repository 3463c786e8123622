import { gunzipSync } from 'node:zlib';
import { AppError, badRequest } from '../errors.js';
import { mediawikiFileKey } from './import.js';

/**
 * The files of a MediaWiki's `images/` folder sent through the web app: several files, or a tar
 * archive of the folder (`tar czf images.tgz images/`, plain or gzip). Read into the same index
 * as `--images DIR` (file name → bytes), so the importer stores them the same way.
 */

/** Subfolders of `images/` that hold thumbnails, old versions and deleted files: not the files. */
export const SKIPPED_IMAGE_DIRS = new Set(['thumb', 'archive', 'deleted', 'temp', 'lockdir']);

/** Whether a path inside `images/` (or dumpUploads' output) names one of the wiki's files. */
export function isImagePath(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  const name = parts[parts.length - 1];
  return (
    !!name && !name.startsWith('.') && !parts.slice(0, -1).some((p) => SKIPPED_IMAGE_DIRS.has(p))
  );
}

const text = (b: Uint8Array, from: number, length: number) => {
  const slice = b.subarray(from, from + length);
  const end = slice.indexOf(0);
  return Buffer.from(end < 0 ? slice : slice.subarray(0, end)).toString('utf8');
};

/**
 * Gunzips an uploaded archive, refusing one larger than `maxBytes` once decompressed: a gzip file
 * may not get past the size limit the same archive would meet uncompressed.
 * @throws AppError 413 (field `images`) past the limit, 400 for damaged gzip data.
 */
function gunzipArchive(bytes: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxBytes }));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new AppError(
        413,
        'payload_too_large',
        `images: the archive is larger than ${maxBytes} bytes once uncompressed (LC_IMPORT_BODY_LIMIT)`,
        { field: 'images' },
      );
    throw badRequest('images', `the gzip data is damaged (${(err as Error).message})`);
  }
}

/**
 * The regular files of a tar archive (ustar, GNU long names, pax paths), by path.
 * @param maxBytes largest size of a gzip archive once decompressed, in bytes.
 * @throws AppError 400 (field `images`) for bytes that are not a tar archive, 413 for a gzip
 *   archive larger than `maxBytes` once decompressed.
 */
export function readTar(bytes: Uint8Array, maxBytes: number): Map<string, Uint8Array> {
  const data = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipArchive(bytes, maxBytes) : bytes;
  const files = new Map<string, Uint8Array>();
  let at = 0;
  let longName: string | null = null;
  let paxPath: string | null = null;
  while (at + 512 <= data.length) {
    const header = data.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const sizeField = text(header, 124, 12).trim();
    const size = parseInt(sizeField || '0', 8);
    const sum = header.reduce((n, b, i) => n + (i >= 148 && i < 156 ? 32 : b), 0);
    if (!Number.isFinite(size) || size < 0 || parseInt(text(header, 148, 8).trim(), 8) !== sum) {
      throw badRequest(
        'images',
        'not a tar archive of the images folder (.tar, .tar.gz or .tgz), nor images',
      );
    }
    const type = String.fromCharCode(header[156] || 0x30);
    const body = data.subarray(at + 512, at + 512 + size);
    if (body.length < size) throw badRequest('images', 'the tar archive is cut short');
    const prefix = text(header, 345, 155);
    const name =
      longName ?? paxPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    if (type === 'L') longName = Buffer.from(body).toString('utf8').replace(/\0+$/, '');
    else if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(Buffer.from(body).toString('utf8'));
      paxPath = m ? m[1] : null;
    } else {
      if (type === '0' || type === '7') files.set(name, body);
      longName = null;
      paxPath = null;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/**
 * The index the importer reads images from (`MediawikiImportOptions.images.files`), from the
 * uploaded parts: images as they are, tar archives opened. Thumbnails and old versions are left out.
 * @param maxArchiveBytes largest size of a gzip archive once decompressed (the route's body limit).
 * @throws AppError 400 (field `images`) for an archive that cannot be read, 413 for a gzip archive
 *   larger than `maxArchiveBytes` once decompressed.
 */
export async function uploadedImages(
  parts: readonly File[],
  maxArchiveBytes: number,
): Promise<Map<string, () => Promise<Uint8Array>>> {
  const files = new Map<string, () => Promise<Uint8Array>>();
  const add = (path: string, bytes: Uint8Array) => {
    if (!isImagePath(path)) return;
    const name = path.split('/').filter(Boolean).pop()!;
    files.set(mediawikiFileKey(name), async () => bytes);
  };
  for (const part of parts) {
    const bytes = new Uint8Array(await part.arrayBuffer());
    if (/\.(?:tar|tar\.gz|tgz)$/i.test(part.name)) {
      for (const [path, body] of readTar(bytes, maxArchiveBytes)) add(path, body);
    } else if (/\.zip$/i.test(part.name)) {
      throw badRequest(
        'images',
        'zip archives are not read: send a .tar or .tar.gz of the images folder, or the images themselves',
      );
    } else add(part.name, bytes);
  }
  return files;
}
