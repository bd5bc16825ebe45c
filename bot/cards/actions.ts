// Builds Universal Action buttons. Only Action.Execute: Teams routes it to the
// bot as an adaptiveCard/action invoke the handler can answer with a new card.
import type { Action } from '../../core/model';
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

/**
 * The data a per-action button carries: which action, and the version it was
 * shown at. The eTag says whether it is still current; the time of the change
 * the card showed ("" when it showed a never-updated action) says which of the
 * action's history came after, so a stale card can list everything it missed.
 */
export function actionData(action: Pick<Action, 'ref' | 'lastUpdatedAt'>, etag: string): CardActionData {
  return { ref: action.ref, etag, updatedAt: action.lastUpdatedAt ?? '' };
}
