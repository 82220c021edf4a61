// explain: reports the Store's QueryPlan in mongod's shape (FETCH over IXSCAN, COLLSCAN,
// IDHACK, SORT when the index did not give the order), so tools and tests that read
// queryPlanner.winningPlan work against both servers.
import type { Document } from 'bson';
import { Codes, MongoError } from '../errors';
import type { FindQuery, QueryPlan } from '../store/types';
import { SERVER_VERSION } from './handshake';
import { collectionName, isPlainDoc, optDoc } from './args';
import type { CommandContext, HandlerTable } from './context';
import { findQuery, pipelineOf } from './query';

type Verbosity = 'queryPlanner' | 'executionStats' | 'allPlansExecution';

// Stages that mongod pushes into the query layer: a pipeline of only these has no $cursor stage.
const PUSHED_DOWN = new Set(['$match', '$sort', '$limit', '$skip', '$project']);

function winningPlan(plan: QueryPlan, query: FindQuery, ctx: CommandContext, coll: string): Document {
  let tree: Document;
  if (plan.stage === 'IXSCAN') {
    const index = ctx.store.listIndexes(ctx.db, coll)?.find((spec) => spec.name === plan.indexName);
    const scan = { stage: 'IXSCAN', keyPattern: index?.key ?? {}, indexName: plan.indexName, isUnique: Boolean(index?.unique), direction: 'forward' };
    tree = { stage: 'FETCH', inputStage: scan };
  } else {
    tree = plan.stage === 'IDHACK' ? { stage: 'IDHACK' } : { stage: 'COLLSCAN', direction: 'forward' };
  }
  if (query.sort && !plan.sortedByIndex) tree = { stage: 'SORT', sortPattern: query.sort, inputStage: tree };
  return tree;
}

function planReport(query: FindQuery, verbosity: Verbosity, ctx: CommandContext, coll: string, wrap?: string): Document {
  const started = Date.now();
  const { docs, plan } = ctx.store.find(ctx.db, coll, query);
  let tree = winningPlan(plan, query, ctx, coll);
  if (wrap) tree = { stage: wrap, inputStage: tree };
  const report: Document = {
    queryPlanner: {
      namespace: `${ctx.db}.${coll}`,
      indexFilterSet: false,
      parsedQuery: query.filter ?? {},
      winningPlan: tree,
      rejectedPlans: [],
    },
  };
  if (verbosity !== 'queryPlanner') {
    report.executionStats = {
      executionSuccess: true,
      nReturned: docs.length,
      executionTimeMillis: Date.now() - started,
      totalKeysExamined: plan.keysExamined,
      totalDocsExamined: plan.docsExamined,
      executionStages: tree,
    };
  }
  return report;
}

function finish(report: Document, inner: Document, verbosity: Verbosity, ctx: CommandContext): Document {
  return {
    explainVersion: '1',
    ...report,
    command: inner,
    serverInfo: { host: ctx.server.host, port: ctx.server.port(), version: SERVER_VERSION },
    verbosity,
    ok: 1,
  };
}

export async function explainAggregate(cmd: Document, verbosity: Verbosity, ctx: CommandContext): Promise<Document> {
  const pipeline = pipelineOf(cmd);
  if (cmd.aggregate === 1) return finish({ stages: pipeline }, cmd, verbosity, ctx);
  const coll = collectionName(cmd);
  const match = pipeline[0]?.$match as Document | undefined;
  const sort = pipeline[match ? 1 : 0]?.$sort as FindQuery['sort'] | undefined;
  const report = planReport({ filter: match ?? {}, ...(sort ? { sort } : {}) }, verbosity, ctx, coll);
  if (pipeline.every((stage) => PUSHED_DOWN.has(Object.keys(stage)[0]))) return finish(report, cmd, verbosity, ctx);
  const rest = pipeline.slice((match ? 1 : 0) + (sort ? 1 : 0));
  return finish({ stages: [{ $cursor: report }, ...rest] }, cmd, verbosity, ctx);
}

/** The filter an explained write or count would use, and the stage mongod puts on top. */
function filterOf(name: string, inner: Document): { filter: Document; wrap: string; sort?: FindQuery['sort'] } {
  const first = (field: string) => (Array.isArray(inner[field]) && isPlainDoc(inner[field][0]) ? inner[field][0] : {});
  switch (name) {
    case 'count':
      return { filter: optDoc(inner, 'query') ?? {}, wrap: 'COUNT' };
    case 'distinct':
      return { filter: optDoc(inner, 'query') ?? {}, wrap: 'PROJECTION_DEFAULT' };
    case 'update':
      return { filter: (first('updates').q as Document) ?? {}, wrap: 'UPDATE' };
    case 'delete':
      return { filter: (first('deletes').q as Document) ?? {}, wrap: 'DELETE' };
    default: {
      const sort = optDoc(inner, 'sort') as FindQuery['sort'];
      return { filter: optDoc(inner, 'query') ?? {}, wrap: inner.remove ? 'DELETE' : 'UPDATE', sort };
    }
  }
}

const EXPLAINABLE = new Set(['find', 'aggregate', 'count', 'distinct', 'update', 'delete', 'findAndModify', 'findandmodify']);

async function explain(cmd: Document, ctx: CommandContext): Promise<Document> {
  const inner = cmd.explain;
  if (!isPlainDoc(inner)) throw new MongoError(Codes.FailedToParse, 'explain command requires a nested object');
  const name = Object.keys(inner)[0] ?? '';
  if (!EXPLAINABLE.has(name)) throw new MongoError(Codes.CommandNotFound, `Explain failed due to unknown command: ${name}`);
  const verbosity: Verbosity = ['queryPlanner', 'executionStats'].includes(cmd.verbosity) ? cmd.verbosity : 'allPlansExecution';
  if (name === 'aggregate') return explainAggregate(inner, verbosity, ctx);
  const coll = collectionName(inner);
  if (name === 'find') return finish(planReport(findQuery(inner).query, verbosity, ctx, coll), inner, verbosity, ctx);
  const { filter, wrap, sort } = filterOf(name, inner);
  const report = planReport({ filter, ...(sort ? { sort } : {}) }, verbosity, ctx, coll, wrap);
  return finish(report, inner, verbosity, ctx);
}

export const explainCommands: HandlerTable = { explain };
