// What a parameter's value must be, by its declared kind (manifest `parameters[].kind`):
//   date   a fixed date, as the regulation writes it — 6月10日前, 2018年3月底前, 2018-03-31 — or a
//          届满前N日 warning / 逾期N天 of one (期限一览 shows and edits it as a date);
//   cycle  a recurring occurrence — 每个工作日 9:00, 每季度首月10日前 (server/calendar/cycle.ts);
//   period (or absent) any deadline notation.
import { parseCycle } from '../calendar/cycle';
import { parseDeadline } from '../calendar/notation';
import type { DeadlineSpec } from '../calendar/types';

export const PARAMETER_KINDS = ['period', 'date', 'cycle'] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

const isDate = (s: DeadlineSpec): boolean => s.kind === 'date' || ((s.kind === 'warning' || s.kind === 'overdue') && isDate(s.of));

/** Why `value` does not fit `kind` (Chinese), or undefined when it does. */
export function parameterKindProblem(kind: ParameterKind | undefined, value: string): string | undefined {
  try {
    if (kind === 'cycle') {
      parseCycle(value);
      return undefined;
    }
    if (kind === 'date' && !isDate(parseDeadline(value))) {
      return `「${value}」不是固定日期：应写作 6月10日前、2018年3月底前、2018-03-31，或 届满前10日预警 6月10日前`;
    }
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
