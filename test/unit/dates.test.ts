import { expect } from 'chai';
import {
  addDays,
  formatDate,
  formatInstant,
  formatMonth,
  formatLondonSlot,
  isIsoDate,
  londonDate,
  londonWallClockToInstant,
  looksLikeADate,
  parseDueMonth,
  parseUserDate,
} from '../../core/dates';

describe('dates', () => {
  it('reads due months as spreadsheets write them', () => {
    expect(parseDueMonth('Mar-23')).to.deep.equal({ year: 2023, month: 3 });
    expect(parseDueMonth('Jul- 23')).to.deep.equal({ year: 2023, month: 7 });
    expect(parseDueMonth('Apr -23')).to.deep.equal({ year: 2023, month: 4 });
    expect(parseDueMonth('Jul - 23')).to.deep.equal({ year: 2023, month: 7 });
    expect(parseDueMonth('September 2024')).to.deep.equal({ year: 2024, month: 9 });
    expect(parseDueMonth('03/2025')).to.deep.equal({ year: 2025, month: 3 });
    expect(parseDueMonth('Dependent on sustainability')).to.equal(undefined);
    expect(parseDueMonth('Smarch-23')).to.equal(undefined);
  });

  it('reads messier due cells: other dashes, Sept, full dates as their month', () => {
    expect(parseDueMonth('Mar\u201323')).to.deep.equal({ year: 2023, month: 3 }); // en dash
    expect(parseDueMonth('Mar\u201423')).to.deep.equal({ year: 2023, month: 3 }); // em dash
    expect(parseDueMonth('Sept-23')).to.deep.equal({ year: 2023, month: 9 });
    expect(parseDueMonth('March 2023')).to.deep.equal({ year: 2023, month: 3 });
    expect(parseDueMonth('31/03/2023')).to.deep.equal({ year: 2023, month: 3 });
    expect(parseDueMonth('2023-03-31')).to.deep.equal({ year: 2023, month: 3 });
    expect(parseDueMonth('31 March 2023')).to.deep.equal({ year: 2023, month: 3 });
    expect(parseDueMonth('31/02/2023')).to.equal(undefined); // no such day
    expect(parseDueMonth('2023-13-01')).to.equal(undefined);
  });

  it('tells a cell that meant a date from one that is only words', () => {
    expect(looksLikeADate('Q3 2023')).to.equal(true);
    expect(looksLikeADate('End of March')).to.equal(true);
    expect(looksLikeADate('Dependent on sustainability')).to.equal(false);
    expect(looksLikeADate('Ongoing; may slip')).to.equal(false);
  });

  it('shows dates the UK way', () => {
    expect(formatDate('2023-03-03')).to.equal('3 Mar 2023');
    expect(formatDate('2023-12-31')).to.equal('31 Dec 2023');
    expect(formatDate(undefined)).to.equal('');
  });

  it('shows a snapshot month the UK way, and anything else as given', () => {
    expect(formatMonth('2023-03')).to.equal('Mar 2023');
    expect(formatMonth('2026-10')).to.equal('Oct 2026');
    expect(formatMonth('2023-13')).to.equal('2023-13');
    expect(formatMonth('March')).to.equal('March');
  });

  it('shows instants in London time across the clock change', () => {
    expect(formatInstant('2023-01-15T14:05:00Z')).to.equal('15 Jan 2023, 14:05');
    expect(formatInstant('2023-07-15T14:05:00Z')).to.equal('15 Jul 2023, 15:05');
    expect(londonDate('2023-06-29T23:30:00Z')).to.equal('2023-06-30');
  });

  it('shows a scheduled slot with its weekday, in London time', () => {
    expect(formatLondonSlot(new Date('2026-11-30T09:00:00Z'))).to.equal('Mon 30 Nov 2026 at 09:00');
    expect(formatLondonSlot(new Date('2026-06-29T08:00:00Z'))).to.equal('Mon 29 Jun 2026 at 09:00'); // BST
    expect(formatLondonSlot(new Date('2026-06-28T23:30:00Z'))).to.equal('Mon 29 Jun 2026 at 00:30'); // Sunday night in UTC
  });

  it('finds Monday 09:00 London in UTC, summer and winter', () => {
    expect(londonWallClockToInstant('2023-07-03', 9, 0).toISOString()).to.equal('2023-07-03T08:00:00.000Z');
    expect(londonWallClockToInstant('2023-01-02', 9, 0).toISOString()).to.equal('2023-01-02T09:00:00.000Z');
  });

  it('validates calendar dates and adds days across months', () => {
    expect(isIsoDate('2024-02-29')).to.equal(true);
    expect(isIsoDate('2023-02-29')).to.equal(false);
    expect(addDays('2023-01-30', 3)).to.equal('2023-02-02');
  });

  it('reads dates people type, a year-less one meaning the next such day', () => {
    expect(parseUserDate('2 Jan', '2023-11-20')).to.equal('2024-01-02');
    expect(parseUserDate('2nd January 2024', '2023-11-20')).to.equal('2024-01-02');
    expect(parseUserDate('2/1/2024', '2023-11-20')).to.equal('2024-01-02');
    expect(parseUserDate('2024-01-02', '2023-11-20')).to.equal('2024-01-02');
    expect(parseUserDate('31 Feb', '2023-11-20')).to.equal(undefined);
    expect(parseUserDate('29 Feb', '2023-03-06')).to.equal('2024-02-29'); // the next leap year
    expect(parseUserDate('20 Nov', '2023-11-20')).to.equal('2023-11-20'); // today counts
    expect(parseUserDate('29/2/23', '2023-03-06')).to.equal(undefined); // a year given is kept
    expect(parseUserDate('next week', '2023-11-20')).to.equal(undefined);
  });

  it("gives London's wall clock as Intl does, minute by minute across each clock change and at the ends of years", () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const parts = (at: Date) => Object.fromEntries(intl.formatToParts(at).map((x) => [x.type, x.value]));
    // Intl's own words, rearranged to formatInstant's "3 Mar 2023, 14:05" and londonDate's "2023-03-03".
    const oracle = (at: Date) => {
      const p = parts(at);
      return `${Number(p.day)} ${p.month.slice(0, 3)} ${p.year}, ${p.hour}:${p.minute}`;
    };
    const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const dateOracle = (at: Date) => {
      const p = parts(at);
      return `${p.year}-${String(MONTHS.indexOf(p.month.slice(0, 3)) + 1).padStart(2, '0')}-${p.day.padStart(2, '0')}`;
    };
    const starts = ['2023-03-25T22:00:00Z', '2023-10-28T22:00:00Z', '2026-03-28T22:00:00Z', '2026-10-24T22:00:00Z', '2025-12-31T21:00:00Z'];
    let checked = 0;
    for (const start of starts) {
      for (let m = 0; m < 8 * 60; m += 7) {
        const at = new Date(Date.parse(start) + m * 60_000 + 13_000);
        expect(formatInstant(at.toISOString()), at.toISOString()).to.equal(oracle(at));
        expect(londonDate(at), at.toISOString()).to.equal(dateOracle(at));
        checked++;
      }
    }
    // An instant every five hours or so over three years, and the clock change's own minutes.
    for (let t = Date.parse('2024-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 5 * 3_600_000 + 60_000) {
      expect(formatInstant(new Date(t).toISOString())).to.equal(oracle(new Date(t)));
      checked++;
    }
    expect(formatInstant('2023-03-26T00:59:59Z')).to.equal('26 Mar 2023, 00:59');
    expect(formatInstant('2023-03-26T01:00:00Z')).to.equal('26 Mar 2023, 02:00');
    expect(formatInstant('2023-10-29T00:59:00Z')).to.equal('29 Oct 2023, 01:59');
    expect(formatInstant('2023-10-29T01:00:00Z')).to.equal('29 Oct 2023, 01:00');
    // Before 1972 every answer is Intl's own: 1968–71 London kept summer time all year.
    expect(formatInstant('1970-01-15T12:00:00Z')).to.equal(oracle(new Date('1970-01-15T12:00:00Z')));
    expect(checked).to.be.greaterThan(1000);
    expect(() => londonDate('not a date')).to.throw(RangeError);
  });
});
