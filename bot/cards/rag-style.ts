// How a RAG status looks on a card. Colour is never the only cue: each status
// also has its own symbol and always its words, for colour-blind readers and
// for Teams themes (dark, high contrast) where the colours shift.
import { ragInWords } from '../../core/rag';
import type { RagStatus } from '../../core/model';
import type { CardElement } from './card-json';
import type { TextColour } from './elements';

/** TextBlock only offers named colours, so each status borrows the nearest one. */
export const RAG_STYLE: Record<RagStatus, { color: TextColour; symbol: string }> = {
  Green: { color: 'good', symbol: '●' },
  Amber: { color: 'warning', symbol: '▲' },
  Red: { color: 'attention', symbol: '■' },
  Blue: { color: 'accent', symbol: '✔' },
  Grey: { color: 'default', symbol: '○' },
};

/** "▲ Amber – likely to miss its deadline", optionally after a label ("Now: …"). */
export function ragLine(rag: RagStatus, label?: string): string {
  const words = `${RAG_STYLE[rag].symbol} ${ragInWords(rag)}`;
  return label ? `${label} ${words}` : words;
}

/** The status as a coloured TextBlock carrying the symbol and the words. */
export function ragBlock(rag: RagStatus, label?: string): CardElement {
  return { type: 'TextBlock', text: ragLine(rag, label), wrap: true, weight: 'bolder', color: RAG_STYLE[rag].color, spacing: 'small' };
}
