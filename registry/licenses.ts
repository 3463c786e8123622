/**
 * Licence identifiers the registry recognises: the common open SPDX licence ids (with their OSI
 * approval and FSF "libre" flags, from the SPDX licence list) and the Creative Commons ids.
 *
 * Policy (documented in the API): a known id is `valid` and flagged "open"; `proprietary` is
 * accepted and flagged "proprietary" (never qualified); any other string is accepted but flagged
 * "unknown" (shown as such, never qualified) rather than rejected, because bundles come from
 * spreadsheets and one typo must not block a whole import. Non-commercial and no-derivatives
 * Creative Commons licences are valid but carry `restrictions`, and do not satisfy the Open
 * Definition (`openDefinition: false`).
 */

/** One licence of the list. */
export interface LicenseInfo {
  id: string;
  name: string;
  /** Approved by the Open Source Initiative. */
  osi: boolean;
  /** Listed as free ("libre") by the Free Software Foundation. */
  fsfLibre: boolean;
  /** Restrictions that make it fall outside the Open Definition. */
  restrictions?: ('non-commercial' | 'no-derivatives')[];
  /** Deprecated SPDX id (still accepted, e.g. "GPL-3.0" for "GPL-3.0-only"). */
  deprecated?: boolean;
}

type Row = [id: string, name: string, osi: 0 | 1, fsf: 0 | 1, deprecated?: 1];

