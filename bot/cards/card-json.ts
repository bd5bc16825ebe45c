// The shape of the card JSON the templates return. Deliberately loose for body
// elements (the adaptivecards parser is the real check, see check.ts) and strict
// where the handler depends on it: version 1.5 and Execute actions only.
import type { CardActionData, Verb } from './verbs';

/** Teams renders up to 1.5; Universal Actions need 1.4 or later. */
export const CARD_VERSION = '1.5';

export type CardElement = { type: string; [property: string]: unknown };

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: Verb;
  data: CardActionData;
  /** "auto" sends the form's inputs; "none" lets Back work while the form is invalid. */
  associatedInputs?: 'auto' | 'none';
  tooltip?: string;
}

export interface CardRefresh {
  action: { type: 'Action.Execute'; verb: Verb; data: CardActionData };
  userIds: string[];
}

export interface AdaptiveCardJson {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_VERSION;
  /** A plain summary for clients that cannot render the card. */
  fallbackText: string;
  /** The same summary for voice and screen-reader hosts that read `speak`. */
  speak: string;
  refresh?: CardRefresh;
  body: CardElement[];
  actions?: ExecuteAction[];
}

/**
 * Joins a title and lines into the spoken summary, ending each with a full
 * stop where it has none, so a screen reader pauses between them instead of
 * reading "Not allowed Only the lead…" as one sentence.
 */
export function asSentences(parts: string[]): string {
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (/[.!?:…]$/.test(p) ? p : `${p}.`))
    .join(' ');
}

/** Wraps body and actions in the envelope every PlanPulse card shares. */
export function adaptiveCard(parts: { summary: string; body: CardElement[]; actions?: ExecuteAction[]; refresh?: CardRefresh }): AdaptiveCardJson {
  const card: AdaptiveCardJson = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: parts.summary,
    speak: parts.summary,
    body: parts.body,
  };
  if (parts.refresh) card.refresh = parts.refresh;
  if (parts.actions && parts.actions.length > 0) card.actions = parts.actions;
  return card;
}
