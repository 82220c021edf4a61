// A supervision-ledger entry declared on a diagram element (issue 15): Camunda "Extension
// properties" (properties panel → Extension properties) named `ledger.<field>`, each body FEEL
// over the case variables — data, never code. When the element completes (a user task once its
// form is stored, an end or throw event when reached) the adapter evaluates them and emits one
// `ledgerEntry` event, which the cases service writes in the same guarded update as the step
// (DESIGN.md decision 2). server/ledger/README.md documents the fields.
import { evaluate, fromFeel } from './feel';
import type { Variables } from './types';

export const LEDGER_FIELDS = {
  kind: '类别（通报批评、情况通报、表扬、约谈、追责、评查、考核、季度通报）',
  court: '被记载的法院（法院代码，或法院代码列表）',
  unit: '被记载的单位：法院 或 执行局（缺省：法院）',
  persons: '被记载的个人：[{name, court, role}] 或 姓名',
  issuer: '作出的法院（缺省：supervisingCourt）',
  reason: '事由',
  period: '期间（如 2026-Q1；缺省：年度）',
  grade: '评查等次（优秀、良好、合格、不合格）',
  score: '考核分数',
} as const;
export type LedgerField = keyof typeof LEDGER_FIELDS;
export const REQUIRED_LEDGER_FIELDS: LedgerField[] = ['kind', 'court'];
const PREFIX = 'ledger.';

interface Named { $type?: string; name?: string; value?: string; values?: Named[] }

/** The element's `ledger.*` properties as {field: FEEL}; empty when it writes no entry. */
export function readLedgerSpec(behaviour: Record<string, unknown> | undefined): Record<string, string> {
  const values = ((behaviour?.extensionElements as { values?: Named[] } | undefined)?.values ?? []);
  const out: Record<string, string> = {};
  for (const v of values) {
    if (v.$type !== 'camunda:Properties') continue;
    for (const p of v.values ?? []) {
      if (p.name?.startsWith(PREFIX)) out[p.name.slice(PREFIX.length)] = (p.value ?? '').trim();
    }
  }
  return out;
}

/** Evaluates the declared fields; a value FEEL cannot give fails the command (nothing saved). */
export function evaluateLedgerSpec(spec: Record<string, string>, rt: { variables: Variables; now: Date }, element: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [field, expr] of Object.entries(spec)) {
    const r = evaluate(expr, rt.variables, { now: rt.now });
    const value = fromFeel(r.value);
    if (value !== null && value !== undefined && value !== '') data[field] = value;
  }
  for (const f of REQUIRED_LEDGER_FIELDS) {
    if (data[f] === undefined) throw new Error(`元素 ${element} 的台账记载缺少「${LEDGER_FIELDS[f]}」（ledger.${f} = ${spec[f] ?? '未设置'}）`);
  }
  if (data.issuer === undefined && typeof rt.variables.supervisingCourt === 'string') data.issuer = rt.variables.supervisingCourt;
  return data;
}
