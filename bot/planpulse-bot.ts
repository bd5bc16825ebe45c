// The Teams activity handler: routes activities to small functions and holds
// no state of its own (everything lives in the stores).
import { CardFactory, TeamsActivityHandler, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue, type TurnContext } from 'botbuilder';
import { formatDate } from '../core/dates';
import { ForbiddenError, InvalidError, NotFoundError } from '../core/errors';
import { leadKey } from '../core/leads';
import type { Lead } from '../core/model';
import { delegateAction, StaleCardError, updateActionStatus } from '../core/update-action';
import { assertMaySee, handleCardAction, identityOf, notALead, updateFormFor } from './card-actions';
import { helpCard, messageCard, nudgeCard, savedCard, welcomeCard } from './cards';
import { parseChat } from './chat-commands';
import { isPersonal, rememberConversation } from './remember';
import { afterSaving, openActionsFor, recordReply, today, updateDeps, type BotServices } from './services';

export class PlanPulseBot extends TeamsActivityHandler {
  constructor(private readonly s: BotServices) {
    super();
    this.onInstallationUpdateAdd(async (ctx, next) => {
      await rememberConversation(ctx, s);
      if (isPersonal(ctx)) await reply(ctx, welcomeCard({ name: ctx.activity.from?.name ?? 'there', schedule: s.scheduleText }));
      else await say(ctx, sharedWelcome(s.scheduleText));
      await next();
    });
    this.onInstallationUpdateRemove(async (ctx, next) => {
      // Only removing it from their own chat takes a person out of reach; a team
      // or group chat losing the app leaves their 1:1 chat as it was.
      const aad = ctx.activity.from?.aadObjectId;
      if (aad && isPersonal(ctx)) await s.reach.markUnreachable(aad, 'uninstalled the app', s.now().toISOString());
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      await rememberConversation(ctx, s);
      await next();
    });
    this.onMessage(async (ctx, next) => {
      const me = await rememberConversation(ctx, s);
      // In a team or group chat everyone reads the answer, so nobody's actions are shown there.
      if (isPersonal(ctx)) await this.chat(ctx, me);
      else
        await say(
          ctx,
          'PlanPulse answers about actions only in your own chat with it: open PlanPulse from the Apps menu and type "my actions" there.',
        );
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(ctx: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(ctx, value, this.s);
  }

  private async chat(ctx: TurnContext, me: Lead | undefined): Promise<void> {
    const s = this.s;
    const intent = parseChat(typeof ctx.activity.text === 'string' ? ctx.activity.text : '', today(s));
    const identity = identityOf(ctx);
    if (intent.kind === 'help') return reply(ctx, helpCard());
    if (intent.kind === 'unclear') {
      await say(ctx, intent.problem);
      return reply(ctx, helpCard());
    }
    if (!identity || !me) return reply(ctx, notALead());
    try {
      switch (intent.kind) {
        case 'myActions': {
          const items = await openActionsFor(s, me, false);
          if (!items.length)
            return reply(ctx, messageCard({ title: 'No open actions', lines: ['You lead no open actions in the plan.'], style: 'good' }));
          return reply(ctx, nudgeCard({ leadName: me.displayName, items, page: 1, cycle: today(s), today: today(s) }));
        }
        case 'update':
          return reply(ctx, await updateFormFor(s, identity, intent.ref));
        case 'noChange': {
          const done = await updateActionStatus(updateDeps(s), { identity, ref: intent.ref, report: {}, source: 'teams-chat' });
          await afterSaving(s, 'recording the reply', () => recordReply(s, me.key));
          return reply(ctx, savedCard({ action: done.saved.value, update: done.update, today: today(s) }));
        }
        case 'away':
          await s.store.saveLead({ ...me, awayUntil: intent.until });
          return say(ctx, `Noted: no prompts or chasing until you are back on ${formatDate(intent.until)}. Type "back" if you return sooner.`);
        case 'back': {
          const { awayUntil: _gone, ...back } = me;
          await s.store.saveLead(back);
          return say(ctx, 'Welcome back: your weekly prompts start again.');
        }
        case 'delegate': {
          // Whether they may touch the action comes first: nobody learns who is in the leads list by asking about an action that is not theirs.
          await assertMaySee(s, identity, intent.ref);
          const to = intent.to ? (await s.store.listLeads()).find((l) => l.key === leadKey(intent.to!)) : undefined;
          if (intent.to && !to) throw new NotFoundError(`"${intent.to.slice(0, 80)}" is not in the leads list yet; ask the secretariat to add them.`);
          await delegateAction(updateDeps(s), { identity, ref: intent.ref, delegateKey: to?.key, source: 'teams-chat' });
          return say(ctx, to ? `${intent.ref} is now with ${to.displayName}: they will get its prompts.` : `${intent.ref} is back with you.`);
        }
      }
    } catch (e) {
      if (e instanceof InvalidError) return say(ctx, `${e.problems.join(' ')} Nothing was changed.`);
      if (e instanceof ForbiddenError || e instanceof NotFoundError) return say(ctx, `${e.message} Nothing was changed.`);
      if (e instanceof StaleCardError) return say(ctx, `${e.message} Type "update ${e.current?.current.value.ref}" to see it now.`);
      throw e;
    }
  }
}

/** For a team or group chat: everyone reads it, and nobody's actions are discussed there. */
function sharedWelcome(schedule = 'Every Monday at 09:00'): string {
  return (
    'PlanPulse keeps the SEND Continuous Improvement Plan up to date. ' +
    `${schedule} it asks each action lead, in their own chat with PlanPulse, for a short update on their actions; ` +
    "nothing about anyone's actions is posted here. Leads can open PlanPulse from the Apps menu to see theirs."
  );
}

async function reply(ctx: TurnContext, card: object): Promise<void> {
  await ctx.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** Plain text: our sentences quote what people typed, which Teams must not read as Markdown. */
async function say(ctx: TurnContext, text: string): Promise<void> {
  await ctx.sendActivity({ type: 'message', text, textFormat: 'plain' });
}
