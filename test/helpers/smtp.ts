import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** A real SMTP server on a free loopback port that keeps every mail it receives, parsed. */
export interface TestSmtpServer {
  /** `smtp://127.0.0.1:PORT` for LC_SMTP_URL / config.smtpUrl. */
  url: string;
  /** Mails received so far, in order, with their envelope recipients. */
  mails: (ParsedMail & { envelopeTo: string[] })[];
  /** Makes the next `count` deliveries fail with a 451 (temporary) answer. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** Starts an in-process SMTP server (no auth, no TLS) for mail tests. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: TestSmtpServer['mails'] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const err = new Error('Try again later') as Error & { responseCode: number };
          err.responseCode = 451;
          callback(err);
          return;
        }
        simpleParser(Buffer.concat(chunks))
          .then((parsed) => {
            mails.push(
              Object.assign(parsed, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }),
            );
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
