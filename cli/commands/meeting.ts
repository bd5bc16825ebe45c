// planpulse meeting <group-key> <date>: when a delivery group next meets; its chair's digest goes out a few days before.
import { formatDate, londonDate, parseUserDate } from '../../core/dates';
import { DONE, FAILED, USAGE, namedGroup, noPlanYet, unreadableDate, withStore, type CommandSpec } from './shared';

export const meeting: CommandSpec = {
  name: 'meeting',
  usage: 'meeting <group-key> <date>',
  summary: "when a delivery group next meets (its chair's digest goes out just before)",
  flags: {},
  run: async ({ positionals }, config, io) => {
    const [groupKey, ...dateParts] = positionals;
    if (!groupKey || !dateParts.length) {
      io.err('usage: planpulse meeting <delivery-group-key> <date, e.g. 12 Dec 2026> (or "none" to clear)');
      return USAGE;
    }
    const raw = dateParts.join(' ');
    const today = londonDate(new Date());
    const date = raw === 'none' ? undefined : parseUserDate(raw, today);
    if (raw !== 'none' && !date) {
      io.err(unreadableDate(raw));
      return USAGE;
    }
    // This is the *next* meeting: a past one would send a digest nobody can use.
    if (date && date < today) {
      io.err(`"${raw}" is before today (${formatDate(today)}): give the date the group next meets`);
      return USAGE;
    }
    if (noPlanYet(config, io)) return FAILED;
    return withStore(config, async (store) => {
      if (!(await namedGroup(store, groupKey, io))) return FAILED;
      await store.setNextMeeting(groupKey, date);
      io.out(
        date
          ? `${groupKey} next meets on ${formatDate(date)}: the chair's digest goes out ${config.nudge.digestDaysBefore} day(s) before`
          : `${groupKey} has no meeting date set`,
      );
      return DONE;
    });
  },
};
