// Small builders for the few body elements the cards use, so every template
// wraps text (Teams truncates unwrapped TextBlocks) and headings carry the
// "heading" style that screen readers announce as a heading.
import type { CardElement, ExecuteAction } from './card-json';

export type TextColour = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

export interface TextOptions {
  color?: TextColour;
  weight?: 'bolder';
  isSubtle?: boolean;
  size?: 'small' | 'medium' | 'large';
  separator?: boolean;
  spacing?: 'none' | 'small' | 'medium' | 'large';
}

export function text(value: string, options: TextOptions = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string, options: Pick<TextOptions, 'color' | 'size'> = {}): CardElement {
  return {
    type: 'TextBlock',
    text: value,
    wrap: true,
    style: 'heading',
    size: options.size ?? 'large',
    weight: 'bolder',
    ...(options.color ? { color: options.color } : {}),
  };
}

/** A smaller heading for a section within a card. */
export function subheading(value: string): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, style: 'heading', size: 'medium', weight: 'bolder', spacing: 'large' };
}

export function facts(pairs: Array<[title: string, value: string]>): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

export function container(items: CardElement[], options: { separator?: boolean; spacing?: TextOptions['spacing'] } = {}): CardElement {
  return { type: 'Container', items, ...options };
}

export function actionSet(actions: ExecuteAction[]): CardElement {
  return { type: 'ActionSet', actions };
}

/**
 * Text people typed (commentary, evidence, notes), shown exactly as typed.
 * TextBlocks render Markdown in Teams, so a lead's "[report](https://…)" would
 * reach the chair as a live link; a TextRun inside a RichTextBlock is never
 * read as Markdown.
 */
export function plain(value: string, options: Pick<TextOptions, 'isSubtle' | 'weight' | 'color' | 'spacing'> = {}): CardElement {
  const { spacing, ...run } = options;
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: value, ...run }], ...(spacing ? { spacing } : {}) };
}

/** A titled block of longer text (commentary, evidence), which a FactSet would squeeze. */
export function labelled(label: string, value: string): CardElement[] {
  return [text(label, { weight: 'bolder', spacing: 'small' }), plain(value, { spacing: 'none' })];
}
