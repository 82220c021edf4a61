// A 执行案件 record as FEEL sees it in monitoring rules and inspection criteria: its fields
// (caseNo, court, courtName, handler, filedAt, closedAt, closing, nodes) and four helpers —
//   hasNode("限高")                       a node of any of these types exists
//   nodeDates("传统查控")                 the dates of those nodes, earliest first
//   deadline("6个月 自 filedAt")          the instant the notation names (legal calendar)
//   lastDay("3个月 自 filedAt")           the 末日 of that period (a date)
// The notation is the platform's (server/calendar/NOTATION.md), computed with the holidays.
import type { HolidayCalendar } from '../calendar/types';
import { armDeadline } from '../engine/deadlines';
import { evaluate, toFeel, type CourtDirectory } from '../engine/feel';
import type { RecordInput } from './fields';

export interface FeelRecord extends RecordInput {
  courtName?: string;
}

export function recordVariables(r: FeelRecord, calendar: HolidayCalendar, now: Date): Record<string, unknown> {
  const plain = {
    caseNo: r.caseNo, court: r.court, courtName: r.courtName ?? null, handler: r.handler ?? null,
    filedAt: r.filedAt, closedAt: r.closedAt ?? null, closing: r.closing ?? null,
    nodes: r.nodes.map((n) => ({ type: n.type, date: n.date })),
  };
  const types = (args: unknown[]) => new Set(args.flat().map(String));
  const instant = (notation: unknown) => {
    if (typeof notation !== 'string') return null;
    try {
      return new Date(armDeadline(notation, { variables: plain, now, calendar }).dueAt);
    } catch {
      return null; // a missing base (no 结案日期 …): the expression sees null, not an error
    }
  };
  return {
    ...plain,
    hasNode: (...args: unknown[]) => { const t = types(args); return r.nodes.some((n) => t.has(n.type)); },
    nodeDates: (...args: unknown[]) => { const t = types(args); return toFeel(r.nodes.filter((n) => t.has(n.type)).map((n) => n.date).sort()); },
    deadline: (n: unknown) => { const at = instant(n); return at ? toFeel(at) : null; },
    lastDay: (n: unknown) => {
      const at = instant(n);
      return at ? toFeel(new Date(at.getTime() - 1 + 8 * 3600_000).toISOString().slice(0, 10)) : null;
    },
  };
}

/** Evaluates FEEL over a record; a syntax or runtime problem is a Chinese error the caller logs or shows. */
export function evalRecord(expr: string, vars: Record<string, unknown>, now: Date, courts?: CourtDirectory): unknown {
  return evaluate(expr, vars, { now, courts }).value;
}
