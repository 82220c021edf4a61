// Server-side validation of a task's submission (DESIGN.md decision 7, FINDINGS.md Form.io):
// Form.io's own process() (required, lengths, patterns, conditions, calculations, unknown keys
// dropped, hidden conditional values cleared) plus our strict type check; every problem comes
// back as one Chinese entry per field. The result is the cleaned data, nothing else.
import {
  DefaultEvaluator, process as formioProcess, Processors, registerEvaluator, rules, serverRules, type FieldError,
} from '@formio/core';
import { unprocessable, type ErrorDetail } from '../http/errors';
import { isObject, labelOf, walk, type Component, type FormSchema } from './components';
import { zhMessage } from './messages.zh';
import { normalizeSchema } from './normalize';
import { prefillFields } from './prefill';
import { strictCheck, type FileRef } from './strict';

/**
 * Defence in depth: the save policy refuses JavaScript, and on top of that this process never
 * compiles a string from a form into a function. JSONLogic (objects) still evaluates.
 */
class NoScriptEvaluator extends DefaultEvaluator {
  override evaluator(func: unknown): any {
    return typeof func === 'function' ? func : () => undefined;
  }
}
registerEvaluator(new NoScriptEvaluator());

export interface SubmissionContext {
  /** Server-side values of prefilled components: they replace whatever the client sent. */
  prefill?: Record<string, unknown>;
}
export interface ValidatedSubmission {
  data: Record<string, unknown>;
  /** Attachment references by field, for the caller to check against the attachment store. */
  files: { field: string; label: string; refs: FileRef[] }[];
}

/** No form nests this deep; a deeper submission would overflow the stack when copied (probe IN-06). */
const MAX_DEPTH = 32;
function deeperThan(v: unknown, max: number): boolean {
  if (max < 0) return true;
  if (!v || typeof v !== 'object') return false;
  return Object.values(v).some((x) => deeperThan(x, max - 1));
}

export async function validateSubmission(
  rawSchema: FormSchema,
  submitted: unknown,
  ctx: SubmissionContext = {},
): Promise<ValidatedSubmission> {
  if (!isObject(submitted)) throw unprocessable('表单数据必须是对象', [{ field: 'data', message: '格式不正确' }]);
  if (deeperThan(submitted, MAX_DEPTH)) {
    throw unprocessable(`表单数据嵌套超过 ${MAX_DEPTH} 层`, [{ field: 'data', message: '嵌套过深' }]);
  }
  const schema = normalizeSchema(rawSchema);
  const prefilled = prefillFields(schema);
  const input: Record<string, unknown> = JSON.parse(JSON.stringify(submitted));
  for (const key of prefilled.keys()) {
    if (ctx.prefill && key in ctx.prefill) input[key] = ctx.prefill[key];
    else delete input[key];
  }

  const context: any = {
    form: schema,
    submission: { data: structuredClone(input) },
    components: schema.components,
    data: structuredClone(input),
    processors: Processors,
    rules: [...rules, ...serverRules],
    scope: {},
    config: { server: true },
  };
  let processed = true;
  try {
    await formioProcess(context);
  } catch {
    processed = false; // malformed shapes: the strict check below names the field
  }
  const hidden = new Set<string>(
    (context.scope.conditionals ?? []).filter((c: any) => c.conditionallyHidden).map((c: any) => c.path),
  );
  const strict = strictCheck(schema.components, input, { hidden: (p) => hidden.has(p), skipKeys: new Set(prefilled.keys()) });

  const details = new Map<string, ErrorDetail>();
  for (const i of strict.issues) details.set(i.field, { ...i });
  if (processed) {
    const labels = labelsByKey(schema);
    for (const e of (context.scope.errors ?? []) as FieldError[]) {
      const path = String(e.context.path ?? e.context.component?.key);
      // One entry per field: a field (or the row holding it) already named by the type check wins.
      if ([...details.keys()].some((d) => path === d || path.startsWith(`${d}.`) || path.startsWith(`${d}[`))) continue;
      const key = e.context.component?.key ?? path;
      const label = labels.get(key) ?? key;
      details.set(path, { field: path, label, message: zhMessage(e.errorKeyOrMessage, e.context as Record<string, unknown>, label) });
    }
  } else if (!details.size) {
    details.set('data', { field: 'data', label: '表单', message: '表单数据的结构与表单不符' });
  }
  if (details.size) throw unprocessable(`表单有 ${details.size} 处需要修改`, [...details.values()]);

  const data: Record<string, unknown> = context.data;
  for (const [path, value] of strict.fixes) setPath(data, path, value);
  // Case data is held by the case; a ledger figure is a snapshot of the ledger when the form
  // was submitted, so it is stored with it (the diagram's conditions read it, e.g. exclusions).
  for (const [key, source] of prefilled) {
    if (source.startsWith('ledger.') && key in input) data[key] = input[key];
    else delete data[key];
  }
  walk(schema, ({ component: c, inRow }) => {
    if (c.type === 'button' && c.key && !inRow) delete data[c.key];
  });
  return { data, files: strict.files };
}

function labelsByKey(schema: FormSchema): Map<string, string> {
  const out = new Map<string, string>();
  walk(schema, ({ component }: { component: Component }) => {
    if (component.key) out.set(component.key, labelOf(component));
  });
  return out;
}

/** Sets `rows[0].d` style paths; only where the cleaned data still has the parent. */
function setPath(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  let at: any = target;
  for (let i = 0; i < parts.length - 1; i++) {
    at = at?.[parts[i]];
    if (at === undefined || at === null) return;
  }
  const last = parts[parts.length - 1];
  if (at && typeof at === 'object' && last in at) at[last] = value;
}
