// Lead names as plans write them. One cell can name two people
// ("Matt Pilling / Sapphire Murray") and one person can be spelt two ways
// ("Fiona Harris Hilton", "Fiona Harris- Hilton"); both must land on one Lead.
import type { Lead } from './model';

/**
 * Splits a lead cell into names: "/", "&", ";" and new lines separate people.
 * A comma and " and " do not: names are often written "Smith, Jo" and role
 * names contain both ("Director of Policy, Commissioning and Children's
 * Health"), so the import only points them out (see mayNameTwoPeople).
 */
export function splitLeadNames(cell: string): string[] {
  return cell
    .split(/\s*(?:\/|&|;|\r?\n)\s*/)
    .map(tidyName)
    .filter((n) => n.length > 0);
}

/** True when a name from a lead cell has a comma or " and " in it: two people, or one person or role? */
export function mayNameTwoPeople(name: string): boolean {
  return /,|\sand\s/i.test(name);
}

/** Collapses stray spaces, including around hyphens in double-barrelled names. */
export function tidyName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .replace(/\s*-\s*/g, '-')
    .trim();
}

/**
 * The key two spellings of one person share: lower case, letters and digits
 * only, words joined by "-". "Fiona Harris Hilton" and "Fiona Harris- Hilton"
 * both give "fiona-harris-hilton".
 */
export function leadKey(name: string): string {
  return tidyName(name)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A person is matched when Teams can tell us it is them (Entra object id) and we can mail them. */
export function isMatched(lead: Lead): boolean {
  return Boolean(lead.aadObjectId && (lead.email || lead.upn));
}
