// What a downloaded board pack is called: the plan's or the group's, and the
// day it was made, so a secretariat's downloads folder sorts them by date.
import type { IsoDate } from '../model';

export type PackFormat = 'xlsx' | 'docx';

/** "board-pack-2023-04-03.xlsx", or "board-pack-improving-outcomes-2023-04-03.docx" for one group. */
export function packFileName(today: IsoDate, format: PackFormat, groupKey?: string): string {
  // Group keys are the plan's own slugs; anything else is dropped so the name is always safe in a header.
  const group = groupKey ? `${groupKey.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}-` : '';
  return `board-pack-${group}${today}.${format}`;
}
