import { labelFromFileName, markdownForFile, uploadFile } from '../api/files.js';

/*
 * Uploads from the editors: files dropped on or pasted into the text become uploads, and the
 * markdown that shows them (an image with its alt text, or a link) goes where they were dropped.
 */

/** The files carried by a drop or a paste (none for plain text). */
export function transferredFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files.length) return [...data.files];
  // Pasted screenshots come as items without a files list in some browsers.
  return [...data.items]
    .filter((i) => i.kind === 'file')
    .map((i) => i.getAsFile())
    .filter((f): f is File => f !== null);
}

/**
 * Uploads files one after the other and returns the markdown showing them, one per line.
 * A pasted image has a generic name ("image.png"): it gets a dated one, so two pastes do not
 * become two versions of the same file.
 * @throws ApiError from the first refused upload (413 over the limit, 400…).
 */
export async function uploadAsMarkdown(files: File[]): Promise<string> {
  const lines: string[] = [];
  for (const file of files) {
    const generic = /^image\.\w+$/i.test(file.name) || !file.name;
    const name = generic
      ? `image-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${Math.random().toString(36).slice(2, 6)}${extensionOf(file)}`
      : undefined;
    const result = await uploadFile(file, name ? { name } : {});
    lines.push(markdownForFile(result.file, generic ? '' : labelFromFileName(file.name)));
  }
  return lines.join('\n');
}

const extensionOf = (file: File) => {
  const m = /\.(\w{1,10})$/.exec(file.name) ?? /^image\/(\w+)/.exec(file.type);
  return m ? `.${m[1].toLowerCase()}` : '';
};
