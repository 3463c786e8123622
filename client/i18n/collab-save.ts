import type { Catalogue } from './index.js';

/** Strings of the co-editor's save status and "save now" form. */
export const collabSave: Catalogue = {
  fr: {
    'collabSave.region': 'Enregistrement',
    'collabSave.savedAt': 'Enregistré à {time} · révision {n}',
    'collabSave.savedOn': 'Enregistré le {date} · révision {n}',
    'collabSave.unsaved': 'Modifications non enregistrées',
    'collabSave.notYet': 'Pas encore enregistrée',
    'collabSave.saving': 'Enregistrement…',
    'collabSave.summary': 'Résumé de la modification (facultatif)',
    'collabSave.summaryPlaceholder': 'Ex. : horaires mis à jour',
    'collabSave.now': 'Enregistrer maintenant',
    'collabSave.nothing': 'Rien de nouveau à enregistrer (révision {n}).',
    'collabSave.failed': 'Échec de l’enregistrement : {message}',
  },
  en: {
    'collabSave.region': 'Saving',
    'collabSave.savedAt': 'Saved at {time} · revision {n}',
    'collabSave.savedOn': 'Saved on {date} · revision {n}',
    'collabSave.unsaved': 'Unsaved changes',
    'collabSave.notYet': 'Not saved yet',
    'collabSave.saving': 'Saving…',
    'collabSave.summary': 'Edit summary (optional)',
    'collabSave.summaryPlaceholder': 'E.g. opening hours updated',
    'collabSave.now': 'Save now',
    'collabSave.nothing': 'Nothing new to save (revision {n}).',
    'collabSave.failed': 'Saving failed: {message}',
  },
};
