// Collections, databases and indexes: create, drop, dropDatabase, listCollections,
// createIndexes, listIndexes, dropIndexes, collStats, dbStats.
import type { Document } from 'bson';
import { Codes, MongoError } from '../errors';
import type { IndexSpec } from '../store/types';
import { collectionName, cursorBatchSize, isPlainDoc, optDoc, reqArray } from './args';
import type { CommandContext, HandlerTable } from './context';

// Fields every command may carry; the rest of a `create` command are collection options,
// which the Store validates (capped, views, validators, collation... are refused there).
const GENERIC_FIELDS = new Set([
  '$db', 'lsid', '$clusterTime', '$readPreference', 'writeConcern', 'readConcern', 'comment',
  'maxTimeMS', 'apiVersion', 'apiStrict', 'apiDeprecationErrors',
]);

async function create(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  const options = Object.fromEntries(Object.entries(cmd).slice(1).filter(([field]) => !GENERIC_FIELDS.has(field)));
  await ctx.store.createCollection(ctx.db, coll, options);
  return { ok: 1 };
}

async function drop(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  const nIndexesWas = ctx.store.listIndexes(ctx.db, coll)?.length;
  await ctx.store.dropCollection(ctx.db, coll);
  // MongoDB 7 answers ok for a collection that does not exist.
  return { ns: `${ctx.db}.${coll}`, ...(nIndexesWas !== undefined ? { nIndexesWas } : {}), ok: 1 };
}

async function dropDatabase(_cmd: Document, ctx: CommandContext): Promise<Document> {
  await ctx.store.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
}

const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

function listCollections(cmd: Document, ctx: CommandContext): Document {
  // The Store filters on {name, type, options, info}, the fields a client may filter on.
  const all = ctx.store.listCollections(ctx.db, optDoc(cmd, 'filter')).map((info) => ({
    name: info.name,
    type: 'collection',
    options: info.options ?? {},
    info: { readOnly: false },
    idIndex: ID_INDEX,
  }));
  const docs = cmd.nameOnly ? all.map(({ name, type }) => ({ name, type })) : all;
  return { cursor: ctx.cursors.first(`${ctx.db}.$cmd.listCollections`, docs, { batchSize: cursorBatchSize(cmd) ?? Infinity }), ok: 1 };
}

// Index specs are validated by the Store (index-specs.ts): key directions, index kinds and
// options it does not implement (text, geo, hashed, wildcard, collation...) are refused there,
// in one place. Here only the shape of the command is checked.
function indexSpec(raw: unknown, i: number): IndexSpec {
  if (!isPlainDoc(raw)) throw new MongoError(Codes.TypeMismatch, `indexes.${i} must be an object`);
  return raw as IndexSpec;
}

async function createIndexes(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  const specs = reqArray(cmd, 'indexes').map(indexSpec);
  if (specs.length === 0) throw new MongoError(Codes.BadValue, 'Must specify at least one index to create');
  const result = await ctx.store.createIndexes(ctx.db, coll, specs);
  const note = result.numIndexesBefore === result.numIndexesAfter ? { note: 'all indexes already exist' } : {};
  return { ...result, ...note, ok: 1 };
}

function existingIndexes(ctx: CommandContext, coll: string): IndexSpec[] {
  const specs = ctx.store.listIndexes(ctx.db, coll);
  if (!specs) throw new MongoError(Codes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
  return specs.some((spec) => spec.name === '_id_') ? specs : [ID_INDEX, ...specs];
}

function listIndexes(cmd: Document, ctx: CommandContext): Document {
  const coll = collectionName(cmd);
  const docs = existingIndexes(ctx, coll).map((spec) => ({ v: 2, ...spec }));
  return { cursor: ctx.cursors.first(`${ctx.db}.${coll}`, docs, { batchSize: cursorBatchSize(cmd) ?? Infinity }), ok: 1 };
}

async function dropIndexes(cmd: Document, ctx: CommandContext): Promise<Document> {
  const coll = collectionName(cmd);
  const index = cmd.index;
  let names: string[] | '*';
  if (index === '*') names = '*';
  else if (typeof index === 'string') names = [index];
  else if (Array.isArray(index) && index.every((name) => typeof name === 'string')) names = index;
  else if (isPlainDoc(index)) {
    const wanted = JSON.stringify(index);
    const found = existingIndexes(ctx, coll).find((spec) => JSON.stringify(spec.key) === wanted);
    if (!found) throw new MongoError(Codes.IndexNotFound, `can't find index with key: ${wanted}`);
    names = [found.name];
  } else throw new MongoError(Codes.TypeMismatch, "dropIndexes 'index' must be a name, names, a key pattern or '*'");
  const { nIndexesWas } = await ctx.store.dropIndexes(ctx.db, coll, names);
  return { nIndexesWas, ok: 1 };
}

function collStats(cmd: Document, ctx: CommandContext): Document {
  const coll = collectionName(cmd);
  const { count, size, indexes } = ctx.store.stats(ctx.db, coll);
  return {
    ns: `${ctx.db}.${coll}`, count, size, avgObjSize: count ? Math.round(size / count) : 0,
    storageSize: size, nindexes: indexes, totalIndexSize: 0, indexSizes: {}, capped: false, ok: 1,
  };
}

function dbStats(_cmd: Document, ctx: CommandContext): Document {
  const { count, size, indexes } = ctx.store.stats(ctx.db);
  return {
    db: ctx.db, collections: ctx.store.listCollections(ctx.db).length, views: 0, objects: count,
    avgObjSize: count ? size / count : 0, dataSize: size, storageSize: size, indexes, indexSize: 0, ok: 1,
  };
}

export const adminCommands: HandlerTable = {
  create, drop, dropDatabase, listCollections, createIndexes, listIndexes, dropIndexes,
  deleteIndexes: dropIndexes, collStats, dbStats,
};
