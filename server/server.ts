import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Database } from './db/open.js';
import { createApp } from './app.js';
import type { Config } from './config.js';

/** A running HTTP (and WebSocket) server. */
export interface RunningServer {
  port: number;
  url: string;
  app: ReturnType<typeof createApp>;
  /** Stops accepting connections, closes open ones, and resolves when done (the database stays open). */
  close(): Promise<void>;
}

/**
 * Starts the application on `config.port` (0 picks a free port, as tests do).
 */
export async function startServer(
  db: Database,
  config: Partial<Config> = {},
): Promise<RunningServer> {
  const built = createApp({ db, config });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: built.app.fetch,
        port: built.config.port,
        hostname: config.port === 0 ? '127.0.0.1' : undefined,
      },
      () => resolve(s),
    );
  });
  built.injectWebSocket(server);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    app: built,
    close: () =>
      new Promise<void>((resolve) => {
        built.services.close?.();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
