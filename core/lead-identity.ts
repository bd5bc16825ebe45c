// Who a lead is: the Entra object id Teams reports and the email or UPN we
// mail them at. Both stores keep these in one shape (lower case, trimmed) and
// refuse a second lead with the same id or address, because the bot acts for
// whoever the id names: two leads sharing one would let one act as the other.
import { InvalidError } from './errors';
import type { Lead } from './model';

/** GUIDs arrive in either case and sometimes with stray spaces; undefined when blank. */
export function normaliseAadObjectId(id: string | undefined): string | undefined {
  const tidy = id?.trim().toLowerCase();
  return tidy ? tidy : undefined;
}

/** Mailboxes and UPNs are matched without regard to case; undefined when blank. */
export function normaliseEmail(address: string | undefined): string | undefined {
  const tidy = address?.trim().toLowerCase();
  return tidy ? tidy : undefined;
}

/** The lead with its identity in the one shape both stores keep; blank values are dropped. */
export function normaliseLead(lead: Lead): Lead {
  const { aadObjectId, email, upn, ...rest } = lead;
  const out: Lead = { ...rest };
  const id = normaliseAadObjectId(aadObjectId);
  const mail = normaliseEmail(email);
  const name = normaliseEmail(upn);
  if (mail) out.email = mail;
  if (name) out.upn = name;
  if (id) out.aadObjectId = id;
  return out;
}

/** The addresses a lead can be found by: email and UPN, normalised, without repeats. */
export function addressesOf(lead: Lead): string[] {
  return [...new Set([normaliseEmail(lead.email), normaliseEmail(lead.upn)].filter((a): a is string => Boolean(a)))];
}

/** What two different leads both claim: their Entra object id, or an email/UPN. Empty when nothing. */
export function sharedIdentity(a: Lead, b: Lead): Array<{ what: 'Entra object id' | 'address'; value: string }> {
  if (a.key === b.key) return [];
  const shared: Array<{ what: 'Entra object id' | 'address'; value: string }> = [];
  const id = normaliseAadObjectId(a.aadObjectId);
  if (id && normaliseAadObjectId(b.aadObjectId) === id) shared.push({ what: 'Entra object id', value: id });
  const theirs = addressesOf(b);
  for (const address of addressesOf(a)) if (theirs.includes(address)) shared.push({ what: 'address', value: address });
  return shared;
}

/**
 * Why `lead` cannot sit beside `others`, one sentence per clash, naming both
 * leads: another lead (by key) already has its Entra object id, or one of its
 * addresses. Empty when it fits. `others` may include `lead` itself.
 */
export function identityClashes(lead: Lead, others: Lead[]): string[] {
  const distinct = [...new Map(others.map((l) => [l.key, l])).values()];
  return distinct.flatMap((other) =>
    sharedIdentity(lead, other).map((s) => `${lead.displayName} cannot have the ${s.what} ${s.value}: it already belongs to ${other.displayName}.`),
  );
}

/** Throws InvalidError naming both leads when `lead` shares an identity with another; nothing is saved. */
export function assertIdentityFree(lead: Lead, others: Lead[]): void {
  const clashes = identityClashes(lead, others);
  if (clashes.length > 0) throw new InvalidError(clashes);
}

/**
 * The one lead a lookup names. More than one means the stored leads share an
 * identity (written before it was refused); such an id names nobody rather
 * than whichever lead happened to come first.
 */
export function onlyLead(found: Lead[]): Lead | undefined {
  const distinct = [...new Map(found.map((l) => [l.key, l])).values()];
  return distinct.length === 1 ? distinct[0] : undefined;
}
