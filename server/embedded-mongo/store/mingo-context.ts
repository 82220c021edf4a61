// The operator tables mingo evaluates with. Built by hand because mingo's own merging
// (Context.from) keeps the FIRST definition of an operator, so ours could not override its
// comparison operators, $match, $sort or $lookup that way.
import { Context } from 'mingo';
import * as accumulator from 'mingo/operators/accumulator';
import * as expression from 'mingo/operators/expression';
import * as pipeline from 'mingo/operators/pipeline';
import * as projection from 'mingo/operators/projection';
import * as query from 'mingo/operators/query';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';

type Ops = Record<string, unknown>;

let captured: Options | undefined;
const CAPTURE = '$__dubanCaptureOptions'; // never reachable from user filters (validateFilter)

export function mingoContext(overrides: { query?: Ops; pipeline?: Ops }): Context {
  const capture = (_field: string, _value: unknown, options: Options) => {
    captured = options;
    return () => true;
  };
  return Context.init({
    accumulator,
    expression,
    projection,
    query: { ...query, ...overrides.query, [CAPTURE]: capture } as never,
    pipeline: { ...pipeline, ...overrides.pipeline } as never,
  });
}

/**
 * Options mingo can reuse. Given plain options, mingo copies every operator table (hundreds
 * of operators) on each `new Query()` — 20 µs per query. A ComputeOptions instance is reused
 * as is, but that class is not exported: a probe query hands us the one it built.
 */
export function reusableOptions(options: Partial<Options>): Options {
  captured = undefined;
  new Query({ x: { [CAPTURE]: 1 } }, options);
  if (!captured) throw new Error('mingo did not pass its options to a query operator');
  return captured;
}
