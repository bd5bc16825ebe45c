// RAG fills for the exports: the tab's light-theme badge pairs
// (../shared/docs/tab-design.md §3), so a printed pack matches the screen.
// Colour is never the only cue: every RAG cell also carries its words.
import type { RagStatus } from '../../core/model';

export const RAG_FILL: Record<RagStatus, { background: string; text: string }> = {
  Grey: { background: 'E6E6E6', text: '424242' },
  Blue: { background: 'A9D3F2', text: '004377' },
  Green: { background: '9FD89F', text: '094509' },
  Amber: { background: 'F9E2AE', text: '835B00' },
  Red: { background: 'F1BBBC', text: '751D1F' },
};
