// Word to the chair when a lead reports an action complete, with the Sign off
// button, through the same proactive path as the nudges and escalations.
import type { ConversationReference } from 'botbuilder';
import type { Action, Versioned } from '../core/model';
import { signOffCard } from './cards';
import { UnreachableError } from './notifier';
import { reachableLeads } from './nudge-runner';
import type { BotServices } from './services';

/** True when the note went out; a chair who cannot be reached still sees it in the digest. */
export async function tellChairOfCompletion(s: BotServices, reported: Versioned<Action>, reportedBy: string): Promise<boolean> {
  if (!s.notifier) return false;
  const action = reported.value;
  const priority = await s.store.getPriority(action.priorityRef);
  const group = priority && (await s.store.getDeliveryGroup(priority.deliveryGroupKey));
  if (!group?.chairLeadKey) return false;
  // Someone other than the reporter signs off: a chair who reported it (their own action, say) is not asked; the secretariat is.
  const signerKey =
    action.completionReportedBy === group.chairLeadKey ? (await s.store.listLeads()).find((l) => l.isSecretariat)?.key : group.chairLeadKey;
  if (!signerKey) return false;
  const reach = (await reachableLeads(s.store, s.reach)).get(signerKey);
  if (!reach) return false;
  const card = signOffCard({ action, etag: reported.etag, reportedBy, groupName: group.name });
  try {
    await s.notifier.sendCard(reach.reference as Partial<ConversationReference>, card, `${action.ref} is ready for your sign-off`);
    return true;
  } catch (e) {
    if (e instanceof UnreachableError) await s.reach.markUnreachable(reach.aadObjectId, e.reason, s.now().toISOString());
    s.log(`sign-off note to ${signerKey} about ${action.ref} failed: ${(e as Error).message}`);
    return false;
  }
}
