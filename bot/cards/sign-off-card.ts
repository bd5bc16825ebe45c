// Sent to the chair the moment a lead reports an action complete, so sign-off
// need not wait for the digest. The item is the digest's own sign-off item.
import type { Action } from '../../core/model';
import { adaptiveCard, type AdaptiveCardJson } from './card-json';
import { signOffItem } from './digest-card';
import { heading, text } from './elements';

export interface SignOffCardInput {
  action: Action;
  etag: string;
  /** Who reported it complete, by name. */
  reportedBy: string;
  groupName: string;
}

export function signOffCard({ action, etag, reportedBy, groupName }: SignOffCardInput): AdaptiveCardJson {
  const title = `Ready for your sign-off: ${action.ref}`;
  const said = `${reportedBy} has reported ${action.ref} complete (${groupName}). Check the evidence, then sign it off.`;
  return adaptiveCard({
    summary: `${title}. ${said}`,
    body: [heading(title, { size: 'medium' }), text(said), signOffItem(action, etag)],
  });
}
