import type { Database } from './db/open.js';
import type { Config } from './config.js';
import type { User } from './auth/users.js';
import type { WikiServicesWithAnswers } from './wiki/page-answers.js';
import type { WikiSearch } from '../registry/wiki/search.js';
import type { CollabService } from './collab/service.js';
import type { SwitchyardService } from '../registry/switchyard/service.js';
import type { MailSender } from './mail/sender.js';
import type { FileStorage } from './files/storage.js';
import type { PermanenceService } from './permanences/service.js';
import type { TrustedProxies } from './auth/proxy.js';

/** Long-lived services built once by `createApp` and reachable from every handler as `c.get('services')`. */
export interface AppServices {
  wiki: WikiServicesWithAnswers;
  /** Full-text search over wiki pages, kept current by wiki saves. */
  search: WikiSearch;
  /** Real-time co-editing (Yjs documents, WebSocket connections). */
  collab: CollabService;
  /** The switchyard's matcher with its per-snapshot indexes. */
  switchyard: SwitchyardService;
  /** Delivers queued mail (server/mail/queue.ts's enqueueMail queues it) through SMTP, when configured. */
  mail: MailSender;
  /** Where uploaded files' contents live (content-addressed; server/files/storage.ts). */
  files: FileStorage;
  /** Expert permanences: publishing, bookings, notifications and the 24 h reminders. */
  permanences: PermanenceService;
  /** Reverse proxies whose forwarding headers are believed (`LC_TRUST_PROXY`). */
  proxies: TrustedProxies;
  /** Releases timers and connections held by services (called when the server stops). */
  close?: () => void;
}

/** Hono environment shared by every sub-app. */
export interface AppEnv {
  Variables: {
    db: Database;
    config: Config;
    services: AppServices;
    /** The authenticated user, or null for an anonymous visitor. */
    user: User | null;
    /** How the user authenticated: cookie sessions need CSRF tokens, bearer tokens do not. */
    authVia: 'session' | 'token' | null;
    /** The CSRF token bound to the session, when authenticated by cookie. */
    csrf: string | null;
    /** The public id of the cookie session (to mark "this device" and keep it on a password change). */
    sessionId: string | null;
  };
}
