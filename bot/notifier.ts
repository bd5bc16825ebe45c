// Proactive sends into Teams, kept within its limits: per conversation at most
// one message a second (the documented ceiling is 7/s but 60 per 30 s), across
// the tenant a budget under the per-app-per-tenant limit (50 RPS now, 30 in
// older revisions of the docs, so 30), split between however many instances
// run. A 429 waits as long as its Retry-After says, else backs off
// exponentially with jitter; 412, 502 and 504 are retried as Teams asks.
import { CardFactory, TurnContext, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { isLoopbackUrl } from '../core/loopback';

export interface SendResult {
  activityId?: string;
}

/** Teams said the person has blocked or removed the bot (403). */
export class UnreachableError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreachableError';
  }
}

export interface Notifier {
  sendCard(reference: Partial<ConversationReference>, card: object, summary: string): Promise<SendResult>;
  sendText(reference: Partial<ConversationReference>, text: string): Promise<SendResult>;
}

export interface RetryPolicy {
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  perConversationGapMs: number;
  /** Sends a second for the whole app in the tenant, across every instance. */
  tenantPerSecond: number;
  /** How many app instances share that budget (PLANPULSE_INSTANCES); 1 unless set. */
  instances?: number;
  /** A Retry-After longer than this is not waited out here: the send fails and a later tick retries it. */
  maxRetryAfterMs?: number;
}

export const TEAMS_RETRY: RetryPolicy = {
  retries: 3,
  minDelayMs: 2000,
  maxDelayMs: 20000,
  perConversationGapMs: 1000,
  tenantPerSecond: 30,
  maxRetryAfterMs: 120_000,
};

/** This instance's share of the tenant budget: never zero, so a send can always go. */
export function instanceShare(policy: Pick<RetryPolicy, 'tenantPerSecond' | 'instances'>): number {
  return Math.max(1, Math.floor(policy.tenantPerSecond / Math.max(1, policy.instances ?? 1)));
}

/** Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The Retry-After header on a failed send, wherever the HTTP client put it. */
function retryAfterOf(e: unknown): string | undefined {
  const err = e as { response?: { headers?: unknown }; headers?: unknown };
  const headers = (err.response?.headers ?? err.headers) as { get?: (name: string) => unknown } | Record<string, unknown> | undefined;
  if (!headers) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : ((headers as Record<string, unknown>)['retry-after'] ?? (headers as Record<string, unknown>)['Retry-After']);
  return typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : undefined;
}

const RETRYABLE = new Set([412, 429, 502, 504]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function statusOf(e: unknown): number | undefined {
  const err = e as { statusCode?: number; status?: number; response?: { status?: number } };
  return err.statusCode ?? err.status ?? err.response?.status;
}

export class TeamsNotifier implements Notifier {
  private readonly lastSend = new Map<string, number>();
  private tenantWindow: number[] = [];

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly policy: RetryPolicy = TEAMS_RETRY,
  ) {}

  sendCard(reference: Partial<ConversationReference>, card: object, summary: string): Promise<SendResult> {
    const attachment = CardFactory.adaptiveCard(card);
    return this.send(reference, { type: 'message', attachments: [attachment], summary });
  }

  sendText(reference: Partial<ConversationReference>, text: string): Promise<SendResult> {
    return this.send(reference, { type: 'message', text });
  }

  private async send(reference: Partial<ConversationReference>, activity: Record<string, unknown>): Promise<SendResult> {
    // Without credentials (local use) a stored reference is only trusted if it points at this machine:
    // one kept from anywhere else must not receive what PlanPulse says about people's actions.
    if (!this.appId && !isLoopbackUrl(reference.serviceUrl ?? '')) {
      throw new Error('not sent: without Bot Framework credentials PlanPulse sends only to service URLs on this machine');
    }
    const conversation = reference.conversation?.id ?? '';
    for (let attempt = 0; ; attempt++) {
      await this.pace(conversation);
      try {
        let result: SendResult = {};
        let failure: unknown;
        await this.adapter.continueConversationAsync(this.appId, reference, async (ctx: TurnContext) => {
          // Caught here, not thrown: an error escaping this callback would go to the
          // adapter's onTurnError, which answers into the very chat that just failed.
          try {
            const sent = await ctx.sendActivity(activity);
            result = { activityId: sent?.id };
          } catch (e) {
            failure = e;
          }
        });
        // The gap runs from when the send went out, not from when it was paced:
        // under load the two can be tens of milliseconds apart, and the next send
        // to this chat would otherwise reach Teams sooner than the gap allows.
        this.lastSend.set(conversation, Date.now());
        if (failure) throw failure;
        return result;
      } catch (e) {
        const status = statusOf(e);
        if (status === 403) throw new UnreachableError(`blocked or uninstalled (403${subCode(e)})`);
        if (status === undefined || !RETRYABLE.has(status) || attempt >= this.policy.retries) throw e;
        const told = status === 429 ? parseRetryAfter(retryAfterOf(e), Date.now()) : undefined;
        if (told !== undefined) {
          if (told > (this.policy.maxRetryAfterMs ?? TEAMS_RETRY.maxRetryAfterMs!)) throw e;
          await sleep(told);
          continue;
        }
        const backoff = Math.min(this.policy.maxDelayMs, this.policy.minDelayMs * 2 ** attempt);
        await sleep(backoff * (0.8 + Math.random() * 0.4));
      }
    }
  }

  /**
   * Waits until this conversation and the tenant both have room for one more
   * send. The tenant window is a little longer than Teams' second: sends
   * arrive with jitter, and a full share sent on the edge of one second and
   * the next would otherwise meet 429s at the far end.
   */
  private async pace(conversation: string): Promise<void> {
    const last = this.lastSend.get(conversation) ?? 0;
    const gap = last + this.policy.perConversationGapMs - Date.now();
    if (gap > 0) await sleep(gap);
    for (;;) {
      const now = Date.now();
      this.tenantWindow = this.tenantWindow.filter((t) => t > now - TENANT_WINDOW_MS);
      if (this.tenantWindow.length < instanceShare(this.policy)) break;
      await sleep(this.tenantWindow[0] + TENANT_WINDOW_MS - now);
    }
    const now = Date.now();
    this.tenantWindow.push(now);
    this.lastSend.set(conversation, now);
  }
}

/** Teams counts sends a second; we count them over 1.03 s, about 29 a second of a 30 share. */
const TENANT_WINDOW_MS = 1030;

function subCode(e: unknown): string {
  const body = (e as { body?: { error?: { code?: string } }; details?: { error?: { code?: string } } }).body ?? (e as { details?: unknown }).details;
  const code = (body as { error?: { code?: string } } | undefined)?.error?.code;
  return code ? ` ${code}` : '';
}
