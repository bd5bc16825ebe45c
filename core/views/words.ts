// Where a change came from and what it changed, in words: the tab shows these,
// and the cards (bot/cards/field-words.ts) use them too, so both say the same.
import { formatDate, formatInstant } from '../dates';
import { isRagStatus, type ActionField, type UpdateSource } from '../model';
import { ragInWords } from '../rag';

export const SOURCE_IN_WORDS: Record<UpdateSource, string> = {
  'teams-card': 'Teams card',
  'teams-chat': 'Teams chat',
  tab: 'Tab',
  cli: 'Command line',
  import: 'Import',
};

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

const DATE_FIELDS = new Set<string>(['dueDate', 'originalDueDate']);
const INSTANT_FIELDS = new Set<string>(['completionReportedAt', 'signedOffAt']);
const PERSON_FIELDS = new Set<string>(['completionReportedBy', 'signedOffBy', 'delegateKey', 'leadKeys']);

/** A value in words: "(blank)" for nothing, statuses, dates and people spelt out. */
export function valueInWords(field: string, value: unknown, nameOf: (key: string) => string | undefined = () => undefined): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '(blank)';
  if (field === 'rag' && isRagStatus(value)) return ragInWords(value);
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(value) || value;
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return formatInstant(value) || value;
  if (PERSON_FIELDS.has(field)) {
    const keys = Array.isArray(value) ? value.map(String) : [String(value)];
    return keys.map((k) => nameOf(k) ?? k).join(', ');
  }
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

export function fieldInWords(field: string): string {
  return FIELD_IN_WORDS[field as ActionField] ?? field;
}
