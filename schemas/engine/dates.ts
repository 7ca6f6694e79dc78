import { z } from 'zod';

/**
 * The calendar a business document may name. Dates such as 0001-01-01 or 9999-12-31 are typing slips or probes,
 * never real invoice, due or pay dates, and they break date arithmetic, search attributes and timers downstream.
 * The range is fixed (not "today plus n years") so that validation is the same in a replayed workflow and in a
 * test run on any day.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2099-12-31';

export interface DateRange {
  min?: string;
  max?: string;
}

const rangeMessage = (min: string, max: string) => `must be between ${min} and ${max}`;

/** A calendar date as YYYY-MM-DD within the range (by default EARLIEST_DATE … LATEST_DATE). */
export function dateInRange({ min = EARLIEST_DATE, max = LATEST_DATE }: DateRange = {}) {
  return z.iso
    .date({ message: 'must be a date as YYYY-MM-DD' })
    .refine((day) => day >= min && day <= max, { message: rangeMessage(min, max) });
}

/** An ISO date-time with offset whose calendar day (as written) lies within the range. */
export function dateTimeInRange(
  { min = EARLIEST_DATE, max = LATEST_DATE }: DateRange = {},
  example = '2026-11-02T09:30:00Z',
) {
  return z.iso
    .datetime({ offset: true, message: `must be an ISO date-time, e.g. ${example}` })
    .refine((value) => value.slice(0, 10) >= min && value.slice(0, 10) <= max, { message: rangeMessage(min, max) });
}

/** The date every business schema uses unless a field needs a narrower range. */
export const isoDate = dateInRange();
