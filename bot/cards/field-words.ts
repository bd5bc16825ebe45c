// Field names and values as a lead would say them, for cards that report what
// changed (saved, conflict). Raw field names and ISO strings mean nothing to a
// head of service reading on their phone.
import type { ActionField } from '../../core/model';
import { FIELD_IN_WORDS, valueInWords as fullValueInWords } from '../../core/views/words';
import { truncate } from './wording';

export { FIELD_IN_WORDS };

/**
 * What people type at length. Shown in blocks of their own as plain text
 * (elements.ts plain), never in a FactSet, which would squeeze it and which
 * Teams reads as Markdown.
 */
export const TYPED_FIELDS: ReadonlySet<ActionField> = new Set(['commentary', 'completionEvidence']);

const SHOWN_VALUE = 200;

/** A field's value in words ("(blank)", statuses and dates spelt out), cut to what a card can show. */
export function valueInWords(field: ActionField, value: unknown): string {
  return truncate(fullValueInWords(field, value), SHOWN_VALUE);
}
