// One verdict on a card before it is sent or committed to a test: everything
// the adaptivecards parser and validator complain about, what it lets through
// silently (schema-check.ts), and Teams' size limit. An empty list means
// Teams will render it as written.
import { adaptiveCards } from './adaptivecards-runtime';
import { CARD_VERSION } from './card-json';
import { schemaProblems } from './schema-check';
import { cardBytes, TEAMS_CARD_LIMIT_BYTES } from './size';

export function cardProblems(card: object): string[] {
  // Check the JSON as it will travel: undefined properties vanish, Dates become strings.
  const json = JSON.parse(JSON.stringify(card)) as { type?: unknown; version?: unknown };
  const problems: string[] = [];

  const bytes = cardBytes(json);
  if (bytes > TEAMS_CARD_LIMIT_BYTES) problems.push(`Card is ${bytes} bytes; Teams accepts at most ${TEAMS_CARD_LIMIT_BYTES}.`);
  if (json.type !== 'AdaptiveCard') problems.push(`Card type is ${String(json.type)}, not AdaptiveCard.`);
  if (json.version !== CARD_VERSION) problems.push(`Card version is ${String(json.version)}; Teams renders up to ${CARD_VERSION}.`);

  const AC = adaptiveCards();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);

  problems.push(...schemaProblems(json));
  return problems;
}
