import { Hono, type Context } from 'hono';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { createNodeWebSocket } from '@hono/node-ws';
import {
  documentSecurityHeaders,
  embedSecurityHeaders,
  isUnder,
  setDataSecurityHeaders,
} from './security-headers.js';
import { compressing } from './compression.js';
import type { Database } from './db/open.js';
import { defaultConfig, type Config } from './config.js';
import type { AppEnv, AppServices } from './env.js';
import { handleError } from './errors.js';
import { IMPORT_PATH, limitBodyTo, UPLOAD_PATH } from './body-limit.js';
import { authenticate } from './auth/middleware.js';
import { TrustedProxies } from './auth/proxy.js';
import { WikiServicesWithAnswers } from './wiki/page-answers.js';
import { WikiSearch } from '../registry/wiki/search.js';
import { CollabService } from './collab/service.js';
import { collabRoutes } from './collab/upgrade.js';
import { authRoutes } from './routes/auth.js';
import { accountsAdmin } from './routes/accounts-admin.js';
import { health } from './routes/health.js';
import { pages } from './routes/pages.js';
import { search } from './routes/search.js';
import { recentChangesRoutes, wiki as wikiRoutes } from './routes/wiki.js';
import { switchyard } from './routes/switchyard.js';
import { registrySnapshotSource, SwitchyardService } from '../registry/switchyard/service.js';
import { feed } from './routes/feed.js';
import { resources } from './routes/resources.js';
import { places, placesMap } from './routes/places.js';
import { people } from './routes/people.js';
import { registryAdmin } from './routes/registry-admin.js';
import { clientApp } from './static.js';
import { openApiDocument } from './openapi/index.js';
import { describeRoute } from './openapi/describe.js';
import { MailSender } from './mail/sender.js';
import { mailAdmin } from './routes/mail.js';
import { MEDIAWIKI_UPLOAD_PATH, mediawikiAdmin } from './routes/mediawiki.js';
import { fileContents, fileLogRoutes, files } from './routes/files.js';
import { fieldDefs, pageExtras } from './routes/fields.js';
import { LocalFileStorage, resolveFilesDir } from './files/storage.js';
import { events, eventsIcs } from './routes/events.js';
import { campaigns } from './routes/campaigns.js';
import { placeEvents } from './routes/place-events.js';
import { embed } from './routes/embed.js';
import { PermanenceService } from './permanences/service.js';
import {
  bookings,
  experts,
  permanenceDashboard,
  permanenceDashboardCsvRoute,
  permanences,
  permanencesFeed,
} from './routes/permanences.js';
import { collabSave } from './routes/collab-save.js';
import { inbox, myMessages, unread } from './routes/inbox.js';
import { searchAll } from './routes/search-all.js';
import { accessibility } from './routes/accessibility.js';

/** What `createApp` needs. */
export interface AppDeps {
  db: Database;
  config?: Partial<Config>;
}

/**
 * Builds the whole HTTP application from its dependencies (nothing read from the environment).
 * @returns the Hono app and the services it built, for the server and the tests.
 */
