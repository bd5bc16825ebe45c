// The shapes Teams expects back from an adaptiveCard/action invoke.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { messageCard } from './cards/message-card';
import { cardBytes, TEAMS_CARD_LIMIT_BYTES } from './cards/size';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * The card as the answer. A card too big for Teams would be refused and the
 * person left with a generic failure, so it is swapped for a short one that
 * says so (every template is tested to stay far below the limit).
 */
export function cardResponse(card: object): AdaptiveCardInvokeResponse {
  const fits = cardBytes(card) <= TEAMS_CARD_LIMIT_BYTES;
  const value = fits
    ? card
    : messageCard({
        title: 'That answer was too long to show',
        lines: ['PlanPulse could not show its answer here. Type "my actions" to see where your actions stand.'],
        style: 'attention',
      });
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: value as Record<string, unknown> };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as unknown as Record<string, unknown> };
}
