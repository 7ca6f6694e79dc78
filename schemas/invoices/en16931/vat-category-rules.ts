import type { VatCategoryCode } from './vat';

/** How one VAT category is treated: what its rate must be, who must have a VAT id, what explains the exemption. */
export interface VatCategoryRule {
  /** Rule family prefix: BR-S, BR-Z, BR-E, BR-AE, BR-IC (category K), BR-G, BR-O. */
  family: string;
  /** positive: rate > 0 (S); zero: rate present and 0; absent: no rate at all (O). */
  rate: 'positive' | 'zero' | 'absent';
  /** required: the breakdown must give an exemption reason; forbidden: it must not. */
  exemptionReason: 'required' | 'forbidden';
  /** The reason code the standard expects, when it names one. */
  reasonCode?: string;
  /** seller: seller VAT id, tax registration id or tax representative VAT id; none: none of the VAT ids may be given. */
  sellerVatId: 'required' | 'vat-or-representative' | 'forbidden';
  /** The buyer must be identified for VAT: by VAT id (K), or by VAT id or legal registration (AE). */
  buyerId: 'none' | 'vat' | 'vat-or-legal';
  /** Z, E, AE, K, G and O allow exactly one breakdown entry; S one per rate. */
  onePerDocument: boolean;
}

export const vatCategoryRules: Partial<Record<VatCategoryCode, VatCategoryRule>> = {
  S: {
    family: 'BR-S',
    rate: 'positive',
    exemptionReason: 'forbidden',
    sellerVatId: 'required',
    buyerId: 'none',
    onePerDocument: false,
  },
  Z: {
    family: 'BR-Z',
    rate: 'zero',
    exemptionReason: 'forbidden',
    sellerVatId: 'required',
    buyerId: 'none',
    onePerDocument: true,
  },
  E: {
    family: 'BR-E',
    rate: 'zero',
    exemptionReason: 'required',
    sellerVatId: 'required',
    buyerId: 'none',
    onePerDocument: true,
  },
  AE: {
    family: 'BR-AE',
    rate: 'zero',
    exemptionReason: 'required',
    reasonCode: 'VATEX-EU-AE',
    sellerVatId: 'required',
    buyerId: 'vat-or-legal',
    onePerDocument: true,
  },
  K: {
    family: 'BR-IC',
    rate: 'zero',
    exemptionReason: 'required',
    reasonCode: 'VATEX-EU-IC',
    sellerVatId: 'vat-or-representative',
    buyerId: 'vat',
    onePerDocument: true,
  },
  G: {
    family: 'BR-G',
    rate: 'zero',
    exemptionReason: 'required',
    reasonCode: 'VATEX-EU-G',
    sellerVatId: 'vat-or-representative',
    buyerId: 'none',
    onePerDocument: true,
  },
  O: {
    family: 'BR-O',
    rate: 'absent',
    exemptionReason: 'required',
    reasonCode: 'VATEX-EU-O',
    sellerVatId: 'forbidden',
    buyerId: 'none',
    onePerDocument: true,
  },
};
