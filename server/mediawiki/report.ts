import type { MediawikiImportReport } from './import.js';

const list = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))
    .map(([name, n]) => `${name} (${n})`)
    .join(', ') || 'aucun';

/**
 * An import report as the CLI prints it (the web app shows the same data from the JSON).
 * @param maxProblems pages with problems listed before "… and N more".
 */
export function formatReport(r: MediawikiImportReport, maxProblems = 50): string {
  const lines = [
    `Source: ${r.sitename || r.source} (${r.source})`,
    `Pages: ${r.pages.created} created, ${r.pages.updated} updated, ${r.pages.unchanged} unchanged, ${r.pages.failed} failed`,
    `Revisions: ${r.revisions.imported} imported, ${r.revisions.alreadyImported} already imported, ` +
      `${r.revisions.suppressedText} with suppressed text, ${r.revisions.unchangedText} without change`,
    `Redirects: ${r.redirects.created} created, ${r.redirects.unchanged} unchanged, ${r.redirects.skipped.length} skipped`,
    ...r.redirects.skipped.slice(0, maxProblems).map((s) => `  - ${s.title}: ${s.reason}`),
    `Categories described: ${r.categories.described}`,
    `Files named by pages: ${r.files.count}, ${r.files.stored} stored from --images, ${r.files.missing.length} not found`,
    ...r.files.missing.slice(0, maxProblems).map((f) => `  - missing: ${f}`),
    `Template fields written as page fields: ${r.fields.written}, kept aside: ${r.fields.keptCount ?? r.fields.kept.length}`,
    ...r.fields.kept.slice(0, maxProblems).map((k) => `  - ${k.title}: ${k.field}: ${k.reason}`),
    ...(r.places
      ? [
          `Place sheets linked to the registry: ${r.places.matched} places matched, ${r.places.created} created`,
        ]
      : []),
    `Templates mapped: ${list(r.templates.mapped)}`,
    `Templates kept as written (unmapped): ${list(r.templates.unmapped)}`,
    `Left out (namespaces not imported): ${list(r.leftOut)}`,
    `Pages with something not converted: ${r.problems.length}`,
    ...r.problems
      .slice(0, maxProblems)
      .flatMap((p) => [`  ${p.title} (${p.slug})`, ...p.problems.map((x) => `    - ${x}`)]),
    ...(r.problems.length > maxProblems ? [`  … and ${r.problems.length - maxProblems} more`] : []),
    `Time: ${r.seconds} s`,
  ];
  return lines.join('\n');
}
