import { join } from 'node:path';
import { parseTrustProxy } from './auth/proxy.js';
import { PROJECT_ROOT } from './project-root.js';

/** Runtime configuration: built once by the CLI from flags and environment, then passed down. */
export interface Config {
  /** Path of the SQLite database file. */
  dbPath: string;
  /** HTTP port. */
  port: number;
  /** Largest accepted request body, in bytes (every route but `POST /api/import`). */
  bodyLimit: number;
  /** Largest accepted body of `POST /api/import` (commons bundles, admins only), in bytes. */
  importBodyLimit: number;
  /** Whether anonymous visitors may read pages and the registry. */
  publicRead: boolean;
  /** Mark session cookies `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Session lifetime, in seconds. */
  sessionTtl: number;
  /** Login attempts allowed per account and per address within `loginWindowMs`. */
  loginMaxAttempts: number;
  loginWindowMs: number;
  /** Sign-ups (and reset requests) allowed per address, and from everyone together, within `signupWindowMs`. */
  signupMaxPerAddress: number;
  signupMaxGlobal: number;
  signupWindowMs: number;
  /** Sign-up and reset-request answers take at least this long, whether or not the address has an account. */
  accountAnswerFloorMs: number;
  /** Folder of the built browser application (Vite output). */
  clientDir: string;
  /** Co-editing: a revision is written after this many ms without edits (and when the last editor leaves). */
  collabQuietMs: number;
  /** Co-editing: …or after this many ms of continuous editing. */
  collabMaxSpanMs: number;
  /** Co-editing: the update log is folded into a snapshot after this many updates. */
  collabCompactEvery: number;
  /** Co-editing: a document nobody is connected to leaves memory after this many ms. */
  collabUnloadMs: number;
  /** Co-editing: largest accepted WebSocket message, in bytes (larger ones close the connection). */
  collabMaxMessageBytes: number;
  /** Co-editing: how often open sockets' sessions and tokens are checked, in ms (an expired session's sockets close within it). */
  collabAccessCheckMs: number;
  /** Outgoing mail: `smtp://user:pass@host:port` (or `smtps://`); null keeps mails in the admins' outbox. */
  smtpUrl: string | null;
  /** The From address of outgoing mail. */
  mailFrom: string;
  /** How often queued mails are looked at for sending, in ms. */
  mailPollMs: number;
  /** The public address of this instance (links in mails), without a trailing slash. */
  publicUrl: string;
  /** Folder of uploaded files; null: `files` beside the database (a temporary folder for an in-memory one). */
  filesDir: string | null;
  /** Largest accepted upload (`POST /api/files`), in bytes (413 above). */
  uploadLimit: number;
  /** MediaWiki import (web and CLI): largest size of a `.xml.gz` export once decompressed, in bytes (413 / an error above). */
  mediawikiXmlLimit: number;
  /** Calendar import from a URL: how long the fetch may take, in ms. */
  calendarFetchTimeoutMs: number;
  /** Calendar import from a URL: largest calendar accepted, in bytes. */
  calendarMaxBytes: number;
  /**
   * Calendar import: most occurrences in the imported window (and ten times that expanded from
   * recurrences); above, the import is refused with a 400.
   */
  calendarMaxOccurrences: number;
  /** Calendar import from a URL: allow loopback and private addresses (tests only; refused in production against SSRF). */
  calendarAllowPrivate: boolean;
  /** How often bookings are looked at for their 24 h reminder mail, in ms. */
  permanenceReminderPollMs: number;
  /** Reverse proxies (addresses or CIDRs) whose `Forwarded` / `X-Forwarded-*` headers are read; empty: none. */
  trustProxy: string[];
  /** Where people report an accessibility problem (the statement's contact): an e-mail address or a URL; null when unset. */
  a11yContact: string | null;
}

