import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces travel as an encoded payload (so the payload codec encrypts them) instead
 * of in clear fields of the history: an error may quote the data it failed on. Loaded by path, as Temporal
 * loads converters both in the workflow bundle and outside it.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
