/**
 * Reverse proxies: which peers may tell us the client's address and scheme (`LC_TRUST_PROXY`).
 * Only when the socket's peer is a trusted proxy are `Forwarded` / `X-Forwarded-For` /
 * `X-Forwarded-Proto` / `X-Forwarded-Host` read; from anyone else they are ignored, so a visitor
 * cannot pick the address its rate limit is counted under.
 */
import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { requestHeader } from '../request-headers.js';

/** A set of trusted proxy addresses and networks. */
export class TrustedProxies {
  private readonly list = new BlockList();
  /** True when no proxy is trusted (forwarding headers are never read). */
  readonly empty: boolean;

  /**
   * @param entries addresses (`10.0.0.1`, `::1`) or CIDRs (`10.0.0.0/8`, `fd00::/8`).
   * @throws Error naming the first entry that is neither.
   */
  constructor(entries: readonly string[]) {
    for (const raw of entries) {
      const entry = raw.trim();
      if (!entry) continue;
      const [addr, bits, extra] = entry.split('/');
      const family = isIP(addr);
      const prefix = bits === undefined ? undefined : Number(bits);
      const max = family === 4 ? 32 : 128;
      if (
        !family ||
        extra !== undefined ||
        (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))
      ) {
        throw new Error(
          `LC_TRUST_PROXY: "${entry}" is neither an IP address nor a CIDR (10.0.0.0/8, fd00::/8)`,
        );
      }
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(addr, type);
      else this.list.addSubnet(addr, prefix, type);
    }
    this.empty = entries.every((e) => !e.trim());
  }

  /** True when `address` (IPv4, IPv6, or IPv4-mapped IPv6) is a trusted proxy. */
  has(address: string | undefined): boolean {
    if (this.empty || !address) return false;
    const a = unmapped(address);
    const family = isIP(a);
    if (!family) return false;
    return this.list.check(a, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** `::ffff:1.2.3.4` → `1.2.3.4` (how a dual-stack socket reports IPv4 peers). */
const unmapped = (address: string) =>
  /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address) ? address.slice(7) : address;

/** Parses `LC_TRUST_PROXY` (comma- or space-separated). @throws Error for an entry that is not an address or CIDR. */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  new TrustedProxies(entries); // validates
  return entries;
}

/** The socket peer's address, or undefined (tests through `app.request` have no socket). */
export function socketAddress(c: Context): string | undefined {
  try {
    const a = getConnInfo(c).remote.address;
    return a ? unmapped(a) : undefined;
  } catch {
    return undefined;
  }
}

/** One `for=` / `proto=` / `host=` value of every element of a `Forwarded` header (RFC 7239), in order. */
function forwardedParams(header: string, key: string): string[] {
  const out: string[] = [];
  for (const element of header.split(',')) {
    for (const pair of element.split(';')) {
      const eq = pair.indexOf('=');
      if (eq < 0 || pair.slice(0, eq).trim().toLowerCase() !== key) continue;
      let v = pair.slice(eq + 1).trim();
      if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
      out.push(v);
    }
  }
  return out;
}

/** `[2001:db8::1]:443` → `2001:db8::1`, `1.2.3.4:80` → `1.2.3.4`. */
function stripPort(node: string): string {
  if (node.startsWith('[')) {
    const end = node.indexOf(']');
    return end > 0 ? node.slice(1, end) : node;
  }
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(node)) return node.slice(0, node.lastIndexOf(':'));
  return node;
}

/**
 * The client's address: the socket peer, or, when that peer is a trusted proxy, the nearest
 * address in the forwarding chain that is not itself a trusted proxy (read right to left, the
 * way each proxy appends). `Forwarded` wins over `X-Forwarded-For` when both are present.
 * @returns 'unknown' when the runtime does not tell (tests through `app.request`).
 */
export function clientAddressOf(c: Context, proxies: TrustedProxies): string {
  const peer = socketAddress(c);
  if (!peer) return 'unknown';
  if (!proxies.has(peer)) return peer;
  const forwarded = requestHeader(c, 'forwarded');
  const chain = forwarded
    ? forwardedParams(forwarded, 'for').map(stripPort)
    : (requestHeader(c, 'x-forwarded-for') ?? '')
        .split(',')
        .map((s) => stripPort(s.trim()))
        .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = unmapped(chain[i]);
    if (!isIP(hop)) return peer; // "unknown" or an obfuscated node: stop at the proxy we know
    if (!proxies.has(hop)) return hop;
  }
  return chain.length ? unmapped(chain[0]) : peer;
}

/** The first value a trusted proxy gives for `proto` or `host`, else undefined. */
function forwardedValue(
  c: Context,
  proxies: TrustedProxies,
  key: 'proto' | 'host',
): string | undefined {
  if (!proxies.has(socketAddress(c))) return undefined;
  const forwarded = requestHeader(c, 'forwarded');
  if (forwarded) return forwardedParams(forwarded, key)[0];
  return requestHeader(c, `x-forwarded-${key}`)?.split(',')[0].trim() || undefined;
}

/** True when a trusted proxy says the client used HTTPS (cookies are then marked `Secure`). */
export function forwardedHttps(c: Context, proxies: TrustedProxies): boolean {
  return forwardedValue(c, proxies, 'proto')?.toLowerCase() === 'https';
}

/** The host the client asked for, as a trusted proxy tells it (for the WebSocket origin check). */
export function forwardedHost(c: Context, proxies: TrustedProxies): string | undefined {
  return forwardedValue(c, proxies, 'host');
}
