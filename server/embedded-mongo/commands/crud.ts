// insert / update / delete / findAndModify. The reply is sent only after the Store's promise
// resolves, and the Store resolves only once the change is journaled and fsynced: every
// acknowledged write (any writeConcern) is durable.
import type { Document } from 'bson';
import { Codes, MongoError, type WriteError } from '../errors';
import type { DeleteStatement, UpdateStatement } from '../store/types';
import { Limits } from '../wire/constants';
import { collectionName, isPlainDoc, optBool, optDoc, reqArray } from './args';
import type { CommandContext, HandlerTable } from './context';
import { refuseCollation, refuseOptions } from './guards';

const failedToParse = (msg: string) => new MongoError(Codes.FailedToParse, msg);

function batch(cmd: Document, field: string): Document[] {
  const items = reqArray(cmd, field);
  if (items.length === 0 || items.length > Limits.maxWriteBatchSize) {
    throw new MongoError(
      Codes.InvalidLength,
      `Write batch sizes must be between 1 and ${Limits.maxWriteBatchSize}. Got ${items.length} operations.`,
    );
  }
  items.forEach((item, i) => {
    if (!isPlainDoc(item)) throw new MongoError(Codes.TypeMismatch, `${field}.${i} must be an object`);
  });
  return items as Document[];
}

function withWriteErrors(reply: Document, writeErrors: WriteError[]): Document {
  if (writeErrors.length > 0) reply.writeErrors = writeErrors;
  reply.ok = 1;
  return reply;
}

async function insert(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  const docs = batch(cmd, 'documents');
  const result = await ctx.store.insert(ctx.db, coll, docs, optBool(cmd, 'ordered', true));
  return withWriteErrors({ n: result.n }, result.writeErrors);
}

// Statement-level `collation` is passed on: the Store refuses it (see guards.ts).
function updateStatement(raw: Document, i: number): UpdateStatement {
  const q = raw.q ?? {};
  if (!isPlainDoc(q)) throw new MongoError(Codes.TypeMismatch, `updates.${i}.q must be an object`);
  if (!isPlainDoc(raw.u) && !Array.isArray(raw.u)) {
    throw new MongoError(Codes.FailedToParse, `updates.${i}.u must be an update document or pipeline`);
  }
  if (raw.arrayFilters !== undefined && !Array.isArray(raw.arrayFilters)) {
    throw new MongoError(Codes.TypeMismatch, `updates.${i}.arrayFilters must be an array`);
  }
  return {
    q,
    u: raw.u,
    upsert: Boolean(raw.upsert),
    multi: Boolean(raw.multi),
    ...(raw.arrayFilters ? { arrayFilters: raw.arrayFilters } : {}),
    ...(raw.hint !== undefined ? { hint: raw.hint } : {}),
    ...(raw.collation !== undefined ? { collation: raw.collation } : {}),
  };
}

async function update(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  refuseOptions(cmd, ['let']);
  const statements = batch(cmd, 'updates').map(updateStatement);
  const result = await ctx.store.update(ctx.db, coll, statements, optBool(cmd, 'ordered', true));
  const reply: Document = { n: result.n, nModified: result.nModified };
  if (result.upserted.length > 0) reply.upserted = result.upserted;
  return withWriteErrors(reply, result.writeErrors);
}

function deleteStatement(raw: Document, i: number): DeleteStatement {
  const q = raw.q ?? {};
  if (!isPlainDoc(q)) throw new MongoError(Codes.TypeMismatch, `deletes.${i}.q must be an object`);
  const limit = Number(raw.limit);
  if (limit !== 0 && limit !== 1) {
    throw failedToParse(`The limit field in delete objects must be 0 or 1. Got ${String(raw.limit)}`);
  }
  return { q, limit, ...(raw.collation !== undefined ? { collation: raw.collation } : {}) };
}

async function remove(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  refuseOptions(cmd, ['let']);
  const statements = batch(cmd, 'deletes').map(deleteStatement);
  const result = await ctx.store.delete(ctx.db, coll, statements, optBool(cmd, 'ordered', true));
  return withWriteErrors({ n: result.n }, result.writeErrors);
}

async function findAndModify(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  refuseCollation(cmd);
  refuseOptions(cmd, ['let']);
  const query = optDoc(cmd, 'query') ?? {};
  const removeDoc = optBool(cmd, 'remove', false);
  const update = cmd.update as Document | Document[] | undefined;
  const returnNew = optBool(cmd, 'new', false);
  const upsert = optBool(cmd, 'upsert', false);
  if (removeDoc && update !== undefined) throw failedToParse('Cannot specify both an update and remove=true');
  if (!removeDoc && update === undefined) throw failedToParse('Either an update or remove=true must be specified');
  if (removeDoc && returnNew) {
    throw failedToParse("Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
  }
  if (removeDoc && upsert) throw failedToParse('Cannot specify both upsert=true and remove=true');
  if (update !== undefined && !isPlainDoc(update) && !Array.isArray(update)) {
    throw new MongoError(Codes.FailedToParse, 'findAndModify update must be an update document or pipeline');
  }
  const sort = optDoc(cmd, 'sort') as Record<string, 1 | -1> | undefined;
  const fields = optDoc(cmd, 'fields');
  const arrayFilters = cmd.arrayFilters as Document[] | undefined;
  const result = await ctx.store.findAndModify(ctx.db, coll, {
    query,
    ...(sort ? { sort } : {}),
    remove: removeDoc,
    ...(update !== undefined ? { update } : {}),
    new: returnNew,
    ...(fields ? { fields } : {}),
    upsert,
    ...(arrayFilters ? { arrayFilters } : {}),
  });
  return { lastErrorObject: result.lastErrorObject, value: result.value, ok: 1 };
}

export const crudCommands: HandlerTable = {
  insert,
  update,
  delete: remove,
  findAndModify,
  findandmodify: findAndModify,
};
