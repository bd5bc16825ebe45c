// A pick from a list, for the lead filter and local sign-in (tab-design.md
// §2.1, §5): nothing has to be remembered or typed (WCAG 3.3.8).
//
// The brief suggests Fluent's Combobox (type to narrow). It is not used: it
// brings Fluent's positioning, portal and floating-ui and adds about 36 kB gzip
// to the page script (measured: 172 → 208 kB), past the 200 kB budget. Fluent's
// Select (a native select: labelled by its Field, keyboard and screen-reader
// support from the platform, type-ahead by first letters) keeps the same
// interface, so a Combobox can replace it here alone once the budget allows.
import { Select } from '@fluentui/react-components';

export interface PickOption {
  value: string;
  text: string;
}

export function Pick({
  options,
  value,
  onChange,
  placeholder,
  testId,
}: {
  options: PickOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  testId?: string;
}) {
  const hasEmpty = options.some((o) => o.value === '');
  return (
    <Select
      data-testid={testId}
      style={{ maxWidth: '100%' }}
      select={{ style: { maxWidth: '100%' } }}
      value={value}
      onChange={(_, d) => onChange(d.value)}
    >
      {!hasEmpty && placeholder && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.text}
        </option>
      ))}
    </Select>
  );
}
