/** One national id format: where it is used, how it is written, and its check (digits, date) where defined. */
export interface NationalIdFormat {
  /** ISO country code(s) and the id's name, for tests and reports. */
  id: string;
  /** The format's regex source; matched case-insensitively between non-word boundaries. */
  pattern: string;
  /** True when the candidate's check digits (and embedded date) are right. */
  valid(candidate: string): boolean;
}
