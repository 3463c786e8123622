import { openDatabase, type Database } from '../../server/db/open.js';
import { createApp } from '../../server/app.js';
import { createApiToken, createUser, type Role } from '../../server/auth/users.js';
import type { Config } from '../../server/config.js';

/**
 * A JSON answer as the tests read it: any shape, navigated by path and checked by the assertions
 * that follow (typing it would restate every route's schema in the tests). The tests' one `any`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnswerJson = any;

/**
 * A fresh app on an in-memory database (or on `db`, a file a test reopens), with helpers to call
 * it as a given user.
 */
export async function testApp(
  config: Partial<Config> = {},
  db: Database = openDatabase(':memory:'),
) {
  const built = createApp({ db, config: { loginMaxAttempts: 1000, ...config } });
  const tokens = new Map<Role, string>();

  /** Creates (once) a user with that role and returns a bearer token for it. */
  async function tokenFor(role: Role): Promise<string> {
    let token = tokens.get(role);
    if (!token) {
      // The first account always becomes admin: make sure the admin exists first.
      if (role !== 'admin' && !tokens.has('admin')) await tokenFor('admin');
      const u = await createUser(db, {
        email: `${role}@example.org`,
        name: `Test ${role}`,
        password: 'password123',
        role,
      });
      token = createApiToken(db, u.id, 'test');
      tokens.set(role, token);
    }
    return token;
  }

  /** Sends a request, JSON-encoding `body`, optionally as a user of `role`. */
  async function request(
    method: string,
    path: string,
    opts: { body?: unknown; as?: Role; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
    const res = await built.app.request(path, {
      method,
      headers,
      body:
        opts.body === undefined
          ? undefined
          : typeof opts.body === 'string'
            ? opts.body
            : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let json: AnswerJson;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  }

  return { db, ...built, tokenFor, request };
}