/** Defaults for everything; `overrides` wins. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    dbPath: './data/lieux-communs.sqlite',
    port: 3000,
    bodyLimit: 5 * 1024 * 1024,
    importBodyLimit: 64 * 1024 * 1024,
    publicRead: true,
    secureCookies: false,
    sessionTtl: 30 * 24 * 3600,
    loginMaxAttempts: 10,
    loginWindowMs: 15 * 60 * 1000,
    signupMaxPerAddress: 10,
    signupMaxGlobal: 200,
    signupWindowMs: 60 * 60 * 1000,
    accountAnswerFloorMs: 250,
    clientDir: join(PROJECT_ROOT, 'dist/client/'),
    collabQuietMs: 30_000,
    collabMaxSpanMs: 5 * 60_000,
    collabCompactEvery: 500,
    collabUnloadMs: 10_000,
    // Above the REST body limit (a page of that size must still sync), below 10 MB.
    collabMaxMessageBytes: 8 * 1024 * 1024,
    collabAccessCheckMs: 15_000,
    smtpUrl: null,
    mailFrom: 'Lieux Communs <noreply@localhost>',
    mailPollMs: 5_000,
    publicUrl: 'http://localhost:3000',
    filesDir: null,
    uploadLimit: 20 * 1024 * 1024,
    // Full-history exports compress tenfold or more (64 MB gzip: ~1 GB); the reader streams them.
    mediawikiXmlLimit: 1024 * 1024 * 1024,
    calendarFetchTimeoutMs: 10_000,
    calendarMaxBytes: 2 * 1024 * 1024,
    calendarMaxOccurrences: 10_000,
    calendarAllowPrivate: false,
    permanenceReminderPollMs: 5 * 60_000,
    trustProxy: [],
    a11yContact: null,
    ...overrides,
  };
}

/** Reads the documented environment variables (PORT, LC_DB, LC_PUBLIC_READ, LC_BODY_LIMIT, LC_IMPORT_BODY_LIMIT, LC_SECURE_COOKIES, LC_COLLAB_QUIET_MS, LC_SMTP_URL, LC_MAIL_FROM, LC_PUBLIC_URL, LC_FILES_DIR, LC_UPLOAD_LIMIT, LC_MEDIAWIKI_XML_LIMIT, LC_TRUST_PROXY, LC_A11Y_CONTACT). */
export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const fromEnv: Partial<Config> = {};
  if (env.PORT) fromEnv.port = Number(env.PORT);
  if (env.LC_DB) fromEnv.dbPath = env.LC_DB;
  if (env.LC_PUBLIC_READ) fromEnv.publicRead = env.LC_PUBLIC_READ !== 'false';
  if (env.LC_BODY_LIMIT) fromEnv.bodyLimit = Number(env.LC_BODY_LIMIT);
  if (env.LC_IMPORT_BODY_LIMIT) fromEnv.importBodyLimit = Number(env.LC_IMPORT_BODY_LIMIT);
  if (env.LC_SECURE_COOKIES) fromEnv.secureCookies = env.LC_SECURE_COOKIES === 'true';
  if (env.LC_COLLAB_QUIET_MS) fromEnv.collabQuietMs = Number(env.LC_COLLAB_QUIET_MS);
  if (env.LC_SMTP_URL) fromEnv.smtpUrl = env.LC_SMTP_URL;
  if (env.LC_MAIL_FROM) fromEnv.mailFrom = env.LC_MAIL_FROM;
  if (env.LC_PUBLIC_URL) fromEnv.publicUrl = env.LC_PUBLIC_URL.replace(/\/+$/, '');
  else if (env.PORT) fromEnv.publicUrl = `http://localhost:${env.PORT}`;
  if (env.LC_FILES_DIR) fromEnv.filesDir = env.LC_FILES_DIR;
  if (env.LC_UPLOAD_LIMIT) fromEnv.uploadLimit = Number(env.LC_UPLOAD_LIMIT);
  if (env.LC_MEDIAWIKI_XML_LIMIT) fromEnv.mediawikiXmlLimit = Number(env.LC_MEDIAWIKI_XML_LIMIT);
  if (env.LC_TRUST_PROXY) fromEnv.trustProxy = parseTrustProxy(env.LC_TRUST_PROXY);
  if (env.LC_A11Y_CONTACT) fromEnv.a11yContact = env.LC_A11Y_CONTACT.trim();
  return defaultConfig({ ...fromEnv, ...overrides });
}
