import type { Catalogue } from './index.js';

/** Strings of the contact-message inbox, the sender's answers and the header's counter. */
export const inboxMessages: Catalogue = {
  fr: {
    'inbox.nav': 'Messages',
    'inbox.navUnread': 'Messages, {n} {n:non lu|non lus}',
    'inbox.navAnswers': 'Réponses',
    'inbox.navAnswersUnread': 'Réponses à mes messages, {n} {n:nouvelle|nouvelles}',
    'inbox.title': 'Messages reçus',
    'inbox.intro.person':
      'Les messages laissés sur votre fiche. Votre adresse n’est jamais montrée : vos réponses passent par la plateforme.',
    'inbox.intro.team':
      'Tous les messages laissés sur les fiches des personnes. Ceux des personnes sans compte sont à relayer par l’équipe d’animation.',
    'inbox.none':
      'Aucune fiche n’est liée à votre compte : vous n’avez pas de messages à traiter. Vos messages envoyés et leurs réponses sont dans « Mes demandes ».',
    'inbox.filter': 'Afficher',
    'inbox.filter.open': 'À traiter',
    'inbox.filter.closed': 'Clos',
    'inbox.filter.all': 'Tous',
    'inbox.empty.open': 'Aucun message à traiter.',
    'inbox.empty.closed': 'Aucun message clos.',
    'inbox.empty.all': 'Aucun message pour l’instant.',
    'inbox.for': 'Pour {name}',
    'inbox.from': 'De {name}',
    'inbox.fromAnonymous': 'Personne non connectée',
    'inbox.signed': 'Se présente ainsi : {text}',
    'inbox.unread': 'Non lu',
    'inbox.status.new': 'Nouveau',
    'inbox.status.relayed': 'Répondu',
    'inbox.status.closed': 'Clos',
    'inbox.open': 'Lire et répondre',
    'inbox.fold': 'Replier',
    'inbox.answer': 'Votre réponse',
    'inbox.answerHint':
      'La personne qui a écrit la lira dans « Mes demandes » et en sera avertie par courriel si elle a un compte.',
    'inbox.anonymousHint':
      'Message envoyé sans compte : la réponse ne peut pas lui parvenir par la plateforme. Utilisez ce qu’elle a indiqué pour la joindre.',
    'inbox.send': 'Répondre',
    'inbox.answerEmpty': 'Écrivez une réponse.',
    'inbox.close': 'Clore',
    'inbox.reopen': 'Rouvrir',
    'inbox.by.team': '{name} (équipe d’animation)',
    'inbox.sent.title': 'Messages envoyés',
    'inbox.sent.empty':
      'Vous n’avez pas encore écrit à une personne. Les messages envoyés depuis une fiche, connecté·e, et leurs réponses apparaissent ici.',
    'inbox.sent.to': 'À {name}',
    'inbox.sent.waiting': 'Pas encore de réponse.',
    'inbox.sent.new': '{n} {n:nouvelle réponse|nouvelles réponses}',
    'inbox.loginNeeded': 'Connectez-vous pour voir vos messages.',
    'inbox.contactSent':
      'Message envoyé. {name} vous répondra via la plateforme : la réponse s’affichera dans « Mes demandes ».',
    'inbox.contactSentAnonymous':
      'Message envoyé. Sans compte, la réponse ne peut vous parvenir que par le moyen que vous avez indiqué.',
  },
  en: {
    'inbox.nav': 'Messages',
    'inbox.navUnread': 'Messages, {n} unread',
    'inbox.navAnswers': 'Answers',
    'inbox.navAnswersUnread': 'Answers to my messages, {n} new',
    'inbox.title': 'Messages received',
    'inbox.intro.person':
      'Messages left on your profile. Your address is never shown: your answers go through the platform.',
    'inbox.intro.team':
      'Every message left on people’s profiles. Those for people without an account are for the facilitation team to relay.',
    'inbox.none':
      'No profile is linked to your account: you have no messages to handle. The messages you sent and their answers are in “My requests”.',
    'inbox.filter': 'Show',
    'inbox.filter.open': 'To handle',
    'inbox.filter.closed': 'Closed',
    'inbox.filter.all': 'All',
    'inbox.empty.open': 'No message to handle.',
    'inbox.empty.closed': 'No closed message.',
    'inbox.empty.all': 'No message yet.',
    'inbox.for': 'For {name}',
    'inbox.from': 'From {name}',
    'inbox.fromAnonymous': 'Not logged in',
    'inbox.signed': 'Introduces themselves as: {text}',
    'inbox.unread': 'Unread',
    'inbox.status.new': 'New',
    'inbox.status.relayed': 'Answered',
    'inbox.status.closed': 'Closed',
    'inbox.open': 'Read and answer',
    'inbox.fold': 'Fold',
    'inbox.answer': 'Your answer',
    'inbox.answerHint':
      'The sender will read it in “My requests”, and be told by e-mail if they have an account.',
    'inbox.anonymousHint':
      'Sent without an account: the answer cannot reach them through the platform. Use what they wrote to reach them.',
    'inbox.send': 'Answer',
    'inbox.answerEmpty': 'Write an answer.',
    'inbox.close': 'Close',
    'inbox.reopen': 'Reopen',
    'inbox.by.team': '{name} (facilitation team)',
    'inbox.sent.title': 'Messages sent',
    'inbox.sent.empty':
      'You have not written to anyone yet. Messages sent from a profile while logged in, and their answers, show here.',
    'inbox.sent.to': 'To {name}',
    'inbox.sent.waiting': 'No answer yet.',
    'inbox.sent.new': '{n} new {n:answer|answers}',
    'inbox.loginNeeded': 'Log in to see your messages.',
    'inbox.contactSent':
      'Message sent. {name} will answer through the platform: the answer will show in “My requests”.',
    'inbox.contactSentAnonymous':
      'Message sent. Without an account, the answer can only reach you the way you indicated.',
  },
};
