/**
 * Text as the detectors see it. Look-alike spellings must not slip past a pattern: full-width forms (＠, ０-９)
 * and ligatures fold by NFKC; every space variant (no-break, narrow no-break, thin, figure, ideographic …)
 * becomes a plain space and every dash variant a hyphen-minus; invisible characters (zero-width spaces and
 * joiners, soft hyphens, word joiners, BOM) go, since a reader never sees them anyway.
 */
const spaces = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const dashes = /[\u2010-\u2015\u2043\u2212\u2796\uFE58\uFE63\uFF0D]/g;
const invisible = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').replace(spaces, ' ').replace(dashes, '-');
}
