// Teams rejects a message whose card is over about 28 KB, so card size is
// measured the way it travels: UTF-8 bytes of the JSON.

export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;
/** What PlanPulse aims for, leaving room for the activity envelope around the card. */
export const CARD_BUDGET_BYTES = 20 * 1024;

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
