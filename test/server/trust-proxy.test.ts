import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/open.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { createUser } from '../../server/auth/users.js';
import { configFromEnv } from '../../server/config.js';
import { parseTrustProxy, TrustedProxies } from '../../server/auth/proxy.js';
import type { Config } from '../../server/config.js';

let server: RunningServer | null = null;
let db: Database | null = null;
afterEach(async () => {
  await server?.close();
  db?.close();
  server = null;
  db = null;
});

/** A real server (the client address comes from the socket), with an account to sign in to. */
async function start(config: Partial<Config>) {
  db = openDatabase(':memory:');
  await createUser(db, {
    email: 'admin@example.org',
    name: 'Admin',
    password: 'un jardin partagé',
  });
  // loginMaxAttempts 1: five failures per address (perAddress allows five times as many).
  server = await startServer(db, { port: 0, loginMaxAttempts: 1, ...config });
  const login = (email: string, headers: Record<string, string> = {}, password = 'mauvais') =>
    fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });
  const addresses = () =>
    (db!.prepare(`SELECT address FROM audit_log ORDER BY id`).all() as { address: string }[]).map(
      (r) => r.address,
    );
  return { login, addresses };
}

describe('LC_TRUST_PROXY', () => {
  it('behind a trusted proxy, counts failed logins per forwarded address and logs that address', async () => {
    const { login, addresses } = await start({ trustProxy: ['127.0.0.1/32', '10.0.0.0/8'] });
    // The chain is read right to left, skipping trusted proxies (10.1.2.3 is one): the client is 203.0.113.5.
    const visitor = { 'x-forwarded-for': '198.51.100.99, 203.0.113.5, 10.1.2.3' };
    for (let i = 0; i < 5; i++)
      expect((await login(`nobody${i}@example.org`, visitor)).status).toBe(401);
    expect((await login('nobody9@example.org', visitor)).status).toBe(429);
    // Another visitor behind the same proxy is not locked out.
    expect((await login('nobody9@example.org', { 'x-forwarded-for': '203.0.113.6' })).status).toBe(
      401,
    );
    expect(addresses().slice(0, 5)).toEqual(Array(5).fill('203.0.113.5'));
    expect(addresses()[5]).toBe('203.0.113.6');
  });

  it('reads the standard Forwarded header too, and marks the cookie Secure when the proxy says HTTPS', async () => {
    const { login, addresses } = await start({ trustProxy: ['127.0.0.1'] });
    const ok = await login(
      'admin@example.org',
      { forwarded: 'for="[2001:db8::7]:4711";proto=https;host=wiki.example.org' },
      'un jardin partagé',
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(addresses()).toEqual(['2001:db8::7']);
    const plain = await login(
      'admin@example.org',
      { 'x-forwarded-proto': 'http' },
      'un jardin partagé',
    );
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('without it, forwarding headers are ignored: a visitor cannot pick the address it is counted under', async () => {
    const { login, addresses } = await start({});
    for (let i = 0; i < 5; i++)
      expect(
        (await login(`nobody${i}@example.org`, { 'x-forwarded-for': `203.0.113.${i}` })).status,
      ).toBe(401);
    const spoofed = await login('nobody9@example.org', {
      'x-forwarded-for': '198.51.100.1',
      forwarded: 'for=198.51.100.2;proto=https',
    });
    expect(spoofed.status).toBe(429);
    expect(new Set(addresses())).toEqual(new Set(['127.0.0.1']));
    const ok = await fetch(`${server!.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ email: 'admin@example.org', password: 'un jardin partagé' }),
    });
    expect(ok.headers.get('set-cookie') ?? '').not.toMatch(/;\s*Secure/i);
  });

  it('parses addresses and CIDRs from the environment and refuses anything else', () => {
    expect(configFromEnv({ LC_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8 fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(configFromEnv({}).trustProxy).toEqual([]);
    expect(() => parseTrustProxy('127.0.0.1,proxy.local')).toThrow(/proxy\.local/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
    const p = new TrustedProxies(['10.0.0.0/8', 'fd00::/8', '127.0.0.1']);
    expect([
      p.has('10.200.0.1'),
      p.has('::ffff:127.0.0.1'),
      p.has('fd12::1'),
      p.has('11.0.0.1'),
      p.has('unknown'),
    ]).toEqual([true, true, true, false, false]);
  });
});