export function createApp(deps: AppDeps) {
  const config = defaultConfig(deps.config);
  const db = deps.db;
  const wiki = new WikiServicesWithAnswers(db);
  const collab = new CollabService(db, wiki, {
    quietMs: config.collabQuietMs,
    maxSpanMs: config.collabMaxSpanMs,
    compactEvery: config.collabCompactEvery,
    unloadMs: config.collabUnloadMs,
    accessCheckMs: config.collabAccessCheckMs,
  });
  const mail = new MailSender(db, {
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    pollMs: config.mailPollMs,
  });
  mail.start();
  const permanenceService = new PermanenceService(db, {
    publicUrl: config.publicUrl,
    reminderPollMs: config.permanenceReminderPollMs,
    onMailQueued: () => void mail.flush(),
  });
  permanenceService.start();
  const services: AppServices = {
    wiki,
    mail,
    permanences: permanenceService,
    proxies: new TrustedProxies(config.trustProxy),
    search: new WikiSearch(db, wiki),
    switchyard: new SwitchyardService(db, registrySnapshotSource(db)),
    collab,
    files: new LocalFileStorage(resolveFilesDir(config.filesDir, db)),
    close: () => {
      collab.close();
      mail.stop();
      permanenceService.stop();
    },
  };

  // RegExpRouter matches a request with one regular expression, ten times faster than the trie
  // Hono falls back to when a route is ambiguous (a fixed segment next to a parameter, like
  // /api/places/geo next to /api/places/:slug). Set here, such a route fails at start-up instead.
  const app = new Hono<AppEnv>({ router: new RegExpRouter() });
  // WebSocket routes (co-editing) are registered on this app; the server calls injectWebSocket.
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // Larger WebSocket messages are refused by ws itself (close 1009) before being buffered whole.
  wss.options.maxPayload = config.collabMaxMessageBytes;
  app.onError(handleError);
  const noRoute = (c: Context<AppEnv>) =>
    c.json(
      { error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}` } },
      404,
    );
  app.notFound(noRoute);
  const limitBody = limitBodyTo(config.bodyLimit);
  // Reads carry no body: checking one makes @hono/node-server build a full Request per read,
  // which roughly halved the throughput of page reads in bench measurements. Bundle imports have
  // their own, larger limit, applied by their route after the admin check (server/body-limit.ts).
  // Answers larger than 1 KB leave compressed when the client accepts it (server/compression.ts).
  const api = compressing<AppEnv>((c, next) => {
    const method = c.req.method;
    const path = c.req.path;
    if (
      method === 'GET' ||
      method === 'HEAD' ||
      path === IMPORT_PATH ||
      path === UPLOAD_PATH ||
      path === MEDIAWIKI_UPLOAD_PATH
    ) {
      return authenticate(c, next);
    }
    return limitBody(c, async () => {
      await authenticate(c, next);
    });
  });
  const feedAuth = compressing<AppEnv>(authenticate);
  // One middleware in front of every route (each layer is a promise per request, and page reads
  // are benchmarked against a bare route): services, security headers, then for the API and the
  // feeds, compression, body limit and authentication. Data answers get their security headers
  // by a fast path (server/security-headers.ts), documents through hono/secure-headers.
  app.use('*', (c, next) => {
    c.set('db', db);
    c.set('config', config);
    c.set('services', services);
    const path = c.req.path;
    if (isUnder(path, '/api')) {
      setDataSecurityHeaders(c);
      return api(c, next);
    }
    if (isUnder(path, '/feed') || isUnder(path, '/files')) {
      setDataSecurityHeaders(c);
      return feedAuth(c, next);
    }
    if (isUnder(path, '/embed')) return embedSecurityHeaders(c, next);
    return documentSecurityHeaders(c, next);
  });

  app.route('/api/health', health);
  // Generated from the routes' declarations on first request, once every route is registered.
  let openApi: ReturnType<typeof openApiDocument> | undefined;
  const describeOpenApi = describeRoute({
    tags: ['system'],
    summary: 'This document',
    responses: { 200: { description: 'OK' } },
  });
  app.get('/api/openapi.json', describeOpenApi, (c) =>
    c.json((openApi ??= openApiDocument(app.routes))),
  );
  app.route('/api/auth', authRoutes(config));
  app.route('/api/admin', accountsAdmin);
  app.route('/api/pages', pages);
  app.route('/api/pages', collabSave);
  app.route('/api/wiki', wikiRoutes);
  app.route('/api/switchyard', switchyard);
  app.route('/api/recent-changes', recentChangesRoutes);
  app.route('/api/resources', resources);
  app.route('/api/places', places);
  app.route('/api/places', placeEvents);
  app.route('/api/map/places', placesMap);
  app.route('/api/people', people);
  app.route('/api', registryAdmin);
  app.route('/api/search/all', searchAll);
  app.route('/api/search', search);
  app.route('/api/inbox', inbox);
  app.route('/api/my-messages', myMessages);
  app.route('/api/unread', unread);
  app.route('/api/admin/outbox', mailAdmin);
  app.route('/api/admin/mediawiki', mediawikiAdmin);
  app.route('/api/files', files);
  app.route('/api/file-log', fileLogRoutes);
  app.route('/api/page-fields', fieldDefs);
  app.route('/api/pages', pageExtras);
  app.route('/api/events', events);
  app.route('/api/events.ics', eventsIcs);
  app.route('/api/campaigns', campaigns);
  app.route('/api/permanences', permanences);
  app.route('/api/permanences.ics', permanencesFeed);
  app.route('/api/bookings', bookings);
  app.route('/api/experts', experts);
  app.route('/api/permanence-dashboard', permanenceDashboard);
  app.route('/api/permanence-dashboard.csv', permanenceDashboardCsvRoute);
  app.route('/api/accessibility', accessibility);
  app.route('/collab', collabRoutes(upgradeWebSocket));
  app.all('/api/*', noRoute);

  app.route('/feed', feed);
  // Under /feed/ answers get the data security headers (CSP default-src 'none'): the browser
  // application must not answer there, it would be a blank page.
  app.all('/feed/*', noRoute);
  app.route('/files', fileContents);
  app.all('/files/*', noRoute);
  app.route('/embed', embed);
  app.route('/', clientApp(config.clientDir));
  return { app, services, config, injectWebSocket };
}
