// What a lead cell holds besides names: a placeholder that names nobody
// ("TBC", "All", "N/A"), and an email address written with or instead of the
// name ("Jo Smith <jo.smith@council.gov.uk>"). Neither becomes a lead called
// "TBC" or a name with an address in it.
import { oneLine } from './table';

const NO_ONE =
  /^(?:tbc|tba|tbd|tbc\.|to be confirmed|to be agreed|n\/a|na|none|nobody|-+|–|—|\?+|all|all partners|all leads|everyone|various|vacant)$/i;

/** True when a lead cell (or one name in it) names nobody in particular. */
export function namesNoOne(text: string): boolean {
  return NO_ONE.test(oneLine(text));
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/** "Jo Smith <jo.smith@x.gov.uk>" → Jo Smith and the address; an address alone is its own name. */
export function readLeadName(raw: string): { name: string; email?: string } {
  const m = EMAIL.exec(raw);
  if (!m) return { name: raw };
  const email = m[0].toLowerCase();
  const name = raw
    .replace(m[0], '')
    .replace(/[<>()[\]]/g, ' ')
    .replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { name: name || email, email };
}
