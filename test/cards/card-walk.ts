// Reading rendered card JSON in tests: every button, input and line of text,
// wherever it sits in the body.

type Json = { [key: string]: unknown };

function* nodes(node: unknown): Generator<Json> {
  if (Array.isArray(node)) for (const item of node) yield* nodes(item);
  else if (typeof node === 'object' && node !== null) {
    yield node as Json;
    for (const [key, value] of Object.entries(node)) if (key !== 'data') yield* nodes(value);
  }
}

export interface Button {
  type: string;
  title: string;
  verb: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
}

/** Every Action.* in the card, body and card-level, in document order. */
export function buttons(card: object): Button[] {
  const { refresh, ...rest } = card as Json;
  void refresh; // The refresh action is not a button.
  return [...nodes(rest)].filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Action.')) as unknown as Button[];
}

export function byTitle(card: object, title: string): Button[] {
  return buttons(card).filter((b) => b.title === title);
}

export function inputs(card: object): Json[] {
  return [...nodes(card)].filter((n) => typeof n.type === 'string' && (n.type as string).startsWith('Input.'));
}

export function input(card: object, id: string): Json {
  const found = inputs(card).find((n) => n.id === id);
  if (!found) throw new Error(`no input ${id}`);
  return found;
}

/** All TextBlock texts and fact titles/values, one per entry. */
export function texts(card: object): string[] {
  const out: string[] = [];
  for (const n of nodes(card)) {
    if (n.type === 'TextBlock') out.push(String(n.text));
    if (n.type === 'RichTextBlock') out.push((n.inlines as Array<{ text: string }>).map((r) => r.text).join(''));
    if (n.type === 'FactSet') for (const f of n.facts as Array<{ title: string; value: string }>) out.push(`${f.title}: ${f.value}`);
  }
  return out;
}

export function textBlocks(card: object): Json[] {
  return [...nodes(card)].filter((n) => n.type === 'TextBlock');
}

export function allText(card: object): string {
  return texts(card).join('\n');
}
