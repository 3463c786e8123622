import type { Catalogue } from './index.js';

/** Strings of the MediaWiki imports screen (admins) and of imported revisions. */
export const mediawiki: Catalogue = {
  fr: {
    'nav.mediawiki': 'Import MediaWiki',
    'mediawiki.heading': 'Imports MediaWiki',
    'mediawiki.help':
      'Importez un export XML d’un MediaWiki (Spécial:Exporter ou dumpBackup.php, .xml ou .xml.gz) avec tout son historique. Importer deux fois le même fichier ne change rien ; un export plus récent n’ajoute que les nouvelles révisions.',
    'mediawiki.adminOnly': 'Réservé aux administrateur·rices.',
    'mediawiki.file': 'Fichier d’export',
    'mediawiki.templates': 'Correspondance des modèles (YAML, facultatif)',
    'mediawiki.templatesHelp':
      'Par exemple : Lieu: { kind: lieu, fields: { ville: ville, "code postal": code_postal } }',
    'mediawiki.namespaces': 'Espaces de noms importés comme pages (facultatif)',
    'mediawiki.namespacesHelp':
      'Numéros ou noms séparés par des virgules ; par défaut l’espace principal (0).',
    'mediawiki.images': 'Images du wiki (facultatif)',
    'mediawiki.imagesHelp':
      'Les fichiers du dossier images/ du wiki, ou une archive .tar ou .tar.gz de ce dossier (tar czf images.tgz images/). Les vignettes sont ignorées.',
    'mediawiki.submit': 'Importer',
    'mediawiki.importing': 'Import en cours…',
    'mediawiki.chooseFile': 'Choisissez un fichier d’export.',
    'mediawiki.done':
      'Import terminé : {created} pages créées, {updated} mises à jour, {revisions} révisions.',
    'mediawiki.list': 'Imports précédents',
    'mediawiki.empty': 'Aucun import pour le moment.',
    'mediawiki.col.date': 'Date',
    'mediawiki.col.file': 'Fichier',
    'mediawiki.col.source': 'Wiki source',
    'mediawiki.col.status': 'État',
    'mediawiki.col.by': 'Par',
    'mediawiki.status.running': 'en cours',
    'mediawiki.status.done': 'terminé',
    'mediawiki.status.failed': 'échoué',
    'mediawiki.via.cli': 'ligne de commande',
    'mediawiki.showReport': 'Voir le rapport',
    'mediawiki.report': 'Rapport de l’import n° {id}',
    'mediawiki.report.pages':
      'Pages : {created} créées, {updated} mises à jour, {unchanged} inchangées, {failed} en échec',
    'mediawiki.report.revisions':
      'Révisions : {imported} importées, {already} déjà importées, {suppressed} au texte masqué',
    'mediawiki.report.redirects': 'Redirections : {created} créées, {skipped} ignorées',
    'mediawiki.report.categories': 'Catégories décrites : {n}',
    'mediawiki.report.files': 'Fichiers cités : {count}, dont {stored} enregistrés',
    'mediawiki.report.fields': 'Champs écrits : {written}, mis de côté : {kept}',
    'mediawiki.report.places':
      'Fiches de lieux liées au registre : {matched} lieux retrouvés, {created} créés',
    'mediawiki.report.mapped': 'Modèles convertis en champs : {list}',
    'mediawiki.report.unmapped': 'Modèles gardés tels quels : {list}',
    'mediawiki.report.leftOut': 'Pages laissées de côté (espaces de noms) : {list}',
    'mediawiki.report.problems': 'Pages avec des éléments non convertis ({n})',
    'mediawiki.report.error': 'Erreur : {error}',
    'mediawiki.report.none': 'aucun',
    'mediawiki.history.imported': '{name} (importé)',
    'mediawiki.history.anonymous': 'anonyme',
    'mediawiki.history.hidden': 'auteur masqué',
  },
  en: {
    'nav.mediawiki': 'MediaWiki import',
    'mediawiki.heading': 'MediaWiki imports',
    'mediawiki.help':
      'Import an XML export of a MediaWiki (Special:Export or dumpBackup.php, .xml or .xml.gz) with its whole history. Importing the same file twice changes nothing; a newer export only adds the new revisions.',
    'mediawiki.adminOnly': 'For administrators only.',
    'mediawiki.file': 'Export file',
    'mediawiki.templates': 'Template map (YAML, optional)',
    'mediawiki.templatesHelp':
      'For example: Lieu: { kind: lieu, fields: { ville: ville, "code postal": code_postal } }',
    'mediawiki.namespaces': 'Namespaces imported as pages (optional)',
    'mediawiki.namespacesHelp':
      'Numbers or names separated by commas; the main namespace (0) by default.',
    'mediawiki.images': 'The wiki’s images (optional)',
    'mediawiki.imagesHelp':
      'The files of the wiki’s images/ folder, or a .tar or .tar.gz archive of that folder (tar czf images.tgz images/). Thumbnails are left out.',
    'mediawiki.submit': 'Import',
    'mediawiki.importing': 'Importing…',
    'mediawiki.chooseFile': 'Choose an export file.',
    'mediawiki.done':
      'Import finished: {created} pages created, {updated} updated, {revisions} revisions.',
    'mediawiki.list': 'Previous imports',
    'mediawiki.empty': 'No import yet.',
    'mediawiki.col.date': 'Date',
    'mediawiki.col.file': 'File',
    'mediawiki.col.source': 'Source wiki',
    'mediawiki.col.status': 'Status',
    'mediawiki.col.by': 'By',
    'mediawiki.status.running': 'running',
    'mediawiki.status.done': 'done',
    'mediawiki.status.failed': 'failed',
    'mediawiki.via.cli': 'command line',
    'mediawiki.showReport': 'Show the report',
    'mediawiki.report': 'Report of import #{id}',
    'mediawiki.report.pages':
      'Pages: {created} created, {updated} updated, {unchanged} unchanged, {failed} failed',
    'mediawiki.report.revisions':
      'Revisions: {imported} imported, {already} already imported, {suppressed} with suppressed text',
    'mediawiki.report.redirects': 'Redirects: {created} created, {skipped} skipped',
    'mediawiki.report.categories': 'Categories described: {n}',
    'mediawiki.report.files': 'Files named: {count}, {stored} stored',
    'mediawiki.report.fields': 'Fields written: {written}, kept aside: {kept}',
    'mediawiki.report.places':
      'Place sheets linked to the registry: {matched} places matched, {created} created',
    'mediawiki.report.mapped': 'Templates turned into fields: {list}',
    'mediawiki.report.unmapped': 'Templates kept as written: {list}',
    'mediawiki.report.leftOut': 'Pages left out (namespaces): {list}',
    'mediawiki.report.problems': 'Pages with parts not converted ({n})',
    'mediawiki.report.error': 'Error: {error}',
    'mediawiki.report.none': 'none',
    'mediawiki.history.imported': '{name} (imported)',
    'mediawiki.history.anonymous': 'anonymous',
    'mediawiki.history.hidden': 'hidden author',
  },
};
