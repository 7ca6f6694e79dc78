/**
 * Topics a person must always see, whatever the model's confidence: legal threats, data-protection requests,
 * security incidents, chargebacks. Matched on the redacted text, so the check never needs PII.
 */
const policyRules: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'legal', pattern: /\b(lawyer|attorney|solicitor|legal action|lawsuit|sue|court)\b/i },
  {
    name: 'data-protection',
    pattern: /\b(gdpr|dsar|data subject|right to (be forgotten|erasure)|delete (all )?my (personal )?data)\b/i,
  },
  { name: 'security', pattern: /\b(hacked|breach|compromised|unauthori[sz]ed (access|login|transaction)|phishing)\b/i },
  { name: 'chargeback', pattern: /\b(chargeback|dispute the (charge|payment)|fraud(ulent)?)\b/i },
  { name: 'regulator', pattern: /\b(ombudsman|regulator|consumer protection)\b/i },
];

/** Names of the policies the text touches, in a stable order. */
export function policyMatches(text: string): string[] {
  return policyRules.filter((rule) => rule.pattern.test(text)).map((rule) => rule.name);
}
