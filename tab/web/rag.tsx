// RAG as word + symbol + colour, never colour alone (tab-design.md §3). The
// symbols are the cards' shapes, drawn as SVG in currentColor so ✔ can never
// turn into a colour emoji.
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { RagWord } from '../api/contract';
import { RAG_MEANING } from '../../core/rag';

export const RAG_ORDER: RagWord[] = ['Red', 'Amber', 'Green', 'Blue', 'Grey'];

/** The meaning in lower case, as it follows the word: "Amber – likely to miss its deadline". */
export function ragMeaning(rag: RagWord): string {
  const m = RAG_MEANING[rag];
  return m.charAt(0).toLowerCase() + m.slice(1);
}

export function RagSymbol({ rag, size = 16 }: { rag: RagWord; size?: number }) {
  const common = {
    width: size,
    height: size,
    viewBox: '0 0 16 16',
    'aria-hidden': true as const,
    focusable: 'false' as const,
    style: { flexShrink: 0 },
  };
  switch (rag) {
    case 'Green':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="6" fill="currentColor" />
        </svg>
      );
    case 'Amber':
      return (
        <svg {...common}>
          <path d="M8 1.5 15 14.5H1z" fill="currentColor" />
        </svg>
      );
    case 'Red':
      return (
        <svg {...common}>
          <rect x="2" y="2" width="12" height="12" fill="currentColor" />
        </svg>
      );
    case 'Blue':
      return (
        <svg {...common}>
          <path d="M2 8.5l4 4 8-9" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      );
  }
}

const useStyles = makeStyles({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '4px',
    padding: '2px 8px',
    borderRadius: tokens.borderRadiusMedium,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    whiteSpace: 'nowrap',
    '@media (forced-colors: active)': { fontWeight: tokens.fontWeightBold },
  },
  Grey: { backgroundColor: tokens.colorNeutralBackground6, color: tokens.colorNeutralForeground2 },
  Blue: { backgroundColor: tokens.colorPaletteBlueBackground2, color: tokens.colorPaletteBlueForeground2 },
  Green: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  Amber: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorPaletteMarigoldForeground2 },
  Red: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  meaning: { color: tokens.colorNeutralForeground2, marginLeft: '6px' },
  flag: {
    display: 'inline-block',
    padding: '1px 6px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    marginRight: '4px',
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

export function useVisuallyHidden() {
  return useStyles().hidden;
}

/** "▲ Amber" with the meaning beside it (or hidden for screen readers only when compact). */
export function RagBadge({ rag, compact, words, large }: { rag: RagWord; compact?: boolean; words?: string; large?: boolean }) {
  const s = useStyles();
  const meaning = words ? words.replace(/^\w+\s*[–-]\s*/, '') : ragMeaning(rag);
  return (
    <span data-rag={rag}>
      <span className={mergeClasses(s.badge, s[rag])} style={large ? { fontSize: 'inherit', lineHeight: 'inherit', padding: '4px 12px' } : undefined}>
        <RagSymbol rag={rag} size={large ? 24 : 16} />
        {rag}
      </span>
      {compact ? <span className={s.hidden}> – {meaning}</span> : <span className={s.meaning}>– {meaning}</span>}
    </span>
  );
}

export function Flag({ children }: { children: React.ReactNode }) {
  return <span className={useStyles().flag}>{children}</span>;
}

/** The key, kept on screen on every list (tab-design.md §2.1). */
export function RagKey() {
  const s = useStyles();
  return (
    <p data-testid="rag-key">
      <strong>Key: </strong>
      {(['Grey', 'Green', 'Amber', 'Red', 'Blue'] as RagWord[]).map((r) => (
        <span key={r} style={{ marginRight: 12, display: 'inline-block' }}>
          <span className={mergeClasses(s.badge, s[r])}>
            <RagSymbol rag={r} />
            {r}
          </span>{' '}
          {ragMeaning(r)}
        </span>
      ))}
    </p>
  );
}
