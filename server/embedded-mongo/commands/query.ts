// find / getMore / killCursors / count / distinct / aggregate. Reads are answered by the Store
// in full and handed out through the cursor registry in mongod-sized batches.
import type { Document } from 'bson';
import { Codes, MongoError } from '../errors';
import type { FindQuery } from '../store/types';
import { collectionName, cursorBatchSize, isPlainDoc, optBool, optDoc, optInt, reqArray } from './args';
import type { CommandContext, HandlerTable } from './context';
import { explainAggregate } from './explain';
import { refuseCollation, refuseOptions } from './guards';

// find options that belong to features the embedded server does not have.
const UNSUPPORTED_FIND_OPTIONS = ['tailable', 'awaitData', 'oplogReplay', 'returnKey', 'showRecordId', 'min', 'max', 'let'];

/** The find command's arguments as a Store query (also used by explain). */
export function findQuery(cmd: Document): { query: FindQuery; singleBatch: boolean } {
  refuseCollation(cmd);
  refuseOptions(cmd, UNSUPPORTED_FIND_OPTIONS);
  const filter = optDoc(cmd, 'filter') ?? {};
  const projection = optDoc(cmd, 'projection');
  const sort = optDoc(cmd, 'sort') as FindQuery['sort'];
  const skip = optInt(cmd, 'skip');
  // A negative limit is the legacy "return at most |limit| documents, then close the cursor".
  const rawLimit = optInt(cmd, 'limit', -Number.MAX_SAFE_INTEGER) ?? 0;
  const hint = cmd.hint as FindQuery['hint'];
  const query: FindQuery = {
    filter,
    ...(sort && Object.keys(sort).length > 0 ? { sort } : {}),
    ...(projection && Object.keys(projection).length > 0 ? { projection } : {}),
    ...(skip ? { skip } : {}),
    ...(rawLimit !== 0 ? { limit: Math.abs(rawLimit) } : {}),
    ...(hint !== undefined && hint !== null ? { hint } : {}),
  };
  return { query, singleBatch: rawLimit < 0 || optBool(cmd, 'singleBatch', false) };
}

function find(cmd: Document, ctx: CommandContext): Document {
  const coll = collectionName(cmd);
  const { query, singleBatch } = findQuery(cmd);
  // A single batch with a limit returns up to the limit, not the default 101.
  const batchSize = optInt(cmd, 'batchSize') ?? (singleBatch && query.limit ? query.limit : undefined);
  const { docs } = ctx.store.find(ctx.db, coll, query);
  return { cursor: ctx.cursors.first(`${ctx.db}.${coll}`, docs, { batchSize, singleBatch }), ok: 1 };
}

function getMore(cmd: Document, ctx: CommandContext): Document {
  const coll = cmd.collection;
  if (typeof coll !== 'string' || coll === '') {
    throw new MongoError(Codes.FailedToParse, "BSON field 'getMore.collection' is missing but a required field");
  }
  const batchSize = optInt(cmd, 'batchSize');
  return { cursor: ctx.cursors.next(`${ctx.db}.${coll}`, cmd.getMore, batchSize), ok: 1 };
}

function killCursors(cmd: Document, ctx: CommandContext): Document {
  // Not collectionName(): cursors of listCollections/aggregate:1 live on '$cmd.*' namespaces.
  const coll = cmd.killCursors;
  if (typeof coll !== 'string' || coll === '') throw new MongoError(Codes.InvalidNamespace, 'killCursors needs a collection name');
  const { killed, notFound } = ctx.cursors.kill(`${ctx.db}.${coll}`, reqArray(cmd, 'cursors'));
  return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
}

function count(cmd: Document, ctx: CommandContext): Document {
  const coll = collectionName(cmd);
  refuseCollation(cmd);
  const filter = optDoc(cmd, 'query') ?? {};
  const skip = optInt(cmd, 'skip');
  const limit = optInt(cmd, 'limit', -Number.MAX_SAFE_INTEGER);
  const n = ctx.store.count(ctx.db, coll, filter, skip || undefined, limit ? Math.abs(limit) : undefined);
  return { n, ok: 1 };
}

function distinct(cmd: Document, ctx: CommandContext): Document {
  const coll = collectionName(cmd);
  refuseCollation(cmd);
  if (typeof cmd.key !== 'string' || cmd.key === '') {
    throw new MongoError(Codes.FailedToParse, "BSON field 'distinct.key' is missing or not a string");
  }
  const filter = optDoc(cmd, 'query') ?? {};
  return { values: ctx.store.distinct(ctx.db, coll, cmd.key, filter), ok: 1 };
}

/** The pipeline of an aggregate command (its stages are validated by the Store). */
export function pipelineOf(cmd: Document): Document[] {
  const pipeline = reqArray(cmd, 'pipeline');
  pipeline.forEach((stage, i) => {
    if (!isPlainDoc(stage) || Object.keys(stage).length !== 1) {
      throw new MongoError(Codes.TypeMismatch, `pipeline.${i}: a pipeline stage specification object must contain exactly one field`);
    }
  });
  return pipeline as Document[];
}

async function aggregate(cmd: Document, ctx: CommandContext): Promise<Document> {
  const target = cmd.aggregate === 1 ? 1 : collectionName(cmd);
  refuseCollation(cmd);
  refuseOptions(cmd, ['let']);
  const pipeline = pipelineOf(cmd);
  if (cmd.explain) return explainAggregate(cmd, 'queryPlanner', ctx);
  if (!isPlainDoc(cmd.cursor)) {
    throw new MongoError(Codes.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
  }
  const docs = await ctx.store.aggregate(ctx.db, target, pipeline);
  const ns = target === 1 ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${target}`;
  return { cursor: ctx.cursors.first(ns, docs, { batchSize: cursorBatchSize(cmd) }), ok: 1 };
}

export const queryCommands: HandlerTable = {
  find,
  getMore,
  killCursors,
  count,
  distinct,
  aggregate,
};
