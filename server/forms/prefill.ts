// Prefill: a component can show case data read-only. The convention (server/forms/README.md):
//   { "key": "caseNo", "type": "textfield", "disabled": true,
//     "properties": { "prefill": "subject.enforcementCaseNo" } }
// GET /api/tasks/:id fills these values; on submit they are never taken from the client: the
// server's own values stand in during validation (so `required` and conditions see them) and
// are dropped from the stored data (the case already holds them).
import { walk, type Component } from './components';
import { readableInstant } from './dates';

/**
 * Figures of the supervision ledger for the case's supervising court and its jurisdiction, for
 * the year of the case variable `noticeYear` (the periodic 通报 case), else the current Beijing
 * year (server/ledger: assessmentFigures). Stored with the submission as a snapshot.
 */
export const LEDGER_FIGURES = ['criticisms', 'situationNotices', 'praises', 'urges', 'exclusions', 'exclusionList', 'lastThree', 'lastThreeList'] as const;

const SOURCE = new RegExp(
  `^(caseNo|supervisingCourt|supervisedCourt|task\\.(dueAt|name|openedAt|basis)|(subject|variables)\\.[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*|ledger\\.(${LEDGER_FIGURES.join('|')}))$`,
);

/** The ledger's figures for prefill: {figure: value} for a court's jurisdiction and a year. */
export type LedgerFigures = (court: string, year: number | undefined) => Promise<Record<string, unknown>>;

export const isPrefillSource = (s: unknown): s is string => typeof s === 'string' && SOURCE.test(s);

export const prefillSourceOf = (c: Component): string | undefined => {
  const p = c.properties?.prefill;
  return typeof p === 'string' && p ? p : undefined;
};

/** {component key: source} for every prefilled component of a schema. */
export function prefillFields(schema: { components?: unknown }): Map<string, string> {
  const out = new Map<string, string>();
  walk(schema, ({ component }) => {
    const source = prefillSourceOf(component);
    if (source && component.key) out.set(component.key, source);
  });
  return out;
}

export interface PrefillCase {
  caseNo?: string;
  supervisingCourt?: string;
  supervisedCourt?: string;
  subject?: Record<string, unknown> | null;
  variables?: Record<string, unknown>;
}
export interface PrefillTask {
  name?: string;
  dueAt?: Date | string | null;
  openedAt?: Date | string | null;
  basis?: string;
}

/** The values to show: {component key: value}; unknown or empty sources are left out. */
export async function resolvePrefill(
  schema: { components?: unknown },
  c: PrefillCase,
  task: PrefillTask,
  courtName: (code: string) => Promise<string | undefined> = async () => undefined,
  ledger?: LedgerFigures,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let figures: Record<string, unknown> | undefined;
  const dateFields = new Set<string>();
  walk(schema, ({ component }) => {
    if (component.type === 'datetime' && component.key) dateFields.add(component.key);
  });
  for (const [key, source] of prefillFields(schema)) {
    if (source.startsWith('ledger.')) {
      const year = typeof c.variables?.noticeYear === 'number' ? c.variables.noticeYear : undefined;
      figures ??= ledger && c.supervisingCourt ? await ledger(c.supervisingCourt, year) : {};
      if (figures[source.slice(7)] !== undefined) out[key] = figures[source.slice(7)];
      continue;
    }
    const value = await valueOf(source, c, task, courtName);
    if (value === undefined || value === null) continue;
    // A date component takes the instant; a text field shows it as a court writes it
    // (`2026年12月17日 24:00`), never as `2026-12-16T16:00:00.000Z`.
    const at = value instanceof Date ? value : source.startsWith('task.') && typeof value === 'string' && !Number.isNaN(Date.parse(value)) && source !== 'task.name' && source !== 'task.basis' ? new Date(value) : null;
    out[key] = !at ? value : dateFields.has(key) ? at.toISOString() : readableInstant(at, source === 'task.dueAt');
  }
  return out;
}

async function valueOf(source: string, c: PrefillCase, task: PrefillTask, courtName: (code: string) => Promise<string | undefined>) {
  if (source === 'caseNo') return c.caseNo;
  if (source === 'supervisingCourt' || source === 'supervisedCourt') {
    const code = c[source];
    return code ? ((await courtName(code)) ?? code) : undefined;
  }
  const [head, ...path] = source.split('.');
  if (head === 'task') return task[path[0] as keyof PrefillTask];
  let v: unknown = head === 'subject' ? c.subject : c.variables;
  for (const p of path) v = v && typeof v === 'object' && Object.hasOwn(v, p) ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}
