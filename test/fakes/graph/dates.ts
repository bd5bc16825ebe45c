// Date handling for dateTime columns. SharePoint stores date-only values as
// midnight in the site's regional time zone, so they read back in UTC as the
// previous evening during British Summer Time.

export const SITE_TIME_ZONE = 'Europe/London';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Milliseconds since the epoch for an ISO-8601 date or date-time, or undefined if it is not one.
 * A value without a zone is taken as UTC. */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number(((m[7] ?? '') + '000').slice(0, 3));
  const zone = m[8] ?? 'Z';
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const [hh, mm] = zone.slice(1).split(':').map(Number);
    if ((hh ?? 0) > 23 || (mm ?? 0) > 59) return undefined;
    offsetMinutes = sign * ((hh ?? 0) * 60 + (mm ?? 0));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** ISO UTC with 'Z' and no milliseconds, the form Graph returns. */
export function toGraphInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SITE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The site's wall-clock reading at an instant, as if it were UTC. */
function siteWallClock(ms: number): number {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

function siteOffset(ms: number): number {
  return siteWallClock(ms) - Math.floor(ms / 1000) * 1000;
}

/** Midnight (site time) of the site's calendar day containing the instant, as a UTC instant. */
export function siteMidnight(ms: number): number {
  const wall = new Date(siteWallClock(ms));
  const midnightAsUtc = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  // Two passes because the offset at the guess may differ from the offset at the answer.
  const first = midnightAsUtc - siteOffset(midnightAsUtc);
  return midnightAsUtc - siteOffset(first);
}

export function nowInstant(): string {
  return toGraphInstant(Date.now());
}
