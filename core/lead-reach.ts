// Whether the bot can reach each lead in Teams, in words for the leads list.
// A lead the bot cannot reach is never nudged, so the secretariat needs to
// see why: never matched, never installed, or the person turned the bot away.
import { normaliseAadObjectId } from './lead-identity';
import type { Lead } from './model';
import type { Reachability } from './reach';

export interface LeadReach {
  reachable: boolean;
  /** "yes", or "no: " and why not. */
  words: string;
}

/** Finds the lead's conversation by Entra object id, else by the lead key the bot linked it to. */
export function reachOf(lead: Lead, conversations: Reachability[]): LeadReach {
  const id = normaliseAadObjectId(lead.aadObjectId);
  const found =
    (id && conversations.find((r) => normaliseAadObjectId(r.aadObjectId) === id)) ||
    conversations.find((r) => r.leadKey === lead.key);
  if (found?.reachable) return { reachable: true, words: 'yes' };
  if (found) return { reachable: false, words: `no: ${found.unreachableReason ?? 'the bot cannot post to them'}` };
  if (!id) return { reachable: false, words: 'no: not matched to a Teams account' };
  return { reachable: false, words: 'no: never installed the app' };
}
