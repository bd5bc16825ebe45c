// Help (tab-design.md §4, WCAG 3.2.6): a short page served by the tab, reached
// from the "Help" link that sits in the same place on every view. It says what
// each status means (core's own words), how to update, and who to ask.
import { Link } from '@fluentui/react-components';
import { RAG_MEANING } from '../../../core/rag';
import type { RagWord } from '../../api/contract';
import { RagBadge } from '../rag';
import { useHeadingFocus, useShell } from '../shell';
import { useUi } from '../ui';

const ORDER: RagWord[] = ['Grey', 'Green', 'Amber', 'Red', 'Blue'];

/** What a lead has to give with each status, as core's validation asks for it. */
const WHAT_TO_GIVE: Record<RagWord, string> = {
  Grey: 'Nothing more.',
  Green: 'A comment is welcome but not required.',
  Amber: 'Say what is causing the delay.',
  Red: 'Give a new completion date after today, and say why the date is changing.',
  Blue: 'Describe the evidence that it is done. It then goes to the chair to sign off.',
};

export function HelpPage({ onBack }: { onBack: () => void }) {
  const ui = useUi();
  const { session } = useShell();
  const h1 = useHeadingFocus<HTMLHeadingElement>(true);
  return (
    <div data-testid="help">
      <p>
        <Link
          href="/tab/"
          onClick={(e) => {
            e.preventDefault();
            onBack();
          }}
        >
          ← Back
        </Link>
      </p>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        Help with PlanPulse
      </h1>
      <p>
        PlanPulse keeps the partnership's SEND improvement plan up to date: action leads say how their actions stand, chairs review them in their
        delivery group's meeting, and the board sees the whole plan.
      </p>

      <h2 className={ui.h2} id="help-statuses">
        What each status means
      </h2>
      <table className={ui.table} data-testid="help-statuses">
        <caption className={ui.caption}>Statuses, their meaning, and what to give with each</caption>
        <thead>
          <tr>
            <th scope="col" className={ui.th}>
              Status
            </th>
            <th scope="col" className={ui.th}>
              Meaning
            </th>
            <th scope="col" className={ui.th}>
              When you choose it
            </th>
          </tr>
        </thead>
        <tbody>
          {ORDER.map((r) => (
            <tr key={r} data-status={r}>
              <th scope="row" className={ui.td} style={{ fontWeight: 'normal' }}>
                <RagBadge rag={r} compact />
              </th>
              <td className={ui.td}>{RAG_MEANING[r]}</td>
              <td className={ui.td}>{WHAT_TO_GIVE[r]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 className={ui.h2} id="help-update">
        How to update an action
      </h2>
      <ol>
        <li>Open My actions: each of your actions has an Update button. (A delivery group's list and each action's page have it too.)</li>
        <li>
          Choose the status, fill in what it asks for, and press Save update. If something is missing, PlanPulse says what, and keeps what you typed.
        </li>
        <li>
          You can also answer PlanPulse's message in Teams chat: the buttons on its card do the same. If nothing has changed, press its No change
          button or type the action's ref and "no change", for example "1.1.3 no change". Type "help" there to see what else you can write.
        </li>
      </ol>
      <p>
        Someone else may change the same action while you are editing. PlanPulse then shows what they changed and keeps your entries, so you can
        review and save again.
      </p>

      <h2 className={ui.h2} id="help-who">
        Who to ask
      </h2>
      <ul>
        <li>About an action, its date or its lead: the chair of its delivery group.</li>
        <li>About PlanPulse itself, who leads what, or an action you should not have: the partnership's secretariat.</li>
        <li>If PlanPulse won't open or sign you in within Teams: your Teams admin.</li>
      </ul>
      <p className={ui.muted}>You are signed in as {session.person.name}.</p>
    </div>
  );
}
