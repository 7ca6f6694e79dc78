/** Due dates and reminder times, optionally counted in business hours. Pure: workflows and tests use it. */
import { msToNumber } from '@temporalio/common/lib/time';
import type { BusinessCalendar, Duration } from '../../../schemas/engine/human-task';

const HOUR = 3_600_000;

export function durationMs(duration: Duration): number {
  return typeof duration === 'number' ? duration : msToNumber(duration as Parameters<typeof msToNumber>[0]);
}

/** Adds `ms` of working time to `start`, skipping time outside the calendar's working hours and days. */
export function addBusinessTime(start: number, ms: number, calendar?: BusinessCalendar): number {
  if (!calendar) return start + ms;
  if (calendar.workDays.length === 0 || calendar.endHour <= calendar.startHour)
    throw new Error('the business calendar has no working time');
  const offset = (calendar.utcOffsetMinutes ?? 0) * 60_000;
  // Work in the calendar's local time, as if it were UTC, and shift back at the end.
  let t = start + offset;
  let left = ms;
  for (;;) {
    const day = new Date(t);
    const dayStart = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
    const open = dayStart + calendar.startHour * HOUR;
    const close = dayStart + calendar.endHour * HOUR;
    if (calendar.workDays.includes(day.getUTCDay()) && t < close) {
      const from = Math.max(t, open);
      if (from + left <= close) return from + left - offset;
      left -= close - from;
    }
    t = dayStart + 24 * HOUR;
  }
}

/** Subtracting working time is rarer (reminders); it walks back in hour steps, which is exact enough. */
export function subtractBusinessTime(end: number, ms: number, calendar?: BusinessCalendar): number {
  if (!calendar) return end - ms;
  let lo = end - ms;
  while (addBusinessTime(lo, ms, calendar) > end) lo -= HOUR;
  let hi = end;
  // Binary search for the latest start whose due date is still at or before `end`.
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (addBusinessTime(mid, ms, calendar) <= end) lo = mid;
    else hi = mid;
  }
  return lo;
}
