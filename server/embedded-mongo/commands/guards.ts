// Refusals: what the embedded server does not implement is answered with an error, never
// ignored. Each refusal lives in exactly one place. Here: commands and the command-level
// options the Store never sees (transactions, `collation` on find/count/distinct/aggregate/
// findAndModify, tailable cursors, `let`). In the Store, where the request is parsed: query
// operators ($where, $text, geo, $function), pipeline stages (a whitelist: $out, $merge,
// $changeStream... are refused), index kinds and options, collection options (capped...),
// and `collation` on update/delete statements.
import type { Document } from 'bson';
import { Codes, MongoError, notImplemented } from '../errors';

const TRANSACTION_FIELDS = ['startTransaction', 'autocommit', 'txnNumber'];

/** Multi-document transactions (DESIGN decision 2: one guarded single-document update instead). */
export function refuseTransactions(cmd: Document): void {
  if (TRANSACTION_FIELDS.some((field) => cmd[field] !== undefined)) throw transactionsRefused();
}

export const transactionsRefused = () =>
  new MongoError(
    Codes.NotImplemented,
    'transactions are not supported by the Duban embedded server: change one document in one guarded update',
  );

/** `collation` on a command whose Store call has no place for it. */
export function refuseCollation(cmd: Document): void {
  if (cmd.collation !== undefined && cmd.collation !== null) throw notImplemented('collation');
}

/** Options that only make sense for features we do not have (capped tailing, index bounds, `let`). */
export function refuseOptions(cmd: Document, options: string[]): void {
  for (const option of options) {
    if (cmd[option] !== undefined && cmd[option] !== false && cmd[option] !== null) {
      throw notImplemented(`option '${option}'`);
    }
  }
}
