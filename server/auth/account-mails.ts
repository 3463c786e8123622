/**
 * The mails accounts send (French first, English below), queued with `enqueueMail` inside the
 * transaction of what caused them. Links point at `config.publicUrl`.
 */
import type { Database } from '../db/open.js';
import { enqueueMail } from '../mail/queue.js';

/** Who the mail goes to and where links point. */
interface Ctx {
  db: Database;
  publicUrl: string;
}

const SIGNATURE = '\n\n-- \nLieux Communs';

function send(ctx: Ctx, to: string, kind: string, subject: string, fr: string, en: string): void {
  enqueueMail(ctx.db, { to, kind, subject, text: `${fr}\n\n---\n\n${en}${SIGNATURE}` });
}

/** The link that confirms an address (and signs in). */
export function mailVerify(ctx: Ctx, to: string, name: string, token: string): void {
  const link = `${ctx.publicUrl}/compte/verifier?token=${encodeURIComponent(token)}`;
  send(
    ctx,
    to,
    'email-verification',
    'Confirmez votre adresse / Confirm your address',
    `Bonjour ${name},\n\nPour activer votre compte, ouvrez ce lien (valable 48 heures) :\n${link}\n\nSi vous n'avez pas créé de compte, ignorez ce message.`,
    `Hello ${name},\n\nTo activate your account, open this link (valid 48 hours):\n${link}\n\nIf you did not sign up, ignore this message.`,
  );
}

/** Someone signed up with an address that already has an account: say so to its owner only. */
export function mailAlreadyRegistered(ctx: Ctx, to: string, name: string): void {
  const link = `${ctx.publicUrl}/compte/mot-de-passe-oublie`;
  send(
    ctx,
    to,
    'signup-existing',
    'Vous avez déjà un compte / You already have an account',
    `Bonjour ${name},\n\nQuelqu'un (peut-être vous) a voulu créer un compte avec cette adresse, qui en a déjà un. Mot de passe oublié ? ${link}\n\nSinon, ignorez ce message.`,
    `Hello ${name},\n\nSomeone (maybe you) tried to sign up with this address, which already has an account. Forgot your password? ${link}\n\nOtherwise, ignore this message.`,
  );
}

/** A password reset link, valid one hour. */
export function mailReset(
  ctx: Ctx,
  to: string,
  name: string,
  token: string,
  forced: boolean,
): void {
  const link = `${ctx.publicUrl}/compte/reinitialiser?token=${encodeURIComponent(token)}`;
  const whyFr = forced
    ? 'Un administrateur demande que vous choisissiez un nouveau mot de passe.'
    : 'Vous avez demandé à changer de mot de passe.';
  const whyEn = forced
    ? 'An administrator asks you to choose a new password.'
    : 'You asked to reset your password.';
  send(
    ctx,
    to,
    'password-reset',
    'Nouveau mot de passe / New password',
    `Bonjour ${name},\n\n${whyFr} Ouvrez ce lien (valable une heure, une seule fois) :\n${link}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message.`,
    `Hello ${name},\n\n${whyEn} Open this link (valid one hour, once):\n${link}\n\nIf you did not ask for it, ignore this message.`,
  );
}

/** The password was changed: tells the owner, in case it was not them. */
export function mailPasswordChanged(ctx: Ctx, to: string, name: string): void {
  send(
    ctx,
    to,
    'password-changed',
    'Mot de passe changé / Password changed',
    `Bonjour ${name},\n\nLe mot de passe de votre compte vient d'être changé ; vos autres sessions ont été fermées et vos jetons d'API révoqués. Si ce n'était pas vous, demandez un nouveau mot de passe : ${ctx.publicUrl}/compte/mot-de-passe-oublie`,
    `Hello ${name},\n\nYour account's password was just changed; your other sessions were closed and your API tokens revoked. If it was not you, ask for a new password: ${ctx.publicUrl}/compte/mot-de-passe-oublie`,
  );
}

/** An invitation link, valid seven days. */
export function mailInvitation(ctx: Ctx, to: string, inviter: string, token: string): void {
  const link = `${ctx.publicUrl}/register?invitation=${encodeURIComponent(token)}`;
  send(
    ctx,
    to,
    'invitation',
    'Invitation à Lieux Communs / Invitation to Lieux Communs',
    `Bonjour,\n\n${inviter} vous invite à rejoindre le wiki. Créez votre compte avec ce lien (valable 7 jours) :\n${link}`,
    `Hello,\n\n${inviter} invites you to join the wiki. Create your account with this link (valid 7 days):\n${link}`,
  );
}

/** A pending account was approved. */
export function mailApproved(ctx: Ctx, to: string, name: string): void {
  send(
    ctx,
    to,
    'account-approved',
    'Compte validé / Account approved',
    `Bonjour ${name},\n\nVotre compte a été validé : vous pouvez maintenant contribuer. ${ctx.publicUrl}/`,
    `Hello ${name},\n\nYour account was approved: you can now contribute. ${ctx.publicUrl}/`,
  );
}

/**
 * Tells every admin that an account waits for approval (sign-up policy `approval`), once its owner
 * has confirmed the address: an unconfirmed sign-up (anyone can type any address) alerts nobody.
 * One mail per admin per account (deduplicated).
 */
export function mailApprovalNeeded(
  ctx: Ctx,
  account: { id: number; email: string; name: string },
): void {
  const link = `${ctx.publicUrl}/admin/comptes`;
  const admins = ctx.db
    .prepare(
      `SELECT id, email, name FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id`,
    )
    .all() as {
    id: number;
    email: string;
    name: string;
  }[];
  for (const admin of admins) {
    enqueueMail(ctx.db, {
      to: admin.email,
      kind: 'approval-needed',
      dedupeKey: `approval-needed:${account.id}:${admin.id}`,
      subject: `Compte à valider : ${account.name} / Account waiting for approval`,
      text:
        `Bonjour ${admin.name},\n\n${account.name} (${account.email}) a créé un compte et confirmé son adresse ; ` +
        `il attend votre validation pour pouvoir contribuer. Validez-le (ou non) ici :\n${link}` +
        `\n\n---\n\n` +
        `Hello ${admin.name},\n\n${account.name} (${account.email}) signed up and confirmed their address; ` +
        `the account waits for your approval before it can contribute. Approve it (or not) here:\n${link}${SIGNATURE}`,
    });
  }
}
