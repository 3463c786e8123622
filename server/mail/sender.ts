import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from 'better-sqlite3';
import { dueMails, markFailed, markSent } from './queue.js';

/** Settings of the mail sender. */
export interface MailSenderOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; null keeps every mail in the outbox. */
  smtpUrl: string | null;
  /** The From header. */
  from: string;
  /** How often the queue is looked at, in ms. */
  pollMs: number;
  /** Attempts before a mail is marked `failed`. */
  maxAttempts?: number;
  /** The clock (tests move it to check retries). */
  now?: () => Date;
}

/**
 * Delivers the queued mails through SMTP, one at a time, from a timer: the action that queued a
 * mail never waits for the SMTP server. Without `smtpUrl` it does nothing and the queue is the
 * outbox admins read.
 */
export class MailSender {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private readonly now: () => Date;

  constructor(
    private readonly db: Database,
    private readonly opts: MailSenderOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  }

  /** True when an SMTP server is configured. */
  get configured(): boolean {
    return this.transport !== null;
  }

  /** Starts polling the queue (no-op without SMTP). */
  start(): void {
    if (!this.transport || this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.opts.pollMs);
    this.timer.unref();
  }

  /**
   * Sends every mail due now. Concurrent calls share one run.
   * @returns how many were sent.
   */
  flush(): Promise<number> {
    if (!this.transport) return Promise.resolve(0);
    this.running ??= this.sendDue().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async sendDue(): Promise<number> {
    const transport = this.transport!;
    let sent = 0;
    for (;;) {
      const batch = dueMails(this.db, this.now());
      if (!batch.length) return sent;
      for (const mail of batch) {
        try {
          await transport.sendMail({
            from: this.opts.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html ?? undefined,
            attachments: mail.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: Buffer.from(a.content, 'base64'),
            })),
          });
          markSent(this.db, mail.id, this.now());
          sent++;
        } catch (err) {
          markFailed(
            this.db,
            mail.id,
            err instanceof Error ? err.message : String(err),
            this.now(),
            this.opts.maxAttempts ?? 8,
          );
        }
      }
    }
  }

  /** Stops polling and closes SMTP connections. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.transport?.close();
  }
}
