// Shortening text for one-line views (the KPI score card): cut between words
// and show that something was left out, never "Reading, Writin".

/** The text whole when it fits in `max` characters; otherwise cut at the last word that fits, with "…". */
export function shortenAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  // When the next character is a space, the room already ends on a whole word.
  const space = /\s/.test(text.charAt(room.length)) ? room.length : room.search(/\s\S*$/);
  // A single very long word is cut where it must be, rather than shown as "…" alone.
  const cut = space > 0 ? room.slice(0, space) : room;
  return `${cut.replace(/[\s,;:.\-–]+$/, '')}…`;
}
