// The shapes Teams expects back from an adaptiveCard/action invoke.
import type { AdaptiveCardInvokeResponse } from 'botbuilder';

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD_CONTENT_TYPE, value: card as Record<string, unknown> };
}

export function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } as unknown as Record<string, unknown> };
}