// [id, name, OSI approved, FSF libre, deprecated]
const SPDX_ROWS: Row[] = [
  ['0BSD', 'BSD Zero Clause License', 1, 0],
  ['AFL-3.0', 'Academic Free License v3.0', 1, 1],
  ['AGPL-3.0', 'GNU Affero General Public License v3.0', 1, 1, 1],
  ['AGPL-3.0-only', 'GNU Affero General Public License v3.0 only', 1, 1],
  ['AGPL-3.0-or-later', 'GNU Affero General Public License v3.0 or later', 1, 1],
  ['Apache-1.1', 'Apache License 1.1', 1, 1],
  ['Apache-2.0', 'Apache License 2.0', 1, 1],
  ['APSL-2.0', 'Apple Public Source License 2.0', 1, 1],
  ['Artistic-1.0', 'Artistic License 1.0', 1, 0],
  ['Artistic-2.0', 'Artistic License 2.0', 1, 1],
  ['BlueOak-1.0.0', 'Blue Oak Model License 1.0.0', 1, 0],
  ['BSD-1-Clause', 'BSD 1-Clause License', 1, 0],
  ['BSD-2-Clause', 'BSD 2-Clause "Simplified" License', 1, 1],
  ['BSD-2-Clause-Patent', 'BSD-2-Clause Plus Patent License', 1, 0],
  ['BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License', 1, 1],
  ['BSD-3-Clause-Clear', 'BSD 3-Clause Clear License', 0, 1],
  ['BSD-4-Clause', 'BSD 4-Clause "Original" or "Old" License', 0, 1],
  ['BSL-1.0', 'Boost Software License 1.0', 1, 1],
  ['CAL-1.0', 'Cryptographic Autonomy License 1.0', 1, 0],
  ['CDDL-1.0', 'Common Development and Distribution License 1.0', 1, 1],
  ['CDDL-1.1', 'Common Development and Distribution License 1.1', 0, 0],
  ['CDLA-Permissive-2.0', 'Community Data License Agreement Permissive 2.0', 0, 0],
  ['CDLA-Sharing-1.0', 'Community Data License Agreement Sharing 1.0', 0, 0],
  ['CECILL-1.0', 'CeCILL Free Software License Agreement v1.0', 0, 0],
  ['CECILL-2.0', 'CeCILL Free Software License Agreement v2.0', 0, 1],
  ['CECILL-2.1', 'CeCILL Free Software License Agreement v2.1', 1, 0],
  ['CECILL-B', 'CeCILL-B Free Software License Agreement', 0, 1],
  ['CECILL-C', 'CeCILL-C Free Software License Agreement', 0, 1],
  ['CERN-OHL-P-2.0', 'CERN Open Hardware Licence Version 2 - Permissive', 1, 0],
  ['CERN-OHL-S-2.0', 'CERN Open Hardware Licence Version 2 - Strongly Reciprocal', 1, 0],
  ['CERN-OHL-W-2.0', 'CERN Open Hardware Licence Version 2 - Weakly Reciprocal', 1, 0],
  ['ClArtistic', 'Clarified Artistic License', 0, 1],
  ['CPAL-1.0', 'Common Public Attribution License 1.0', 1, 1],
  ['CPL-1.0', 'Common Public License 1.0', 1, 1],
  ['ECL-2.0', 'Educational Community License v2.0', 1, 1],
  ['EFL-2.0', 'Eiffel Forum License v2.0', 1, 1],
  ['EPL-1.0', 'Eclipse Public License 1.0', 1, 1],
  ['EPL-2.0', 'Eclipse Public License 2.0', 1, 1],
  ['etalab-2.0', 'Etalab Open License 2.0 (Licence Ouverte)', 0, 0],
  ['EUDatagrid', 'EU DataGrid Software License', 1, 1],
  ['EUPL-1.1', 'European Union Public License 1.1', 1, 1],
  ['EUPL-1.2', 'European Union Public License 1.2', 1, 1],
  ['FDK-AAC', 'Fraunhofer FDK AAC Codec Library', 0, 0],
  ['FSFAP', 'FSF All Permissive License', 0, 1],
  ['FTL', 'Freetype Project License', 0, 1],
  ['GFDL-1.3', 'GNU Free Documentation License v1.3', 0, 1, 1],
  ['GFDL-1.3-only', 'GNU Free Documentation License v1.3 only', 0, 1],
  ['GFDL-1.3-or-later', 'GNU Free Documentation License v1.3 or later', 0, 1],
  ['GPL-2.0', 'GNU General Public License v2.0', 1, 1, 1],
  ['GPL-2.0-only', 'GNU General Public License v2.0 only', 1, 1],
  ['GPL-2.0-or-later', 'GNU General Public License v2.0 or later', 1, 1],
  ['GPL-3.0', 'GNU General Public License v3.0', 1, 1, 1],
  ['GPL-3.0-only', 'GNU General Public License v3.0 only', 1, 1],
  ['GPL-3.0-or-later', 'GNU General Public License v3.0 or later', 1, 1],
  ['HPND', 'Historical Permission Notice and Disclaimer', 1, 1],
  ['iMatix', 'iMatix Standard Function Library Agreement', 0, 1],
  ['Imlib2', 'Imlib2 License', 0, 1],
  ['Intel', 'Intel Open Source License', 1, 1],
  ['IPA', 'IPA Font License', 1, 1],
  ['IPL-1.0', 'IBM Public License v1.0', 1, 1],
  ['ISC', 'ISC License', 1, 1],
  ['LGPL-2.0', 'GNU Library General Public License v2 only', 1, 0, 1],
  ['LGPL-2.0-only', 'GNU Library General Public License v2 only', 1, 0],
  ['LGPL-2.0-or-later', 'GNU Library General Public License v2 or later', 1, 0],
  ['LGPL-2.1', 'GNU Lesser General Public License v2.1', 1, 1, 1],
  ['LGPL-2.1-only', 'GNU Lesser General Public License v2.1 only', 1, 1],
  ['LGPL-2.1-or-later', 'GNU Lesser General Public License v2.1 or later', 1, 1],
  ['LGPL-3.0', 'GNU Lesser General Public License v3.0', 1, 1, 1],
  ['LGPL-3.0-only', 'GNU Lesser General Public License v3.0 only', 1, 1],
  ['LGPL-3.0-or-later', 'GNU Lesser General Public License v3.0 or later', 1, 1],
  ['LiLiQ-P-1.1', 'Licence Libre du Québec – Permissive version 1.1', 1, 0],
  ['LiLiQ-R-1.1', 'Licence Libre du Québec – Réciprocité version 1.1', 1, 0],
  ['LiLiQ-Rplus-1.1', 'Licence Libre du Québec – Réciprocité forte version 1.1', 1, 0],
  ['LPL-1.02', 'Lucent Public License v1.02', 1, 1],
  ['LPPL-1.3c', 'LaTeX Project Public License v1.3c', 1, 1],
  ['MirOS', 'The MirOS Licence', 1, 0],
  ['MIT', 'MIT License', 1, 1],
  ['MIT-0', 'MIT No Attribution', 1, 0],
  ['MPL-1.1', 'Mozilla Public License 1.1', 1, 1],
  ['MPL-2.0', 'Mozilla Public License 2.0', 1, 1],
  ['MS-PL', 'Microsoft Public License', 1, 1],
  ['MS-RL', 'Microsoft Reciprocal License', 1, 1],
  ['MulanPSL-2.0', 'Mulan Permissive Software License, Version 2', 1, 0],
  ['NCSA', 'University of Illinois/NCSA Open Source License', 1, 1],
  ['ODbL-1.0', 'Open Data Commons Open Database License v1.0', 0, 1],
  ['ODC-By-1.0', 'Open Data Commons Attribution License v1.0', 0, 0],
  ['OFL-1.1', 'SIL Open Font License 1.1', 1, 1],
  ['OGL-UK-3.0', 'Open Government Licence v3.0', 0, 0],
  ['OLDAP-2.8', 'Open LDAP Public License v2.8', 1, 0],
  ['OpenSSL', 'OpenSSL License', 0, 1],
  ['OSL-3.0', 'Open Software License 3.0', 1, 1],
  ['PDDL-1.0', 'Open Data Commons Public Domain Dedication & License 1.0', 0, 0],
  ['PHP-3.01', 'PHP License v3.01', 1, 1],
  ['PostgreSQL', 'PostgreSQL License', 1, 0],
  ['Python-2.0', 'Python License 2.0', 1, 1],
  ['QPL-1.0', 'Q Public License 1.0', 1, 1],
  ['RPL-1.5', 'Reciprocal Public License 1.5', 1, 0],
  ['Ruby', 'Ruby License', 0, 1],
  ['SGI-B-2.0', 'SGI Free Software License B v2.0', 0, 1],
  ['SISSL', 'Sun Industry Standards Source License v1.1', 1, 1],
  ['Sleepycat', 'Sleepycat License', 1, 1],
  ['SMLNJ', 'Standard ML of New Jersey License', 0, 1],
  ['SPL-1.0', 'Sun Public License v1.0', 1, 1],
  ['UPL-1.0', 'Universal Permissive License v1.0', 1, 1],
  ['Unicode-DFS-2016', 'Unicode License Agreement - Data Files and Software (2016)', 1, 0],
  ['Unlicense', 'The Unlicense', 1, 1],
  ['Vim', 'Vim License', 0, 1],
  ['W3C', 'W3C Software Notice and License (2002-12-31)', 1, 1],
  ['WTFPL', 'Do What The F*ck You Want To Public License', 0, 1],
  ['X11', 'X11 License', 0, 1],
  ['XFree86-1.1', 'XFree86 License 1.1', 0, 1],
  ['Zend-2.0', 'Zend License v2.0', 0, 1],
  ['Zlib', 'zlib License', 1, 1],
  ['ZPL-2.0', 'Zope Public License 2.0', 1, 1],
  ['ZPL-2.1', 'Zope Public License 2.1', 1, 1],
];

