import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes every process may set; registered on the namespace at start. */
export const BpoProcess = defineSearchAttributeKey('BpoProcess', SearchAttributeType.KEYWORD);
export const BpoStatus = defineSearchAttributeKey('BpoStatus', SearchAttributeType.KEYWORD);
export const BpoBusinessKey = defineSearchAttributeKey('BpoBusinessKey', SearchAttributeType.KEYWORD);
export const BpoVendor = defineSearchAttributeKey('BpoVendor', SearchAttributeType.KEYWORD);
export const BpoAmount = defineSearchAttributeKey('BpoAmount', SearchAttributeType.DOUBLE);
export const BpoDueDate = defineSearchAttributeKey('BpoDueDate', SearchAttributeType.DATETIME);
/** Human tasks: who holds the task and which roles may take it, so visibility can filter like the inbox. */
export const BpoAssignee = defineSearchAttributeKey('BpoAssignee', SearchAttributeType.KEYWORD);
export const BpoCandidateRoles = defineSearchAttributeKey('BpoCandidateRoles', SearchAttributeType.KEYWORD_LIST);

/** Name → kind, in the form the server's operator API and the dev server's flags take. */
export const searchAttributeKinds = {
  BpoProcess: 'Keyword',
  BpoStatus: 'Keyword',
  BpoBusinessKey: 'Keyword',
  BpoVendor: 'Keyword',
  BpoAmount: 'Double',
  BpoDueDate: 'Datetime',
  BpoAssignee: 'Keyword',
  BpoCandidateRoles: 'KeywordList',
} as const;
