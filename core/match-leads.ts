// Matching plan lead names to real people. The plan only gives names; Teams
// only gives Entra object ids. A people sheet (exported from the directory or
// typed by the secretariat) joins the two: name, email/UPN, Entra object id.
import { addressesOf, normaliseAadObjectId, normaliseEmail, normaliseLead, sharedIdentity } from './lead-identity';
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
  /** The updated and added leads in an order the store accepts one at a time; empty when there are problems. */
  toSave: Lead[];
  problems: ImportProblem[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Sheet columns: name, email, upn, aad_object_id, secretariat (yes/no), board (yes/no: a Partnership
 * Board member, who sees the tab's board view), chair_of (delivery group key).
 * Every row is checked before anything is returned to save: a bad cell, a
 * person on two rows, an Entra id or address given to two people in the sheet,
 * or one that already belongs to a stored lead the sheet leaves alone, each
 * becomes a problem with its row number. With any problem, nothing is to be saved.
 */
export function matchPeople(leads: Lead[], sheet: Sheet, groupKeys: string[]): PeopleMatch {
  const out: PeopleMatch = { updated: [], added: [], chairs: [], toSave: [], problems: [] };
  const byKey = new Map(leads.map((l) => [l.key, l]));
  for (const l of leads) for (const alias of l.aliases) if (!byKey.has(leadKey(alias))) byKey.set(leadKey(alias), l);
  const bad = (row: number, message: string) => out.problems.push({ source: sheet.source, rowNumber: row, message });
  /** Each person the sheet names, by lead key, with the row that names them. */
  const rows = new Map<string, { lead: Lead; rowNumber: number }>();

  for (const row of sheet.rows) {
    const c = row.cells;
    const name = tidyName(c.name ?? '');
    const email = normaliseEmail(c.email);
    const upn = normaliseEmail(c.upn);
    const aad = normaliseAadObjectId(c.aad_object_id ?? c.entra_object_id);
    const before = out.problems.length;
    if (!name) bad(row.rowNumber, 'no name');
    if (email && !EMAIL.test(email)) bad(row.rowNumber, `"${c.email}" is not an email address`);
    if (upn && !EMAIL.test(upn)) bad(row.rowNumber, `"${c.upn}" is not a user principal name`);
    if (aad && !GUID.test(aad)) bad(row.rowNumber, `"${c.aad_object_id ?? c.entra_object_id}" is not an Entra object id (a GUID)`);
    const chairOf = (c.chair_of ?? '').trim();
    if (chairOf && !groupKeys.includes(chairOf)) bad(row.rowNumber, `chair_of "${chairOf}" is not a delivery group (${groupKeys.join(', ')})`);
    const secretariatCell = (c.secretariat ?? '').trim();
    if (!/^(y|yes|n|no|true|false|1|0|)$/i.test(secretariatCell))
      bad(row.rowNumber, `secretariat "${secretariatCell}" should be yes or no (yes, no, true, false, 1, 0, or blank for no)`);
    const boardCell = (c.board ?? '').trim();
    if (!/^(y|yes|n|no|true|false|1|0|)$/i.test(boardCell))
      bad(row.rowNumber, `board "${boardCell}" should be yes or no (yes, no, true, false, 1, 0, or blank for no)`);
    const key = leadKey(name);
    const existing = byKey.get(key);
    const earlier = name ? rows.get(existing?.key ?? key) : undefined;
    if (earlier) bad(row.rowNumber, `${name} is also on row ${earlier.rowNumber}`);
    if (out.problems.length > before) continue;

    const secretariat = /^(y|yes|true|1)$/i.test((c.secretariat ?? '').trim());
    const lead = normaliseLead({
      ...(existing ?? { key, displayName: name, aliases: [] }),
      email: email ?? existing?.email,
      upn: upn ?? existing?.upn ?? email,
      aadObjectId: aad ?? existing?.aadObjectId,
    });
    if (secretariat) lead.isSecretariat = true;
    if (/^(y|yes|true|1)$/i.test(boardCell)) lead.isBoardMember = true;
    rows.set(lead.key, { lead, rowNumber: row.rowNumber });
    (existing ? out.updated : out.added).push(lead);
    if (chairOf) out.chairs.push({ groupKey: chairOf, leadKey: lead.key });
  }

  // Identities are checked against the leads as they would stand once the whole sheet is saved.
  // Found through an index of who holds each id and address, so a directory export of
  // thousands of people is checked in linear time, not pair by pair.
  const stored = leads.filter((l) => !rows.has(l.key));
  const named = [...rows.values()];
  const earlier = new IdentityIndex<number>();
  const storedIndex = new IdentityIndex<number>();
  stored.forEach((l, j) => storedIndex.add(l, j));
  for (const [i, { lead, rowNumber }] of named.entries()) {
    for (const j of earlier.holders(lead).sort((a, b) => a - b)) {
      const other = named[j];
      for (const s of sharedIdentity(lead, other.lead))
        bad(rowNumber, `${s.what} ${s.value} is also given to ${other.lead.displayName} on row ${other.rowNumber}`);
    }
    for (const j of storedIndex.holders(lead).sort((a, b) => a - b)) {
      const other = stored[j];
      for (const s of sharedIdentity(lead, other))
        bad(rowNumber, `${s.what} ${s.value} already belongs to ${other.displayName}, who is not in this sheet`);
    }
    earlier.add(lead, i);
  }
  if (out.problems.length === 0) {
    const order = saveOrder(
      leads,
      named.map((n) => n.lead),
    );
    if (order.stuck.length > 0) {
      const rowOf = (l: Lead) => rows.get(l.key)!.rowNumber;
      const names = order.stuck.map((l) => `${l.displayName} (row ${rowOf(l)})`).join(', ');
      for (const l of order.stuck) {
        bad(
          rowOf(l),
          `${names} swap Entra ids or addresses between them, which cannot be saved one lead at a time: load a sheet that clears one of them first`,
        );
      }
    }
    out.toSave = order.saved;
  }
  out.problems.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
  if (out.problems.length > 0) return { updated: [], added: [], chairs: [], toSave: [], problems: out.problems };
  return out;
}

/**
 * Leads are saved one at a time and a store refuses any save that would give
 * two leads one identity, so an id moving from one lead to another must be
 * saved from its old holder first. `saved` is an order in which every save is
 * accepted; `stuck` are leads that only swap with each other, which no order allows.
 */
export function saveOrder(stored: Lead[], changed: Lead[]): { saved: Lead[]; stuck: Lead[] } {
  const current = new Map(stored.map((l) => [l.key, l]));
  const held = new IdentityIndex<string>();
  for (const l of current.values()) held.add(l, l.key);
  const free = (l: Lead) => held.holders(l).every((key) => key === l.key);
  const pending: Array<Lead | undefined> = [...changed];
  const saved: Lead[] = [];
  // Always the first pending lead that can be saved. A save can free an earlier
  // lead only by letting go of an id or address, so only then is the scan begun again.
  for (let i = 0; i < pending.length; i++) {
    const next = pending[i];
    if (!next || !free(next)) continue;
    const before = current.get(next.key);
    if (before) held.remove(before, before.key);
    held.add(next, next.key);
    current.set(next.key, next);
    saved.push(next);
    pending[i] = undefined;
    if (before && identitiesOf(before).some((v) => !identitiesOf(next).includes(v))) i = -1;
  }
  return { saved, stuck: pending.filter((l): l is Lead => l !== undefined) };
}

/** A lead's id and addresses as index keys: an id only ever meets an id, an address an address. */
function identitiesOf(lead: Lead): string[] {
  const id = normaliseAadObjectId(lead.aadObjectId);
  return [...(id ? [`id:${id}`] : []), ...addressesOf(lead).map((a) => `address:${a}`)];
}

/** Who holds each id and address: the leads a lead might clash with, found without comparing every pair. */
class IdentityIndex<T> {
  private readonly byValue = new Map<string, T[]>();

  add(lead: Lead, holder: T): void {
    for (const v of identitiesOf(lead)) {
      const list = this.byValue.get(v);
      if (!list) this.byValue.set(v, [holder]);
      else if (!list.includes(holder)) list.push(holder);
    }
  }

  remove(lead: Lead, holder: T): void {
    for (const v of identitiesOf(lead)) {
      const list = this.byValue.get(v);
      if (list)
        this.byValue.set(
          v,
          list.filter((h) => h !== holder),
        );
    }
  }

  /** Everyone holding any of the lead's ids or addresses, each once, in the order they were added. */
  holders(lead: Lead): T[] {
    const found = new Set<T>();
    for (const v of identitiesOf(lead)) for (const h of this.byValue.get(v) ?? []) found.add(h);
    return [...found];
  }
}