// Creative Commons: 1.0–4.0 of each variant, plus CC0 and the public domain mark.
const CC_VARIANTS: [code: string, label: string, restrictions: LicenseInfo['restrictions']][] = [
  ['BY', 'Attribution', []],
  ['BY-SA', 'Attribution Share Alike', []],
  ['BY-ND', 'Attribution No Derivatives', ['no-derivatives']],
  ['BY-NC', 'Attribution Non Commercial', ['non-commercial']],
  ['BY-NC-SA', 'Attribution Non Commercial Share Alike', ['non-commercial']],
  ['BY-NC-ND', 'Attribution Non Commercial No Derivatives', ['non-commercial', 'no-derivatives']],
];
const CC_VERSIONS = ['1.0', '2.0', '2.5', '3.0', '4.0'];

function buildList(): LicenseInfo[] {
  const list: LicenseInfo[] = SPDX_ROWS.map(([id, name, osi, fsf, dep]) => ({
    id,
    name,
    osi: osi === 1,
    fsfLibre: fsf === 1,
    ...(dep ? { deprecated: true } : {}),
  }));
  list.push({
    id: 'CC0-1.0',
    name: 'Creative Commons Zero v1.0 Universal',
    osi: false,
    fsfLibre: true,
  });
  list.push({
    id: 'CC-PDDC',
    name: 'Creative Commons Public Domain Dedication and Certification',
    osi: false,
    fsfLibre: false,
  });
  for (const [code, label, restrictions] of CC_VARIANTS) {
    for (const v of CC_VERSIONS) {
      // FSF lists CC-BY-4.0 and CC-BY-SA-4.0 as free licences (for works other than software).
      const fsfLibre = v === '4.0' && (code === 'BY' || code === 'BY-SA');
      list.push({
        id: `CC-${code}-${v}`,
        name: `Creative Commons ${label} ${v}`,
        osi: false,
        fsfLibre,
        ...(restrictions && restrictions.length ? { restrictions } : {}),
      });
    }
  }
  return list;
}

