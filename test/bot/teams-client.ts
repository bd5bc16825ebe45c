// Posts activities to the bot's /api/messages exactly as the Teams channel
// does: msteams channel, tenant in channelData, the person's Entra object id
// in from.aadObjectId, and a serviceUrl pointing at our fake connector.
export interface Person {
  aadObjectId: string;
  teamsId: string;
  name: string;
}

export const TENANT = '11111111-2222-4333-8444-555555555555';

export class TeamsClient {
  private n = 0;
  /** Every card the bot answered an invoke with, for the harness's closing check. */
  readonly answeredCards: object[] = [];
  constructor(
    private readonly botUrl: string,
    private readonly serviceUrl: string,
  ) {}

  conversationOf(p: Person): string {
    return `a:personal-${p.teamsId}`;
  }

  private base(p: Person, type: string, extra: Record<string, unknown> = {}) {
    return {
      type,
      id: `incoming-${++this.n}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      from: { id: p.teamsId, name: p.name, aadObjectId: p.aadObjectId },
      recipient: { id: '28:planpulse-bot', name: 'PlanPulse' },
      conversation: { id: this.conversationOf(p), conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: 'en-GB',
      ...extra,
    };
  }

  async post(activity: object): Promise<{ status: number; body: any }> {
    const res = await fetch(this.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    if (body?.value?.type === 'AdaptiveCard') this.answeredCards.push(body.value);
    return { status: res.status, body };
  }

  install(p: Person) {
    return this.post(this.base(p, 'installationUpdate', { action: 'add' }));
  }

  uninstall(p: Person) {
    return this.post(this.base(p, 'installationUpdate', { action: 'remove' }));
  }

  say(p: Person, text: string) {
    return this.post(this.base(p, 'message', { text, textFormat: 'plain' }));
  }

  /** Taps an Action.Execute button; `inputs` are merged into data as Teams does. */
  async tap(p: Person, verb: string, data: Record<string, unknown>, inputs: Record<string, string> = {}) {
    const res = await this.post(
      this.base(p, 'invoke', {
        name: 'adaptiveCard/action',
        replyToId: 'activity-1',
        value: { action: { type: 'Action.Execute', id: verb, verb, data: { ...data, ...inputs } }, trigger: 'manual' },
      }),
    );
    return res;
  }
}
