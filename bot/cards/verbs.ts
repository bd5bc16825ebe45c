// The contract between the card templates and the invoke handler: the verbs a
// card can send, the ids of the form inputs, and the only data a button may
// carry. Identity never travels in card data — the handler reads who is acting
// from the activity — so a forwarded or edited card cannot act for someone else.

export const VERBS = {
  noChange: 'planpulse.noChange',
  openUpdate: 'planpulse.openUpdate',
  saveUpdate: 'planpulse.saveUpdate',
  page: 'planpulse.page',
  backToList: 'planpulse.backToList',
  signOff: 'planpulse.signOff',
  refresh: 'planpulse.refresh',
} as const;

export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Everything a button's `data` may hold; the handler re-reads the action by ref and writes with the etag. */
export interface CardActionData {
  ref?: string;
  etag?: string;
  /** When the version the card showed was last updated; "" for a never-updated action. */
  updatedAt?: string;
  /** 1-based page of the weekly card to show. */
  page?: number;
  /** The nudge cycle the card belongs to, so a stale card's paging still means the same week. */
  cycle?: string;
  /**
   * Which card the button sits on, so the answer can redraw that card (the
   * chair's digest stays a digest). Only ever used to choose what to show:
   * who may act is always read from the activity.
   */
  origin?: 'digest';
  /** The delivery group whose digest the button sits on. */
  groupKey?: string;
}

/** Ids of the update form's inputs; Teams merges their values into `action.data`. */
export const INPUT_IDS = {
  rag: 'rag',
  newDueDate: 'newDueDate',
  commentary: 'commentary',
  completionEvidence: 'completionEvidence',
} as const;

export type InputId = (typeof INPUT_IDS)[keyof typeof INPUT_IDS];

/** What a lead typed into the form, echoed back when the form is shown again with errors. */
export type FormValues = Partial<Record<InputId, string>>;
