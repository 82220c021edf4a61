// Every list the API serves has the same shape, {items, total, page, pageSize}, and the same
// query parameters: page (from 1), pageSize (1–100, default 20), sort (a field the list names)
// and order (asc | desc). Bad values answer 400 with the field named, never a silent default.
import { badRequest, type ErrorDetail } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest<S extends string> {
  page: number;
  pageSize: number;
  skip: number;
  sort: S;
  /** 1 ascending, -1 descending. */
  order: 1 | -1;
}

type Query = Record<string, unknown>;

/** One query parameter as a string ('' when absent); repeated parameters are refused. */
export function param(q: Query, name: string, problems: ErrorDetail[]): string {
  const v = q[name];
  if (v === undefined) return '';
  if (typeof v !== 'string') {
    problems.push({ field: name, message: '只能指定一个值' });
    return '';
  }
  return v.trim();
}

/**
 * Reads page, pageSize, sort and order. `sorts` maps each sortable field to its natural order
 * (the order used when none is given); the first is the default sort.
 */
export function pageRequest<S extends string>(q: Query, sorts: Record<S, 1 | -1>, problems: ErrorDetail[]): PageRequest<S> {
  const int = (name: string, dflt: number, min: number, max: number, message: string) => {
    const s = param(q, name, problems);
    if (!s) return dflt;
    const n = Number(s);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push({ field: name, message });
      return dflt;
    }
    return n;
  };
  const page = int('page', 1, 1, 1_000_000, '页码必须是正整数');
  const pageSize = int('pageSize', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, `每页条数必须是 1 到 ${MAX_PAGE_SIZE} 之间的整数`);
  const names = Object.keys(sorts) as S[];
  let sort = param(q, 'sort', problems) as S;
  if (!sort) sort = names[0];
  else if (!names.includes(sort)) {
    problems.push({ field: 'sort', message: `只能按 ${names.join('、')} 排序` });
    sort = names[0];
  }
  const o = param(q, 'order', problems);
  if (o && o !== 'asc' && o !== 'desc') problems.push({ field: 'order', message: 'order 只能是 asc 或 desc' });
  const order = o === 'asc' ? 1 : o === 'desc' ? -1 : sorts[sort];
  return { page, pageSize, skip: (page - 1) * pageSize, sort, order };
}

/** A date or date-time parameter (Beijing time when no zone is given); '' → undefined. */
export function dateParam(q: Query, name: string, problems: ErrorDetail[], endOfDay = false): Date | undefined {
  const s = param(q, name, problems);
  if (!s) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
  const d = new Date(dateOnly ? `${s}T00:00:00+08:00` : s);
  if (Number.isNaN(d.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(s)) {
    problems.push({ field: name, message: '日期格式应为 YYYY-MM-DD' });
    return undefined;
  }
  // "to 2026-03-31" includes the whole day.
  return dateOnly && endOfDay ? new Date(d.getTime() + 86_400_000 - 1) : d;
}

export function throwIfProblems(problems: ErrorDetail[]): void {
  if (problems.length) throw badRequest('查询条件不正确', problems);
}

/** Text typed into a search box, matched as a substring (never as a pattern). */
export function containing(text: string): RegExp {
  return new RegExp(text.slice(0, 100).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
