import { fileTypeFromBuffer } from 'file-type';

/*
 * A file's type comes from its bytes (file-type's magic numbers), never from its name or from the
 * type a browser claims. file-type does not recognise text formats: SVG, HTML and XML are told
 * apart here from the first kilobytes, and anything else that decodes as UTF-8 is plain text.
 */

const TEXT_HEAD_BYTES = 4096;
const SVG_RE =
  /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;
// Anything a browser could take for a document: served as an attachment in any case, but named so.
const HTML_RE =
  /<(?:!doctype\s+html|html|head|body|script|iframe|object|embed|meta|link|style)[\s>/]/i;

/** The MIME type of some bytes. Unknown binary is `application/octet-stream`. */
export async function sniffContentType(bytes: Uint8Array): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found && found.mime !== 'application/xml') return found.mime;
  const head = bytes.subarray(0, TEXT_HEAD_BYTES);
  if (head.includes(0)) return found?.mime ?? 'application/octet-stream';
  let text: string;
  try {
    // A multi-byte character cut at the end of the head is not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return found?.mime ?? 'application/octet-stream';
  }
  if (SVG_RE.test(text)) return 'image/svg+xml';
  if (HTML_RE.test(text)) return 'text/html';
  if (found) return found.mime;
  return 'text/plain';
}

/**
 * Types a browser may show in the page (`Content-Disposition: inline`): raster images, PDF, audio,
 * video and plain text. Everything else (SVG and HTML can run scripts, unknown binary) is served
 * as an attachment.
 */
export function isInlineSafe(contentType: string): boolean {
  return (
    /^image\/(?:png|jpeg|gif|webp|avif|bmp)$/.test(contentType) ||
    /^(?:audio|video)\/[\w.+-]+$/.test(contentType) ||
    contentType === 'application/pdf' ||
    contentType === 'text/plain'
  );
}

/** Whether a page shows the file as an image (`![alt](/files/…)`) rather than a link. */
export const isImage = (contentType: string) =>
  isInlineSafe(contentType) && contentType.startsWith('image/');
