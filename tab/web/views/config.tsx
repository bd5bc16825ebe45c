// The configuration page (tab-design.md §2.9): pick a delivery group or the
// whole plan's board. Save stays disabled until a choice is made; saving
// stores the group's stable key in contentUrl and entityId.
import { useEffect, useState } from 'react';
import { Field, Radio, RadioGroup, Select } from '@fluentui/react-components';
import { useHeadingFocus, useShell } from '../shell';
import { useUi } from '../ui';

export function ConfigPage() {
  const ui = useUi();
  const { session, host } = useShell();
  const [kind, setKind] = useState<'group' | 'board' | ''>('');
  const [group, setGroup] = useState(session.chairOf[0] ?? '');
  const h1 = useHeadingFocus<HTMLHeadingElement>(true);
  const chosen = kind === 'board' || (kind === 'group' && !!group);
  const groupName = session.groups.find((g) => g.key === group)?.name ?? group;
  const config = () =>
    kind === 'board'
      ? { contentUrl: `${location.origin}/tab/?view=board`, entityId: 'planpulse-board', suggestedDisplayName: 'PlanPulse · Board' }
      : {
          contentUrl: `${location.origin}/tab/?view=group&group=${encodeURIComponent(group)}`,
          entityId: `planpulse-group-${group}`,
          suggestedDisplayName: `PlanPulse · ${groupName}`,
        };
  useEffect(() => {
    host.configPage?.setValid(chosen);
  }, [chosen]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    host.configPage?.onSave(config);
  }, [kind, group]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <>
      <h1 className={ui.h1} ref={h1} tabIndex={-1}>
        PlanPulse: what should this tab show?
      </h1>
      <Field label="This tab shows">
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as 'group' | 'board')}>
          <Radio value="group" label="A delivery group" />
          <Radio value="board" label="The whole plan (board view)" />
        </RadioGroup>
      </Field>
      {kind === 'group' && (
        <Field label="Delivery group">
          <Select value={group} onChange={(_, d) => setGroup(d.value)}>
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
