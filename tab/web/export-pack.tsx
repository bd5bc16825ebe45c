// The board pack download (issue 14 item 6): the secretariat's for the whole
// plan on the board, a chair's for their own group on its view. The server
// decides who may have it; the page offers the buttons only to those it will
// answer. Each button says its format in words, and progress and the result
// are announced, not shown by colour.
import { useState } from 'react';
import { Button } from '@fluentui/react-components';
import type { ExportFormat } from '../api/contract';
import { errorWords } from './api';
import { useShell } from './shell';
import { ErrorBar, useUi } from './ui';

const FORMAT_WORDS: Record<ExportFormat, string> = { xlsx: 'Excel', docx: 'Word' };

/**
 * Saves a Blob under `name` through a temporary object URL, then lets it go.
 * Known host limits (msteams-docs#9904, #10334): the new Teams desktop client
 * may allow only the first such download per tab load, and Teams mobile
 * previews rather than saves; Teams on the web and a browser save each time.
 */
function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Who may export: the secretariat anything, a chair their own group (as the server rules). */
export function mayExport(roles: string[], chairOf: string[], groupKey?: string): boolean {
  return roles.includes('secretariat') || (groupKey !== undefined && chairOf.includes(groupKey));
}

export function ExportPackButtons({ groupKey, what }: { groupKey?: string; what: string }) {
  const ui = useUi();
  const { api, session, announce } = useShell();
  const [busy, setBusy] = useState<ExportFormat | undefined>();
  const [error, setError] = useState<unknown>();
  if (!mayExport(session.person.roles, session.chairOf, groupKey)) return null;
  const download = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    announce(`Preparing the ${FORMAT_WORDS[format]} board pack for ${what}…`);
    try {
      const q = new URLSearchParams({ format });
      if (groupKey) q.set('group', groupKey);
      const { blob, name } = await api.file(`export?${q}`);
      save(blob, name);
      announce(`Downloaded ${name}.`);
    } catch (e) {
      setError(e);
      announce(errorWords(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-label={`Board pack for ${what}`} data-testid="export-pack">
      <div className={ui.row}>
        {(['xlsx', 'docx'] as const).map((f) => (
          <Button key={f} size="medium" disabled={busy !== undefined} onClick={() => void download(f)} data-format={f}>
            {busy === f ? `Preparing ${FORMAT_WORDS[f]} board pack…` : `Download board pack (${FORMAT_WORDS[f]})`}
          </Button>
        ))}
      </div>
      {error ? <ErrorBar error={error} title="The board pack was not downloaded" /> : null}
    </section>
  );
}
