import { lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { AppError, badRequest } from '../errors.js';
import { decodeCalendar } from '../../registry/events/ics-decode.js';

/** How a calendar is fetched. */
export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Allow loopback and private addresses (tests); refused otherwise, against SSRF. */
  allowPrivate: boolean;
}

const MAX_REDIRECTS = 3;

/**
 * Whether an address may not be fetched on a visitor's behalf: loopback, private (RFC 1918, ULA),
 * link-local, CGNAT, unspecified, multicast and reserved ranges, IPv4 inside IPv6 included (mapped,
 * translated or compatible, in dotted or hexadecimal form).
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  if (isIP(address) === 4) {
    const [a, b] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      a >= 224 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19))
    );
  }
  const v6 = address.toLowerCase();
  const embedded = embeddedIpv4(v6);
  if (embedded) return isPrivateAddress(embedded);
  return (
    v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || v6.startsWith('ff')
  );
}

/**
 * Resolves like dns.lookup but refuses private addresses: checked at connection time, so a name
 * that resolves differently on a second lookup (DNS rebinding) cannot reach the internal network.
 */
/**
 * The IPv4 address inside an IPv6 address that reaches it: IPv4-mapped (`::ffff:7f00:1`, the form
 * the URL parser gives `[::ffff:127.0.0.1]`), IPv4-translated (`::ffff:0:…`) or IPv4-compatible
 * (`::7f00:1`); undefined for any other address.
 */
function embeddedIpv4(v6: string): string | undefined {
  if (isIP(v6) !== 6) return undefined;
  let text = v6;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const part = (s: string | undefined) => (s ? s.split(':') : []);
  const groups =
    tail === undefined
      ? part(head)
      : [
          ...part(head),
          ...Array(8 - part(head).length - part(tail).length).fill('0'),
          ...part(tail),
        ];
  const n = groups.map((g) => parseInt(g, 16));
  const prefixZero = n.slice(0, 4).every((g) => g === 0);
  const mapped =
    prefixZero &&
    ((n[4] === 0 && (n[5] === 0xffff || n[5] === 0)) || (n[4] === 0xffff && n[5] === 0));
  if (!mapped || (n[6] === 0 && n[7] <= 1)) return undefined;
  return [n[6] >> 8, n[6] & 0xff, n[7] >> 8, n[7] & 0xff].join('.');
}

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as { address: string; family: number }[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad || !list.length)
      return callback(
        Object.assign(new Error(`${hostname} resolves to a private address`), {
          code: 'PRIVATE_ADDRESS',
        }),
        '',
        0,
      );
    if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/**
 * Fetches a calendar (http or https only) with a timeout and a size limit, following up to three
 * redirects, each checked like the first URL.
 * @throws AppError 400 naming `url` (bad scheme, private address, unreachable, not found), 413 when too large.
 */
export async function fetchCalendar(
  raw: string,
  opts: FetchOptions,
  redirects = 0,
): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest('url', 'is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badRequest('url', 'only http and https calendars can be imported');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host))))
    throw badRequest('url', 'points to a private address');
  const client = url.protocol === 'https:' ? https : http;
  const { status, location, body } = await new Promise<{
    status: number;
    location?: string;
    body: string;
  }>((resolve, reject) => {
    const req = client.get(
      url,
      {
        timeout: opts.timeoutMs,
        headers: {
          accept: 'text/calendar, */*;q=0.5',
          'user-agent': 'LieuxCommuns/0.1 (calendar import)',
        },
        ...(opts.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, location: res.headers.location, body: '' });
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > opts.maxBytes) {
          req.destroy();
          return reject(
            new AppError(
              413,
              'payload_too_large',
              `url: the calendar is larger than ${opts.maxBytes} bytes`,
              { field: 'url' },
            ),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            req.destroy();
            reject(
              new AppError(
                413,
                'payload_too_large',
                `url: the calendar is larger than ${opts.maxBytes} bytes`,
                { field: 'url' },
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ status, body: decodeCalendar(Buffer.concat(chunks)) }));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(
      () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
      opts.timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof AppError) return reject(err);
      if (err.code === 'PRIVATE_ADDRESS')
        return reject(badRequest('url', 'points to a private address'));
      if (err.code === 'ETIMEDOUT')
        return reject(badRequest('url', `no answer within ${Math.round(opts.timeoutMs / 1000)} s`));
      reject(badRequest('url', `could not be fetched (${err.code ?? err.message})`));
    });
  });
  if (location !== undefined || (status >= 300 && status < 400)) {
    if (!location || redirects >= MAX_REDIRECTS) throw badRequest('url', 'too many redirects');
    return fetchCalendar(new URL(location, url).toString(), opts, redirects + 1);
  }
  if (status !== 200) throw badRequest('url', `the server answered ${status}`);
  return body;
}
