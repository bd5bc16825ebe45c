// Builds Universal Action buttons. Only Action.Execute: Teams routes it to the
// bot as an adaptiveCard/action invoke the handler can answer with a new card.
import type { ExecuteAction } from './card-json';
import type { CardActionData, Verb } from './verbs';

export function execute(
  title: string,
  verb: Verb,
  data: CardActionData,
  options: { associatedInputs?: 'auto' | 'none'; tooltip?: string } = {},
): ExecuteAction {
  return { type: 'Action.Execute', title, verb, data, ...options };
}

/** The data a per-action button carries: which action, and the version it was shown at. */
export function actionData(ref: string, etag: string): CardActionData {
  return { ref, etag };
}
