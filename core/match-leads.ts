// Matching plan lead names to real people. The plan only gives names; Teams
// only gives Entra object ids. A people sheet (exported from the directory or
// typed by the secretariat) joins the two: name, email/UPN, Entra object id.
import { leadKey, tidyName } from './leads';
import type { Lead } from './model';
import type { ImportProblem } from './import/parse-plan';
import type { Sheet } from './import/table';

export interface PeopleMatch {
  /** Leads whose record changes, whole. */
  updated: Lead[];
  /** People in the sheet who are not leads yet (e.g. the secretariat, a chair): added as leads. */
  added: Lead[];
  /** Chairs named in the sheet: delivery group key → lead key. */
  chairs: Array<{ groupKey: string; leadKey: string }>;
  problems: ImportProblem[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Sheet columns: name, email, upn, aad_object_id, secretariat (yes/no), chair_of (delivery group key). */
export function matchPeople(leads: Lead[], sheet: Sheet, groupKeys: string[]): PeopleMatch {
  const out: PeopleMatch = { updated: [], added: [], chairs: [], problems: [] };
  const byKey = new Map(leads.map((l) => [l.key, l]));
  for (const l of leads) for (const alias of l.aliases) if (!byKey.has(leadKey(alias))) byKey.set(leadKey(alias), l);
  const seenIds = new Map<string, string>();
  const bad = (row: number, message: string) => out.problems.push({ source: sheet.source, rowNumber: row, message });

  for (const row of sheet.rows) {
    const c = row.cells;
    const name = tidyName(c.name ?? '');
    const email = (c.email ?? '').trim().toLowerCase() || undefined;
    const upn = (c.upn ?? '').trim().toLowerCase() || undefined;
    const aad = (c.aad_object_id ?? c.entra_object_id ?? '').trim().toLowerCase() || undefined;
    const before = out.problems.length;
    if (!name) bad(row.rowNumber, 'no name');
    if (email && !EMAIL.test(email)) bad(row.rowNumber, `"${c.email}" is not an email address`);
    if (upn && !EMAIL.test(upn)) bad(row.rowNumber, `"${c.upn}" is not a user principal name`);
    if (aad && !GUID.test(aad)) bad(row.rowNumber, `"${c.aad_object_id}" is not an Entra object id (a GUID)`);
    if (aad && seenIds.has(aad)) bad(row.rowNumber, `Entra object id ${aad} is also given to ${seenIds.get(aad)}`);
    const chairOf = (c.chair_of ?? '').trim();
    if (chairOf && !groupKeys.includes(chairOf)) bad(row.rowNumber, `chair_of "${chairOf}" is not a delivery group (${groupKeys.join(', ')})`);
    if (out.problems.length > before) continue;
    if (aad) seenIds.set(aad, name);

    const key = leadKey(name);
    const existing = byKey.get(key);
    const secretariat = /^(y|yes|true|1)$/i.test((c.secretariat ?? '').trim());
    const lead: Lead = {
      ...(existing ?? { key, displayName: name, aliases: [] }),
      email: email ?? existing?.email,
      upn: upn ?? existing?.upn ?? email,
      aadObjectId: aad ?? existing?.aadObjectId,
    };
    if (secretariat) lead.isSecretariat = true;
    (existing ? out.updated : out.added).push(lead);
    if (chairOf) out.chairs.push({ groupKey: chairOf, leadKey: lead.key });
  }
  return out;
}
