// The contract between the wire/command layer (commands/) and the data layer (store/).
// commands/ parses requests and shapes replies; store/ owns documents, indexes and durability.
// Every method that changes data resolves only after the change is durable (journal fsync).
import type { Document } from 'bson';
import type { WriteError } from '../errors';

export type { Document };

export interface IndexSpec {
  name: string;
  key: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  v?: number;
}

export interface CollectionInfo {
  name: string;
  options: Document;
}

export interface FindQuery {
  filter?: Document;
  sort?: Record<string, 1 | -1>;
  projection?: Document;
  skip?: number;
  limit?: number;
  hint?: string | Record<string, 1 | -1>;
}

/** How a query was answered: used by explain and by tests that prove an index is used. */
export interface QueryPlan {
  stage: 'IXSCAN' | 'COLLSCAN' | 'IDHACK';
  indexName?: string;
  keysExamined: number;
  docsExamined: number;
  /** true when the index order served the sort (no in-memory sort). */
  sortedByIndex: boolean;
}

export interface UpdateStatement {
  q: Document;
  u: Document | Document[]; // update operators, replacement, or (refused) pipeline
  upsert?: boolean;
  multi?: boolean;
  arrayFilters?: Document[];
  hint?: unknown;
  collation?: unknown; // refused when present
}

export interface DeleteStatement {
  q: Document;
  limit: 0 | 1;
  collation?: unknown;
}

export interface InsertResult { n: number; writeErrors: WriteError[] }
export interface UpdateResult {
  n: number;
  nModified: number;
  upserted: { index: number; _id: unknown }[];
  writeErrors: WriteError[];
}
export interface DeleteResult { n: number; writeErrors: WriteError[] }

export interface FindAndModifyArgs {
  query: Document;
  sort?: Record<string, 1 | -1>;
  remove?: boolean;
  update?: Document | Document[];
  new?: boolean;
  fields?: Document;
  upsert?: boolean;
  arrayFilters?: Document[];
}
export interface FindAndModifyResult {
  value: Document | null;
  lastErrorObject: { n: number; updatedExisting?: boolean; upserted?: unknown };
}

export interface Store {
  listDatabases(): { name: string; sizeOnDisk: number; empty: boolean }[];
  listCollections(db: string, filter?: Document): CollectionInfo[];
  createCollection(db: string, name: string, options: Document): Promise<void>;
  dropCollection(db: string, name: string): Promise<boolean>;
  dropDatabase(db: string): Promise<void>;

  createIndexes(db: string, coll: string, specs: IndexSpec[]): Promise<{
    createdCollectionAutomatically: boolean; numIndexesBefore: number; numIndexesAfter: number;
  }>;
  listIndexes(db: string, coll: string): IndexSpec[] | null; // null: no such collection
  dropIndexes(db: string, coll: string, names: string[] | '*'): Promise<{ nIndexesWas: number }>;

  insert(db: string, coll: string, docs: Document[], ordered: boolean): Promise<InsertResult>;
  update(db: string, coll: string, updates: UpdateStatement[], ordered: boolean): Promise<UpdateResult>;
  delete(db: string, coll: string, deletes: DeleteStatement[], ordered: boolean): Promise<DeleteResult>;
  findAndModify(db: string, coll: string, args: FindAndModifyArgs): Promise<FindAndModifyResult>;

  /** All matching documents (the command layer batches them into a cursor). */
  find(db: string, coll: string, query: FindQuery): { docs: Document[]; plan: QueryPlan };
  count(db: string, coll: string, filter: Document, skip?: number, limit?: number): number;
  distinct(db: string, coll: string, key: string, filter: Document): unknown[];
  aggregate(db: string, coll: string | 1, pipeline: Document[]): Promise<Document[]>;

  /** Stats for dbStats/collStats and benchmarks. */
  stats(db: string, coll?: string): { count: number; size: number; indexes: number };

  /** Write a snapshot and truncate the journal (also done periodically). */
  checkpoint(): Promise<void>;
  /** Flush, checkpoint, release the lock file. */
  close(): Promise<void>;
}
