// The removal page (setConfig's removeUrl, frame context "remove"): what
// removing the tab does and does not do. It needs no sign-in, so a person whose
// sign-in fails can still remove the tab; Remove is allowed at once.
import { useEffect, useRef } from 'react';
import type { Host } from '../host';
import { useUi } from '../ui';

export function RemovePage({ host }: { host: Host }) {
  const ui = useUi();
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    h1.current?.focus();
    host.removePage?.setValid(true);
    try {
      host.removePage?.onRemove(() => undefined);
    } catch {
      // A host without pages.config removes the tab without asking the page.
    }
  }, [host]);
  return (
    <main className={ui.page} data-testid="remove-page">
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        Remove this PlanPulse tab?
      </h1>
      <p>Removing the tab only takes it away from here. Nothing in the plan is deleted: actions, updates, history and KPIs stay in PlanPulse.</p>
      <p>PlanPulse keeps asking leads for their updates in Teams chat, and you can add the tab again at any time.</p>
    </main>
  );
}
