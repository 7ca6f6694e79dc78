import { PortalRejectedError, PortalUnavailableError } from '../../systems/portal/portal-errors';
import { exactLabel, testIdText } from './invoice-page-parts';
import { submitAndRead } from './invoice-form-submit';
import { PortalPage } from '../../systems/portal/pages';

export interface PostingState {
  documentNumber: string;
  status: string;
  reversalDocumentNumber: string;
}

/** One posted invoice, and its "Reverse posting" action (the compensation of a posting). */
export class InvoiceDetailPage extends PortalPage {
  async read(documentNumber: string): Promise<PostingState | undefined> {
    const response = await this.open(`/invoices/${encodeURIComponent(documentNumber)}`);
    if (response?.status() === 404) return undefined;
    return {
      documentNumber: await testIdText(this.page, 'document-number'),
      status: (await testIdText(this.page, 'invoice-status')).toLowerCase(),
      reversalDocumentNumber: await testIdText(this.page, 'reversal-document-number'),
    };
  }

  /** Reverses the posting unless it already is; returns the reversal document number. */
  async reverse(
    documentNumber: string,
    reason: string,
  ): Promise<{ reversalDocumentNumber: string; alreadyReversed: boolean }> {
    const state = await this.read(documentNumber);
    if (!state)
      throw new PortalRejectedError(
        [{ field: 'documentNumber', message: `document ${documentNumber} does not exist` }],
        [],
      );
    if (state.status === 'reversed')
      return { reversalDocumentNumber: state.reversalDocumentNumber, alreadyReversed: true };
    await this.page.getByLabel(exactLabel('Reversal reason')).fill(reason.slice(0, 500));
    const answer = await submitAndRead(
      this.page,
      this.page.getByRole('button', { name: 'Reverse posting' }),
      `/invoices/${documentNumber}/reverse`,
    );
    if (answer.status === 409) {
      const summary = (await this.page.getByRole('alert').allTextContents()).map((t) => t.trim());
      throw new PortalRejectedError([], summary);
    }
    if (answer.status !== 303)
      throw new PortalUnavailableError(`unexpected answer ${answer.status} to "Reverse posting"`);
    const reversal = await testIdText(this.page, 'reversal-document-number');
    if (!reversal) throw new PortalUnavailableError('the reversed invoice shows no reversal document number');
    return { reversalDocumentNumber: reversal, alreadyReversed: false };
  }
}
