// The update form for one action. Client-side checks cover only what is always
// true (a status must be chosen, text has a length limit); the rules that depend
// on the choice (Red needs a date, Amber a commentary) are checked by the server,
// which sends this card back with its errors listed at the top.
import { addDays, formatDate, formatInstant } from '../../core/dates';
import { isRagStatus, type Action, type IsoDate, type RagStatus } from '../../core/model';
import { MAX_TEXT, ragInWords } from '../../core/rag';
import { actionData, execute } from './actions';
import { adaptiveCard, type AdaptiveCardJson, type CardElement, type ExecuteAction } from './card-json';
import { container, heading, labelled, plain, text } from './elements';
import { ragBlock } from './rag-style';
import { INPUT_IDS, VERBS, type FormValues } from './verbs';
import { dueInWords, truncate } from './wording';

/** Choice titles say what each status commits the lead to, not just its name. */
export const RAG_CHOICE_TITLES: Record<RagStatus, string> = {
  Green: 'Green – on target',
  Amber: 'Amber – likely to miss its deadline',
  Red: 'Red – missed its deadline (give a new date)',
  Grey: 'Grey – not started',
  Blue: 'Blue – completed (needs evidence; goes to the chair for sign-off)',
};

const CHOICE_ORDER: RagStatus[] = ['Green', 'Amber', 'Red', 'Grey', 'Blue'];
/** Enough to recall what was said last time without the form scrolling for ever. */
const SHOWN_TEXT = 500;

export interface UpdateFormInput {
  action: Action;
  etag: string;
  today: IsoDate;
  /** The server's reasons for refusing the last attempt, in words. */
  errors?: string[];
  /** What the lead typed last time, so a refusal does not lose their work. */
  values?: FormValues;
  /** The viewer may sign off completion (the chair, or the secretariat). */
  canSignOff?: boolean;
}

export function updateFormCard(input: UpdateFormInput): AdaptiveCardJson {
  const { action, etag, today } = input;
  const errors = input.errors ?? [];
  const values = input.values ?? {};

  const body: CardElement[] = [];
  if (errors.length > 0) body.push(errorList(errors));
  body.push(heading(`Update ${action.ref}`), text(action.text), ragBlock(action.rag, 'Now:'), text(dueLine(action, today), { spacing: 'small' }));
  if (action.commentary) body.push(...labelled('Latest commentary', truncate(action.commentary, SHOWN_TEXT)));
  const awaitingSignOff = Boolean(action.completionReportedAt) && action.rag !== 'Blue';
  if (awaitingSignOff) body.push(...completionReported(action));
  body.push(...inputs(action, today, values));

  const actions: ExecuteAction[] = [
    execute('Save update', VERBS.saveUpdate, actionData(action, etag), { associatedInputs: 'auto', tooltip: `Save the update to ${action.ref}` }),
  ];
  if (input.canSignOff && awaitingSignOff) {
    // "none": signing off must not be blocked by, or send, a half-filled form.
    actions.push(
      execute('Sign off as complete', VERBS.signOff, actionData(action, etag), {
        associatedInputs: 'none',
        tooltip: `Sign off ${action.ref} as complete`,
      }),
    );
  }
  actions.push(execute('Back', VERBS.backToList, {}, { associatedInputs: 'none', tooltip: 'Back to your actions without saving' }));

  const fix = errors.length > 0 ? `Please fix: ${errors.join(' ')} ` : '';
  const summary = `${fix}Update ${action.ref}. Now ${ragInWords(action.rag)}. ${dueInWords(action, today)}.`;
  return adaptiveCard({ summary, body, actions });
}

function errorList(errors: string[]): CardElement {
  return container([
    text('Please fix:', { color: 'attention', weight: 'bolder', size: 'medium' }),
    // Plain runs: a refusal may quote what was typed, which must not become a Markdown link.
    ...errors.map((error) => plain(`• ${error}`, { color: 'attention', spacing: 'none' })),
  ]);
}

function dueLine(action: Action, today: IsoDate): string {
  const moved = action.originalDueDate && action.dueDate && action.originalDueDate !== action.dueDate;
  return moved ? `${dueInWords(action, today)}. First planned for ${formatDate(action.originalDueDate)}.` : `${dueInWords(action, today)}.`;
}

function completionReported(action: Action): CardElement[] {
  const when = formatInstant(action.completionReportedAt);
  const out = [text(`Reported complete on ${when} – waiting for the chair's sign-off.`, { weight: 'bolder' })];
  if (action.completionEvidence) out.push(...labelled('Completion evidence given', truncate(action.completionEvidence, SHOWN_TEXT)));
  return out;
}

function inputs(action: Action, today: IsoDate, values: FormValues): CardElement[] {
  // Awaiting sign-off, the form starts at Blue, so adding a comment does not withdraw the report by accident.
  const awaitingSignOff = Boolean(action.completionReportedAt) && action.rag !== 'Blue';
  const rag = isRagStatus(values.rag) ? values.rag : awaitingSignOff ? 'Blue' : action.rag;
  return [
    {
      type: 'Input.ChoiceSet',
      id: INPUT_IDS.rag,
      label: 'RAG status',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose a RAG status.',
      choices: CHOICE_ORDER.map((status) => ({ title: RAG_CHOICE_TITLES[status], value: status })),
      value: rag,
      separator: true,
      spacing: 'large',
    },
    withValue(
      {
        type: 'Input.Date',
        id: INPUT_IDS.newDueDate,
        label: 'New completion date (required for Red)',
        min: addDays(today, 1),
        errorMessage: 'Choose a date after today.',
      },
      values.newDueDate,
    ),
    withValue(
      {
        type: 'Input.Text',
        id: INPUT_IDS.commentary,
        label: 'Commentary (required for Amber or a date change)',
        isMultiline: true,
        maxLength: MAX_TEXT,
        placeholder: 'What has happened, and what happens next?',
        errorMessage: `Keep the commentary to ${MAX_TEXT.toLocaleString('en-GB')} characters.`,
      },
      values.commentary,
    ),
    withValue(
      {
        type: 'Input.Text',
        id: INPUT_IDS.completionEvidence,
        label: 'Completion evidence (required to report completion)',
        isMultiline: true,
        maxLength: MAX_TEXT,
        placeholder: 'What shows it is done: a report, minutes, a link.',
        errorMessage: `Keep the evidence to ${MAX_TEXT.toLocaleString('en-GB')} characters.`,
      },
      values.completionEvidence,
    ),
  ];
}

/** Leaves `value` out when there is nothing to echo back, rather than sending an empty string. */
function withValue(input: CardElement, value: string | undefined): CardElement {
  return value ? { ...input, value } : input;
}
