import { z } from 'zod';

/*
 * What the file routes answer (/api/files, /api/file-log, a page's files list), as zod schemas:
 * the OpenAPI document is generated from them, the routes check what they send against them
 * (`satisfies`), the client takes its types from them. No server-only import.
 */

const int = () => z.number().int();

/** Someone named next to a file version: an account, or an imported author's name. */
export const Uploader = z.object({
  id: int().nullable(),
  name: z.string(),
  imported: z.boolean().describe('An author imported from another wiki, without an account here'),
});
/** Someone named next to a file version. */
export type Uploader = z.infer<typeof Uploader>;

/** A file: its name, current version and whether pages show it as an image. */
export const FileInfo = z
  .object({
    name: z.string(),
    version: int(),
    sha256: z.string(),
    size: int(),
    contentType: z.string().describe('Sniffed from the bytes at upload'),
    image: z.boolean().describe('Shown as an image in pages'),
    url: z.string().describe('/files/NAME'),
    createdAt: z.string(),
    updatedAt: z.string(),
    uploadedBy: Uploader.nullable(),
  })
  .meta({ id: 'FileInfo' });
/** A file. */
export type FileInfo = z.infer<typeof FileInfo>;

/** One version of a file. */
export const FileVersion = z.object({
  number: int(),
  sha256: z.string(),
  size: int(),
  contentType: z.string(),
  originalName: z.string(),
  comment: z.string(),
  uploadedBy: Uploader.nullable(),
  uploadedAt: z.string(),
  url: z.string().describe("Where this version's bytes are served"),
});
/** One version of a file. */
export type FileVersion = z.infer<typeof FileVersion>;

/** GET /api/files/{name}: a file with its history and the pages using it. */
export const FileDetails = FileInfo.extend({
  versions: z.array(FileVersion),
  usedBy: z
    .array(
      z.object({
        slug: z.string(),
        title: z.string(),
        attached: z.boolean(),
        linked: z.boolean(),
      }),
    )
    .describe('Live pages linking to the file or having it attached, by title'),
}).meta({ id: 'FileDetails' });
/** A file with its history and the pages using it. */
export type FileDetails = z.infer<typeof FileDetails>;

/** GET /api/files. */
export const FileList = z.object({ total: int(), files: z.array(FileInfo) });
/** GET /api/files. */
export type FileList = z.infer<typeof FileList>;

/** POST /api/files: what the upload did. */
export const UploadResult = z.object({
  file: FileInfo,
  created: z.boolean().describe('The name was new'),
  changed: z
    .boolean()
    .describe("A version was written (false when the bytes are the current version's)"),
});
/** POST /api/files. */
export type UploadResult = z.infer<typeof UploadResult>;

/** A file of a page's files list: attached from the list, or used in the page's body. */
export const PageFile = FileInfo.extend({ attached: z.boolean(), linked: z.boolean() });
/** A file of a page's files list. */
export type PageFile = z.infer<typeof PageFile>;

/** GET, POST /api/pages/{slug}/files and DELETE /api/pages/{slug}/files/{name}. */
export const PageFiles = z.object({ files: z.array(PageFile) });
/** A page's files list. */
export type PageFiles = z.infer<typeof PageFiles>;

/** One entry of the file log (deletions). */
export const FileLogEntry = z.object({
  id: int(),
  action: z.enum(['delete', 'delete-version']),
  name: z.string(),
  version: int().nullable(),
  user: z.object({ id: int(), name: z.string() }).nullable(),
  reason: z.string(),
  createdAt: z.string(),
});
/** One entry of the file log. */
export type FileLogEntry = z.infer<typeof FileLogEntry>;

/** GET /api/file-log. */
export const FileLog = z.object({ entries: z.array(FileLogEntry) });
/** GET /api/file-log. */
export type FileLog = z.infer<typeof FileLog>;
