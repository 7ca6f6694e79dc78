/** One broken business rule: which rule, where in the model, which business term, found vs expected. */
export interface RuleFinding {
  /** The rule id as the standard names it, e.g. BR-CO-15 or PEPPOL-EN16931-R120. */
  rule: string;
  /** Path in the semantic model, e.g. totals.amountDue or lines[2].netAmount. */
  path: string;
  /** The business term or group, e.g. BT-115. */
  term: string;
  message: string;
}

export interface ValidationResult {
  errors: RuleFinding[];
  warnings: RuleFinding[];
}
