// Knowing who is reachable: every install and every message refreshes the
// person's conversation reference, keyed by their Entra object id, and links
// them to their lead record (by Entra id, else by the email Teams reports).
import { TeamsInfo, TurnContext } from 'botbuilder';
import { InvalidError } from '../core/errors';
import { normaliseAadObjectId } from '../core/lead-identity';
import type { Lead } from '../core/model';
import type { BotServices } from './services';

/** Recorded for someone PlanPulse has met only in a team or group chat (core/unreachable.ts reads it). */
export const TEAM_ONLY_REASON = 'installed only in a team or group chat';

export async function rememberConversation(ctx: TurnContext, s: BotServices): Promise<Lead | undefined> {
  const from = ctx.activity.from;
  const aad = from?.aadObjectId;
  if (!aad) return undefined;
  let lead = await s.store.findLeadByAadObjectId(aad);
  if (!lead) lead = await linkByEmail(ctx, s, aad);
  const personal = isPersonal(ctx);
  const existing = await s.reach.getReachability(aad);
  // Nudges go to the 1:1 chat only. A team or group chat never replaces what we
  // know of the person; if we knew nothing, we note why they cannot be reached,
  // without keeping the shared conversation as if it were theirs.
  if (!personal && existing) return lead;
  await s.reach.saveReachability({
    aadObjectId: aad,
    leadKey: lead?.key,
    name: from.name,
    reference: personal ? JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity))) : {},
    reachable: personal,
    unreachableReason: personal ? undefined : TEAM_ONLY_REASON,
    updatedAt: s.now().toISOString(),
  });
  return lead;
}

/**
 * A 1:1 chat with the bot. Teams always says "personal", "groupChat" or
 * "channel", and a channel activity may leave out isGroup, so the type decides;
 * only clients that send no type at all (emulators) fall back on isGroup.
 */
export function isPersonal(ctx: TurnContext): boolean {
  const conversation = ctx.activity.conversation;
  if (conversation?.conversationType) return conversation.conversationType === 'personal';
  return !conversation?.isGroup;
}

async function linkByEmail(ctx: TurnContext, s: BotServices, aad: string): Promise<Lead | undefined> {
  let email: string | undefined;
  try {
    const member = await TeamsInfo.getMember(ctx, ctx.activity.from.id);
    email = member.email ?? member.userPrincipalName;
  } catch {
    return undefined; // not in Teams, or the roster is unavailable: stay unlinked
  }
  if (!email) return undefined;
  const lead = await s.store.findLeadByEmail(email);
  if (!lead || (lead.aadObjectId && normaliseAadObjectId(lead.aadObjectId) !== normaliseAadObjectId(aad))) return undefined;
  const linked: Lead = { ...lead, aadObjectId: normaliseAadObjectId(aad) };
  try {
    await s.store.saveLead(linked);
  } catch (e) {
    // Another lead already has this Entra id: stay unlinked rather than let one person act as two.
    if (!(e instanceof InvalidError)) throw e;
    s.log(`did not link ${lead.displayName} to their Teams account: ${e.message}`);
    return undefined;
  }
  s.log(`linked ${lead.displayName} to their Teams account`);
  return linked;
}
