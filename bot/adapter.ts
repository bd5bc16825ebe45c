// The Bot Framework adapter PlanPulse uses, built from the bot's own settings.
// With no app id it accepts unauthenticated activities (local use, the Agents
// Playground); with MicrosoftAppId set every activity's token is checked.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants } from 'botframework-connector';

export interface BotCredentials {
  appId: string;
  appPassword: string;
  appTenantId: string;
  appType: string;
  /**
   * Where the Bot Framework's signing keys are described, and the issuer its
   * tokens carry: the public cloud's unless set. Tests point these at a local
   * stand-in; they are not read from the environment.
   */
  channelOpenIdMetadataUrl?: string;
  channelTokenIssuer?: string;
}

/**
 * CloudAdapter.process writes every refused token to the console as a full
 * stack and answers for us; this takes the same authenticated path and lets the
 * endpoint answer and log in its own words.
 */
export class PlanPulseAdapter extends CloudAdapter {
  processIncoming(authHeader: string, activity: Activity, logic: (ctx: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    // As botbuilder does before a turn: timestamps arrive as text.
    const a = activity as Activity & Record<string, unknown>;
    for (const [field, raw] of [
      ['timestamp', 'rawTimestamp'],
      ['localTimestamp', 'rawLocalTimestamp'],
      ['expiration', 'rawExpiration'],
    ] as const) {
      if (typeof a[field] === 'string') {
        a[raw] = a[field];
        a[field] = new Date(a[field] as string);
      }
    }
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(bot: BotCredentials, log: (line: string) => void): PlanPulseAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppTenantId: bot.appTenantId,
    MicrosoftAppType: bot.appType,
    ...(bot.channelOpenIdMetadataUrl
      ? {
          // Setting one of these makes botbuilder expect them all.
          ValidateAuthority: true,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: bot.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: bot.channelOpenIdMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: bot.channelOpenIdMetadataUrl,
          CallerId: 'urn:botframework:azure',
        }
      : {}),
  });
  const adapter = new PlanPulseAdapter(auth);
  adapter.onTurnError = async (ctx, error) => {
    // A failure inside our own handling is a bug worth its stack (one JSON line in production logs).
    log(`turn failed: ${error.stack ?? error.message}`);
    await ctx.sendActivity('Sorry, something went wrong on our side. Nothing you sent was lost: please try again.');
  };
  return adapter;
}
