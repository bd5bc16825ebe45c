// A pick from a list that can be narrowed by typing: Fluent's Combobox, used
// for the lead filter and local sign-in (tab-design.md §2.1, §5). Typing
// filters the options; nothing has to be remembered or typed exactly (WCAG 3.3.8).
import { useState } from 'react';
import { Combobox, Option } from '@fluentui/react-components';

export interface PickOption {
  /** May be "" (for "Anyone"); the Combobox itself never sees an empty value. */
  value: string;
  text: string;
}

const inner = (v: string) => `v:${v}`;

export function Pick({ options, value, onChange, placeholder, testId }: { options: PickOption[]; value: string; onChange: (value: string) => void; placeholder: string; testId?: string }) {
  const selected = options.find((o) => o.value === value);
  // undefined while not typing: the box then shows the chosen option's text.
  const [query, setQuery] = useState<string | undefined>();
  const q = (query ?? '').trim().toLowerCase();
  const shown = q ? options.filter((o) => o.text.toLowerCase().includes(q)) : options;
  return (
    <Combobox
      data-testid={testId}
      placeholder={placeholder}
      value={query ?? selected?.text ?? ''}
      selectedOptions={selected ? [inner(selected.value)] : []}
      onChange={(e) => setQuery(e.target.value)}
      onOptionSelect={(_, d) => {
        // Typing clears Fluent's own selection (no optionValue): the choice stands until another is made.
        const chosen = options.find((o) => inner(o.value) === d.optionValue);
        if (!chosen) return;
        setQuery(undefined);
        onChange(chosen.value);
      }}
      onOpenChange={(_, d) => {
        // Closing without choosing puts back the chosen option's text.
        if (!d.open) setQuery(undefined);
      }}
    >
      {shown.map((o) => (
        <Option key={o.value || '(none)'} value={inner(o.value)} text={o.text}>
          {o.text}
        </Option>
      ))}
      {shown.length === 0 && (
        <Option key="(no match)" value="(no match)" text="" disabled>
          {`No one matches "${query ?? ''}"`}
        </Option>
      )}
    </Combobox>
  );
}
