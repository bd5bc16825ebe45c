// The configuration page (tab-design.md §2.9): pick a delivery group or the
// whole plan's board. Save stays disabled until a choice is made; saving
// stores the group's stable key in contentUrl and entityId. Reconfiguring
// starts from what the tab shows now (its entityId, or Teams' saved settings);
// removing it opens the removal page (removeUrl).
import { useEffect, useRef, useState } from 'react';
import { Field, MessageBar, MessageBarBody, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useHeadingFocus, useShell } from '../shell';
import { useUi } from '../ui';

const GROUP_ID = 'planpulse-group-';
const BOARD_ID = 'planpulse-board';

/** What a saved tab shows, from its entityId or its contentUrl. */
export function savedChoice(saved: { entityId?: string; contentUrl?: string } | undefined): { kind: 'group' | 'board'; group?: string } | undefined {
  if (!saved) return undefined;
  if (saved.entityId === BOARD_ID) return { kind: 'board' };
  try {
    const q = new URL(saved.contentUrl ?? '', location.origin).searchParams;
    if (saved.contentUrl && q.get('view') === 'board') return { kind: 'board' };
    if (saved.contentUrl && q.get('group')) return { kind: 'group', group: q.get('group')! };
  } catch {
    // Not a URL: fall back to the entityId.
  }
  if (saved.entityId?.startsWith(GROUP_ID)) return { kind: 'group', group: saved.entityId.slice(GROUP_ID.length) };
  return undefined;
}

export function ConfigPage() {
  const ui = useUi();
  const { session, host } = useShell();
  const [kind, setKind] = useState<'group' | 'board' | ''>('');
  const [group, setGroup] = useState(session.chairOf[0] ?? '');
  // Reconfiguring: the group the tab showed, which may have left the plan since.
  const [missing, setMissing] = useState<string | undefined>();
  const [cannotSave, setCannotSave] = useState(false);
  const touched = useRef(false);
  useEffect(() => {
    // `final`: no other source to ask, so a group not in the plan is said to be gone.
    const apply = (saved: { entityId?: string; contentUrl?: string } | undefined, final: boolean) => {
      const was = savedChoice(saved);
      if (!was || touched.current) return false;
      if (was.kind === 'board') setKind('board');
      else if (session.groups.some((g) => g.key === was.group)) {
        setKind('group');
        setGroup(was.group!);
      } else if (!final) return false;
      else {
        setKind('group');
        setGroup('');
        setMissing(was.group);
      }
      return true;
    };
    const fromPage = host.pageId ? { entityId: host.pageId } : undefined;
    // The entityId is cut to 64 characters, so a long group key is only whole in
    // the saved contentUrl: a group the entityId does not name is looked up there.
    if (apply(fromPage, !host.configPage)) return;
    void host.configPage?.current().then((saved) => apply(saved, true) || apply(fromPage, true));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const h1 = useHeadingFocus<HTMLHeadingElement>(true);
  const chosen = kind === 'board' || (kind === 'group' && !!group);
  const groupName = session.groups.find((g) => g.key === group)?.name ?? group;
  const config = () =>
    kind === 'board'
      ? {
          contentUrl: `${location.origin}/tab/?view=board`,
          entityId: BOARD_ID,
          suggestedDisplayName: 'PlanPulse · Board',
          removeUrl: `${location.origin}/tab/?view=remove`,
        }
      : {
          contentUrl: `${location.origin}/tab/?view=group&group=${encodeURIComponent(group)}`,
          // Teams keeps entity ids to 64 characters; contentUrl carries the whole key.
          entityId: `${GROUP_ID}${group}`.slice(0, 64),
          suggestedDisplayName: `PlanPulse · ${groupName}`,
          removeUrl: `${location.origin}/tab/?view=remove`,
        };
  const latest = useRef(config);
  latest.current = config;
  const latestChosen = useRef(chosen);
  latestChosen.current = chosen;
  useEffect(() => {
    host.configPage?.setValid(chosen);
  }, [chosen]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    // Registered once; Teams' Save reads the choice as it is then (and is refused with words if there is none).
    try {
      host.configPage?.onSave(() => (latestChosen.current ? latest.current() : undefined));
    } catch {
      setCannotSave(true);
    }
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        PlanPulse: what should this tab show?
      </h1>
      {cannotSave && (
        <MessageBar intent="warning" layout="multiline" data-testid="config-unsupported">
          <MessageBarBody>
            This version of Teams can't save a tab's settings from PlanPulse. Add the tab from Teams on the web or a computer, or ask your Teams
            admin.
          </MessageBarBody>
        </MessageBar>
      )}
      {missing && (
        <MessageBar intent="warning" layout="multiline" data-testid="config-missing">
          <MessageBarBody>
            This tab showed the delivery group “{missing}”, which is no longer in the plan. Choose another group, or the whole plan.
          </MessageBarBody>
        </MessageBar>
      )}
      <Field label="This tab shows">
        <RadioGroup
          value={kind}
          onChange={(_, d) => {
            touched.current = true;
            setKind(d.value as 'group' | 'board');
          }}
        >
          <Radio value="group" label="A delivery group" />
          <Radio value="board" label="The whole plan (board view)" />
        </RadioGroup>
      </Field>
      {kind === 'group' && (
        <Field label="Delivery group">
          <Select
            value={group}
            onChange={(_, d) => {
              touched.current = true;
              setMissing(undefined);
              setGroup(d.value);
            }}
          >
            <option value="">Choose a group</option>
            {session.groups.map((g) => (
              <option key={g.key} value={g.key}>
                {g.name} – Priority {g.priorityRef}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <p>
        {kind === 'board'
          ? 'Everyone here will see the whole plan at a glance: counts per priority and the trend.'
          : "Everyone in this channel will see the group's actions, leads and commentary."}
      </p>
      {chosen && <p data-testid="config-url">This tab will open {config().contentUrl.replace(location.origin, '')}</p>}
      <p className={ui.muted}>
        Signed in as {session.person.name} ({session.person.roles.join(', ') || 'no role in the plan'})
      </p>
    </>
  );
}
