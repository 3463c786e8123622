/** Runtime configuration: built once by the CLI from flags and environment, then passed down. */
export interface Config {
  /** Path of the SQLite database file. */
  dbPath: string;
  /** HTTP port. */
  port: number;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Whether anonymous visitors may read pages and the registry. */
  publicRead: boolean;
  /** Mark session cookies `Secure` (set when served over HTTPS). */
  secureCookies: boolean;
  /** Session lifetime, in seconds. */
  sessionTtl: number;
  /** Login attempts allowed per account and per address within `loginWindowMs`. */
  loginMaxAttempts: number;
  loginWindowMs: number;
  /** Folder of the built browser application (Vite output). */
  clientDir: string;
}

/** Defaults for everything; `overrides` wins. */
export function defaultConfig(overrides: Partial<Config> = {}): Config {
  return {
    dbPath: './data/lieux-communs.sqlite',
    port: 3000,
    bodyLimit: 5 * 1024 * 1024,
    publicRead: true,
    secureCookies: false,
    sessionTtl: 30 * 24 * 3600,
    loginMaxAttempts: 10,
    loginWindowMs: 15 * 60 * 1000,
    clientDir: new URL('../dist/client/', import.meta.url).pathname,
    ...overrides,
  };
}

/** Reads the documented environment variables (PORT, LC_DB, LC_PUBLIC_READ, LC_BODY_LIMIT, LC_SECURE_COOKIES). */
export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<Config> = {}): Config {
  const fromEnv: Partial<Config> = {};
  if (env.PORT) fromEnv.port = Number(env.PORT);
  if (env.LC_DB) fromEnv.dbPath = env.LC_DB;
  if (env.LC_PUBLIC_READ) fromEnv.publicRead = env.LC_PUBLIC_READ !== 'false';
  if (env.LC_BODY_LIMIT) fromEnv.bodyLimit = Number(env.LC_BODY_LIMIT);
  if (env.LC_SECURE_COOKIES) fromEnv.secureCookies = env.LC_SECURE_COOKIES === 'true';
  return defaultConfig({ ...fromEnv, ...overrides });
}
