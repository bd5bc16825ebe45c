// What the adaptivecards parser lets through silently: misspelt or unknown
// properties (it ignores them, so "isMultiLine" would just not work), and
// Action.Submit, which PlanPulse does not handle. (Properties newer than 1.5
// the parser reports itself when told to target 1.5.)
import type * as AdaptiveCards from 'adaptivecards';
import { adaptiveCards } from './adaptivecards-runtime';

/** Properties the library reads outside its property schemas (child collections). */
const STRUCTURAL = new Set(['body', 'actions', 'items', 'columns', 'card', 'fallback', 'inlines']);

type Json = { [key: string]: unknown };

export function schemaProblems(card: object): string[] {
  const problems: string[] = [];
  walk(card as Json, 'card', problems, adaptiveCards());
  return problems;
}

function walk(node: Json, path: string, problems: string[], AC: typeof AdaptiveCards): void {
  if (typeof node.type === 'string') checkObject(node, path, problems, AC);
  for (const [key, value] of Object.entries(node)) {
    // Button data is free-form by design; its shape is checked by the card tests.
    if (key === 'data') continue;
    if (Array.isArray(value)) value.forEach((item, i) => isJson(item) && walk(item, `${path}.${key}[${i}]`, problems, AC));
    else if (isJson(value)) walk(value, `${path}.${key}`, problems, AC);
  }
}

function checkObject(node: Json, path: string, problems: string[], AC: typeof AdaptiveCards): void {
  const type = node.type as string;
  if (type === 'Action.Submit') problems.push(`${path}: Action.Submit is not handled; use Action.Execute with a verb.`);
  if (type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb === '')) problems.push(`${path}: Action.Execute has no verb.`);

  const instance = create(type, AC);
  if (!instance) return; // The parser already reports unknown types.
  const schema = instance.getSchema();
  const known = new Set<string>();
  for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
  for (const key of Object.keys(node)) {
    if (!STRUCTURAL.has(key) && !known.has(key)) problems.push(`${path} (${type}): unknown property "${key}".`);
  }
}

function create(type: string, AC: typeof AdaptiveCards): AdaptiveCards.SerializableObject | undefined {
  if (type === 'AdaptiveCard') return new AC.AdaptiveCard();
  if (type === 'Column') return new AC.Column();
  return AC.GlobalRegistry.elements.createInstance(type, AC.Versions.v1_5) ?? AC.GlobalRegistry.actions.createInstance(type, AC.Versions.v1_5);
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
