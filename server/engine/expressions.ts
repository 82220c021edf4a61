// FEEL instead of bpmn-engine's `${}` resolver (no operators: `${a > 100}` is undefined and the
// flow is silently not taken) and instead of JavaScript (script tasks and language="js"
// conditions run in node:vm and can reach `process`).
//
// How bpmn-elements evaluates a condition: SequenceFlow.getCondition() asks
// environment.getScript(language, flow) first; without a script it builds an
// ExpressionCondition that calls environment.resolveExpression(body). resolveExpression is also
// used for message/signal/error names and called elements, which are literal strings, so the
// FEEL hook sits on getCondition itself and resolveExpression never interpolates anything.
import { SequenceFlow } from 'bpmn-elements';
import { evaluate, evaluateCondition, fromFeel } from './feel';
import { isFeelRef, resolveLoopExpression } from './multiInstance';
import { runtimeOf } from './runtime';

interface FlowBase {
  id: string;
  environment: unknown;
  behaviour: { conditionExpression?: { body?: string; language?: string } };
  emitFatal(err: Error, content: unknown): unknown;
  createMessage(override?: unknown): unknown;
}

const Flow = SequenceFlow as unknown as new (flowDef: unknown, context: unknown) => FlowBase;

type Callback = (err: Error | null, result?: boolean) => unknown;

/** Flows already discarded during the current command (one runtime per command). */
const discardedFlows = new WeakMap<object, Set<string>>();

export class FeelSequenceFlow extends Flow {
  /**
   * Dead-path elimination once per flow per command. bpmn-elements sends a discard down every
   * flow a gateway did not take and on along every path behind it, separately for each path
   * (until the path loops back on itself): on a diagram with a few merges and loops that is
   * thousands of redundant discards and a second per command. Each target needs a flow's
   * discard once — a parallel join counts each incoming flow once anyway — so repeats stop here.
   */
  discard(content?: unknown): unknown {
    const rt = runtimeOf(this.environment) as object;
    let seen = discardedFlows.get(rt);
    if (!seen) discardedFlows.set(rt, (seen = new Set()));
    if (seen.has(this.id)) return undefined;
    seen.add(this.id);
    return (Flow.prototype as unknown as { discard(c?: unknown): unknown }).discard.call(this, content);
  }

  getCondition(): { type: string; execute(message: unknown, callback?: Callback): unknown } | null {
    const ce = this.behaviour.conditionExpression;
    if (!ce) return null;
    if (ce.language || !ce.body?.trim()) {
      const why = ce.language ? `不得指定脚本语言 language="${ce.language}"` : '条件为空';
      return this.emitFatal(new Error(`顺序流 ${this.id} 的条件${why}`), this.createMessage()) as null;
    }
    const flow = this;
    const body = ce.body;
    return {
      type: 'feel',
      execute(_message: unknown, callback?: Callback) {
        let result = false;
        try {
          const rt = runtimeOf(flow.environment);
          const r = evaluateCondition(body, rt.variables, { now: rt.now, courts: rt.courts });
          for (const w of r.warnings) rt.emit('expressionWarning', flow.id, { expression: body, warning: w });
          result = r.value;
        } catch (err) {
          const named = new Error(`顺序流 ${flow.id} 的条件：${(err as Error).message}`);
          if (callback) return callback(named);
          throw named;
        }
        return callback ? callback(null, result) : result;
      },
    };
  }
}

/**
 * The `expressions` option. Strings are literal; only a leading `=` (Camunda 8 style) marks
 * FEEL, e.g. a multi-instance collection `=courts`. `${…}` is never interpolated.
 */
export const feelExpressions = {
  resolveExpression(expression: unknown, context?: { environment?: unknown; content?: Record<string, unknown> }): unknown {
    if (isFeelRef(expression)) return resolveLoopExpression(expression, context ?? {});
    if (typeof expression !== 'string' || !expression.trimStart().startsWith('=')) return expression;
    const rt = runtimeOf(context?.environment);
    return fromFeel(evaluate(expression, rt.variables, { now: rt.now, courts: rt.courts }).value);
  },
  isExpression(text: unknown): boolean {
    return typeof text === 'string' && text.trimStart().startsWith('=');
  },
  hasExpression(text: unknown): boolean {
    return typeof text === 'string' && text.trimStart().startsWith('=');
  },
};

/** The `scripts` option: nothing is ever registered, so no JavaScript ever runs. */
export const noScripts = {
  register(): undefined {
    return undefined;
  },
  getScript(): undefined {
    return undefined;
  },
};
