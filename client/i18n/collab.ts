import type { Catalogue } from './index.js';

/** Strings of the real-time co-editor. */
export const collab: Catalogue = {
  fr: {
    'collab.title': 'Co-édition : {title}',
    'collab.newPage':
      'Nouvelle page « {title} » : elle sera créée au premier enregistrement automatique, avec pour titre son premier intertitre « # … ».',
    'collab.readOnly':
      'Lecture seule : vous voyez les modifications en direct, mais votre rôle ne permet pas de modifier.',
    'collab.loginToEdit': 'Connectez-vous pour modifier cette page.',
    'collab.status.connected': 'Connecté',
    'collab.status.connecting': 'Reconnexion…',
    'collab.status.offline':
      'Hors ligne : vos modifications seront fusionnées au retour de la connexion',
    'collab.status.refused': 'Connexion refusée',
    'collab.status.deleted': 'Page supprimée',
    'collab.moved': 'Cette page a été renommée : réouverture à sa nouvelle adresse…',
    'collab.deleted':
      'Cette page a été supprimée : elle ne peut plus être modifiée. Un animateur peut la restaurer.',
    'collab.sessionEnded':
      'Votre session a pris fin (expirée, déconnectée ou révoquée) : reconnectez-vous pour continuer à modifier cette page.',
    'collab.rightsChanged':
      'Vos droits ont changé : vous ne pouvez plus modifier cette page. Rechargez-la pour la suivre en lecture.',
    'collab.presence': 'Ici maintenant',
    'collab.presence.you': '{name} (vous)',
    'collab.guest': 'Invité',
    'collab.preview': 'Aperçu',
    'collab.editor': 'Texte (markdown)',
    'collab.view': 'Voir la page',
    'collab.autosave':
      'Enregistré automatiquement après une pause dans la saisie, et quand le dernier participant s’en va.',
    'collab.keyboard':
      'Au clavier : dans le texte, Tab indente ; Échap puis Tab (ou Maj+Tab) en sort.',
    'collab.pageError': 'Impossible de charger la page : {message}',
    'collab.login': 'Se connecter',
    'collab.placeholder':
      'Écrivez ici, en markdown. [[Titre d’une page]] crée un lien vers une page du wiki.',
    'collab.placeholderNew':
      'Écrivez ici, en markdown : la page commencera par son titre, « # {title} ».',
    'collab.formEditor': 'Éditeur simple',
    'collab.formEditorHint':
      'Formulaire classique, sans temps réel : fonctionne sans WebSocket et signale les conflits à l’enregistrement',
    'collab.tool.bar': 'Mise en forme',
    'collab.tool.bold': 'Gras (Ctrl+B)',
    'collab.tool.italic': 'Italique (Ctrl+I)',
    'collab.tool.heading': 'Intertitre',
    'collab.tool.link': 'Lien web (Ctrl+K)',
    'collab.tool.wikilink': 'Lien vers une page du wiki',
    'collab.tool.list': 'Liste à puces',
    'collab.props': 'Propriétés',
    'collab.props.title': 'Titre',
    'collab.props.kind': 'Type de page',
    'collab.props.categories': 'Catégories',
    'collab.props.categoriesHint': 'Séparées par des virgules',
    'collab.props.referentMe': 'Je suis référent·e de cette page',
    'collab.props.referentTakeOver': 'Devenir référent·e à la place de {name}',
    'collab.props.save': 'Enregistrer les propriétés',
    'collab.props.saved': 'Propriétés enregistrées (révision {n}).',
    'collab.props.unchanged': 'Aucune propriété modifiée.',
    'collab.props.titleRequired': 'Le titre est obligatoire.',
    'collab.props.notYet':
      'La page n’existe pas encore : écrivez d’abord son texte, puis enregistrez ses propriétés.',
    'collab.props.newHint': 'Disponible une fois la page créée.',
    'collab.new.heading': 'Nouvelle page',
    'collab.new.address': 'Adresse de la page :',
    'collab.new.open': 'Ouvrir l’éditeur',
    'collab.new.required': 'Donnez un titre à la page.',
    'collab.new.noSlug': 'Le titre doit contenir au moins une lettre ou un chiffre.',
  },
  en: {
    'collab.title': 'Co-editing: {title}',
    'collab.newPage':
      'New page “{title}”: it will be created by the first automatic save, titled after its first “# …” heading.',
    'collab.readOnly': 'Read only: you see edits live, but your role does not allow editing.',
    'collab.loginToEdit': 'Log in to edit this page.',
    'collab.status.connected': 'Connected',
    'collab.status.connecting': 'Reconnecting…',
    'collab.status.offline': 'Offline: your edits will be merged when the connection returns',
    'collab.status.refused': 'Connection refused',
    'collab.status.deleted': 'Page deleted',
    'collab.moved': 'This page was renamed: reopening at its new address…',
    'collab.deleted':
      'This page was deleted: it can no longer be edited. A facilitator can restore it.',
    'collab.sessionEnded':
      'Your session has ended (expired, logged out or revoked): log in again to keep editing this page.',
    'collab.rightsChanged':
      'Your rights have changed: you can no longer edit this page. Reload it to follow it read-only.',
    'collab.presence': 'Here now',
    'collab.presence.you': '{name} (you)',
    'collab.guest': 'Guest',
    'collab.preview': 'Preview',
    'collab.editor': 'Text (markdown)',
    'collab.view': 'View the page',
    'collab.autosave':
      'Saved automatically after a pause in typing, and when the last participant leaves.',
    'collab.keyboard':
      'With the keyboard: in the text, Tab indents; Escape then Tab (or Shift+Tab) leaves it.',
    'collab.pageError': 'Could not load the page: {message}',
    'collab.login': 'Log in',
    'collab.placeholder': 'Write here, in markdown. [[Page title]] links to a wiki page.',
    'collab.placeholderNew':
      'Write here, in markdown: the page will start with its title, “# {title}”.',
    'collab.formEditor': 'Simple editor',
    'collab.formEditorHint':
      'The classic form, not real-time: works without WebSocket and reports conflicts when saving',
    'collab.tool.bar': 'Formatting',
    'collab.tool.bold': 'Bold (Ctrl+B)',
    'collab.tool.italic': 'Italic (Ctrl+I)',
    'collab.tool.heading': 'Heading',
    'collab.tool.link': 'Web link (Ctrl+K)',
    'collab.tool.wikilink': 'Link to a wiki page',
    'collab.tool.list': 'Bulleted list',
    'collab.props': 'Properties',
    'collab.props.title': 'Title',
    'collab.props.kind': 'Page kind',
    'collab.props.categories': 'Categories',
    'collab.props.categoriesHint': 'Separated by commas',
    'collab.props.referentMe': 'I am this page’s référent',
    'collab.props.referentTakeOver': 'Become référent instead of {name}',
    'collab.props.save': 'Save the properties',
    'collab.props.saved': 'Properties saved (revision {n}).',
    'collab.props.unchanged': 'No property changed.',
    'collab.props.titleRequired': 'The title is required.',
    'collab.props.notYet':
      'The page does not exist yet: write its text first, then save its properties.',
    'collab.props.newHint': 'Available once the page is created.',
    'collab.new.heading': 'New page',
    'collab.new.address': 'Page address:',
    'collab.new.open': 'Open the editor',
    'collab.new.required': 'Give the page a title.',
    'collab.new.noSlug': 'The title must contain at least one letter or digit.',
  },
};
