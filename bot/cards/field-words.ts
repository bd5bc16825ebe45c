// Field names and values as a lead would say them, for cards that report what
// changed (saved, conflict). Raw field names and ISO strings mean nothing to a
// head of service reading on their phone.
import { formatDate, formatInstant } from '../../core/dates';
import { isRagStatus, type ActionField } from '../../core/model';
import { ragInWords } from '../../core/rag';
import { truncate } from './wording';

export const FIELD_IN_WORDS: Record<ActionField, string> = {
  rag: 'RAG status',
  dueDate: 'Due date',
  commentary: 'Commentary',
  completionEvidence: 'Completion evidence',
  completionReportedAt: 'Reported complete on',
  completionReportedBy: 'Reported complete by',
  signedOffAt: 'Signed off on',
  signedOffBy: 'Signed off by',
  delegateKey: 'Delegated to',
  text: 'Action text',
  originalDueDate: 'Originally due',
  dueNote: 'Due note',
  leadKeys: 'Leads',
};

/**
 * What people type at length. Shown in blocks of their own as plain text
 * (elements.ts plain), never in a FactSet, which would squeeze it and which
 * Teams reads as Markdown.
 */
export const TYPED_FIELDS: ReadonlySet<ActionField> = new Set(['commentary', 'completionEvidence']);

const DATE_FIELDS: ReadonlySet<ActionField> = new Set(['dueDate', 'originalDueDate']);
const INSTANT_FIELDS: ReadonlySet<ActionField> = new Set(['completionReportedAt', 'signedOffAt']);
const SHOWN_VALUE = 200;

/** A field's value in words: "(blank)" for nothing, statuses and dates spelt out. */
export function valueInWords(field: ActionField, value: unknown): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '(blank)';
  if (field === 'rag' && isRagStatus(value)) return ragInWords(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value) || value;
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return formatInstant(value) || value;
  if (Array.isArray(value)) return truncate(value.map(String).join(', '), SHOWN_VALUE);
  return truncate(String(value), SHOWN_VALUE);
}
