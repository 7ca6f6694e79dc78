import Big from 'big.js';
import { dec, show, sum } from './decimal';
import type { En16931Document } from './document';
import type { RuleFinding } from './findings';

/** The Peppol tolerance for a line net amount against quantity × price (PEPPOL-EN16931-R120). */
const lineNetTolerance = new Big('0.02');

/** BR-27 (price not negative), PEPPOL-EN16931-R121 (base quantity above 0) and R120 (line net amount). */
export function checkLines(doc: En16931Document): RuleFinding[] {
  const findings: RuleFinding[] = [];
  doc.lines.forEach((line, i) => {
    const price = dec(line.price);
    if (price.lt(0)) {
      findings.push({
        rule: 'BR-27',
        path: `lines[${i}].price`,
        term: 'BT-146',
        message: `item net price is ${line.price} but must not be negative`,
      });
    }
    const baseQuantity = line.baseQuantity === undefined ? new Big(1) : dec(line.baseQuantity);
    if (!baseQuantity.gt(0)) {
      findings.push({
        rule: 'PEPPOL-EN16931-R121',
        path: `lines[${i}].baseQuantity`,
        term: 'BT-149',
        message: `item price base quantity is ${line.baseQuantity} but must be above 0`,
      });
      return;
    }
    const expected = dec(line.quantity)
      .times(price)
      .div(baseQuantity)
      .plus(sum(line.charges.map((charge) => charge.amount)))
      .minus(sum(line.allowances.map((allowance) => allowance.amount)));
    const found = dec(line.netAmount);
    if (found.minus(expected).abs().gt(lineNetTolerance)) {
      findings.push({
        rule: 'PEPPOL-EN16931-R120',
        path: `lines[${i}].netAmount`,
        term: 'BT-131',
        message: `line ${line.id} net amount is ${show(found, doc.currency)} but quantity ${line.quantity} × price ${line.price} ÷ base quantity ${baseQuantity.toString()} + charges − allowances gives ${show(expected, doc.currency)} (tolerance 0.02)`,
      });
    }
  });
  return findings;
}
