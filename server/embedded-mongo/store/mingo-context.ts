// The operator tables mingo evaluates with. Built by hand because mingo's own merging
// (Context.from) keeps the FIRST definition of an operator, so ours could not override its
// comparison operators, $match, $sort or $lookup that way.
import { Context } from 'mingo';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';

type Ops = Record<string, unknown>;

export function mingoContext(overrides: { query?: Ops; pipeline?: Ops }): Context {
  return Context.init({
    accumulator,
    expression,
    projection,
    query: { ...query, ...overrides.query } as never,
    pipeline: { ...pipeline, ...overrides.pipeline } as never,
  });
}
