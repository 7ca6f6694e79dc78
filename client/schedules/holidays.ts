import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { fieldErrors } from '../../schemas/engine/validation';

const holidaysFileSchema = z.object({
  holidays: z
    .array(
      z.object({
        date: z.iso.date({ message: 'must be a date as YYYY-MM-DD' }),
        name: z.string().trim().min(1, 'is required'),
      }),
    )
    .default([]),
});

export type Holiday = z.infer<typeof holidaysFileSchema>['holidays'][number];

/** Reads the holiday calendar; a missing file means no holidays, a malformed one is an error naming the entry. */
export async function loadHolidays(file: string): Promise<Holiday[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  // YAML turns unquoted dates into Date objects; the schema wants the text as written.
  const parsed = holidaysFileSchema.safeParse(parse(text, { schema: 'core' }) ?? {});
  if (!parsed.success) {
    throw new Error(
      `${file}: ${fieldErrors(parsed.error)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.holidays;
}