/** Every licence the registry recognises. */
export const LICENSES: readonly LicenseInfo[] = buildList();

const BY_LOWER = new Map(LICENSES.map((l) => [l.id.toLowerCase(), l]));

/** Words meaning "not open" that are accepted and flagged. */
const PROPRIETARY_IDS = new Set([
  'proprietary',
  'propriétaire',
  'proprietaire',
  'licenseref-proprietary',
  'all-rights-reserved',
]);

/** How the registry shows a licence. */
export type LicenseFlag = 'open' | 'proprietary' | 'unknown';

/** The verdict on a licence id. */
export interface LicenseCheck {
  /** The canonical id (SPDX case) when known, the input trimmed otherwise. */
  id: string;
  /** A recognised SPDX / Creative Commons id, or "proprietary". */
  valid: boolean;
  flag: LicenseFlag;
  name?: string;
  osi?: boolean;
  fsfLibre?: boolean;
  /** Satisfies the Open Definition (false for NC / ND variants). */
  openDefinition?: boolean;
  restrictions: string[];
  deprecated?: boolean;
}

/**
 * Checks a licence id, case-insensitively. Simple SPDX expressions ("MIT OR Apache-2.0",
 * "GPL-2.0-or-later WITH Classpath-exception-2.0") are valid when every licence in them is.
 * Never throws.
 */
export function checkLicense(input: string | null | undefined): LicenseCheck {
  const raw = (input ?? '').trim();
  if (!raw) return { id: '', valid: false, flag: 'unknown', restrictions: [] };
  if (PROPRIETARY_IDS.has(raw.toLowerCase())) {
    return {
      id: 'proprietary',
      valid: true,
      flag: 'proprietary',
      openDefinition: false,
      restrictions: [],
    };
  }
  const known = BY_LOWER.get(raw.toLowerCase());
  if (known) return verdict(known);
  // SPDX expressions: OR / AND of known ids, optional "WITH exception", optional parentheses.
  const parts = raw
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND)\s+/i)
    .map((p) => p.replace(/\s+WITH\s+\S+$/i, '').trim())
    .filter(Boolean);
  if (parts.length > 1 || /\sWITH\s/i.test(raw)) {
    const infos = parts.map((p) => BY_LOWER.get(p.toLowerCase()));
    if (infos.every((i): i is LicenseInfo => i !== undefined)) {
      return {
        id: raw.replace(/\s+/g, ' '),
        valid: true,
        flag: 'open',
        osi: infos.some((i) => i.osi),
        fsfLibre: infos.some((i) => i.fsfLibre),
        openDefinition: infos.some((i) => !i.restrictions?.length),
        restrictions: [...new Set(infos.flatMap((i) => i.restrictions ?? []))],
      };
    }
  }
  return { id: raw, valid: false, flag: 'unknown', restrictions: [] };
}

function verdict(l: LicenseInfo): LicenseCheck {
  return {
    id: l.id,
    valid: true,
    flag: 'open',
    name: l.name,
    osi: l.osi,
    fsfLibre: l.fsfLibre,
    openDefinition: !l.restrictions?.length,
    restrictions: l.restrictions ?? [],
    ...(l.deprecated ? { deprecated: true } : {}),
  };
}

/**
 * The licence facet's group of an id: SPDX's variants of one licence (`AGPL-3.0`, its deprecated
 * spelling, `AGPL-3.0-only`, `AGPL-3.0-or-later`, `AGPL-3.0+`) count as one value, the base id, so
 * the facet does not list the same licence three times. Any other id is its own group.
 */
export function licenseGroup(id: string): string {
  const m = /^(.+?)(?:-only|-or-later|\+)$/i.exec(id.trim());
  const base = BY_LOWER.get((m ? m[1] : id.trim()).toLowerCase());
  return base && (m || base.id.toLowerCase() === id.trim().toLowerCase()) ? base.id : id;
}
