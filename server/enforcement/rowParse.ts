// One row (or one JSON record) → a record, or the reasons it cannot be one, in Chinese, each
// naming its column. Pure: the courts the importer may write for are given.
import { parseDay, beijingDay } from './dates';
import {
  DATE_FIELDS, MAX_CELL, NODE_TYPES, RECORD_FIELDS, REQUIRED_FIELDS, normalizeClosing,
  type ColumnMapping, type NodeType, type RecordField, type RecordInput, type RecordNode,
} from './fields';

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export interface CourtLookup {
  /** By code or by full name (海口市琼山区人民法院). */
  find(codeOrName: string): { code: string; name: string } | undefined;
  /** The importer may write records of this court (its own or a court below it). */
  reachable(code: string): boolean;
}

/** A cell as exceljs or the CSV reader gives it → text, or a problem (formula, error, too long). */
export function cellText(value: unknown): { text?: string; date?: Date; problem?: string } {
  if (value === null || value === undefined) return {};
  if (value instanceof Date) return { date: value };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (typeof value === 'string') return value.length > MAX_CELL ? { problem: `内容超过 ${MAX_CELL} 字（${value.length} 字），不予导入` } : { text: value.trim() };
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A formula's cached result is whatever the last program that saved the file computed:
    // not evidence of a date. The court must export values.
    if ('formula' in v || 'sharedFormula' in v) return { problem: '单元格是公式，请将公式转换为数值后再导入' };
    if ('error' in v) return { problem: `单元格是错误值 ${String(v.error)}` };
    if (Array.isArray(v.richText)) return cellText((v.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('text' in v) return cellText(v.text);
  }
  return { problem: '无法识别的单元格内容' };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * `get(column)` reads a raw cell by column title. Returns the record, or its problems.
 * `today` (Beijing) bounds dates: an export cannot record a 结案 in the future.
 */
export function parseRow(
  row: number, get: (column: string) => unknown, mapping: ColumnMapping, courts: CourtLookup, today: string,
): { record?: RecordInput; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const out: Partial<Record<RecordField, string>> = {};
  const text = (column: string): { text?: string; date?: Date } | undefined => {
    const c = cellText(get(column));
    if (c.problem) return void problems.push({ row, column, reason: c.problem });
    if (c.text !== undefined && CONTROL.test(c.text)) return void problems.push({ row, column, reason: '含有控制字符或文字方向控制符' });
    return c;
  };
  for (const field of Object.keys(RECORD_FIELDS) as RecordField[]) {
    const column = mapping.fields[field];
    const c = text(column);
    if (!c) continue;
    if (c.date === undefined && !c.text) {
      if (REQUIRED_FIELDS.includes(field)) problems.push({ row, column, reason: `缺少${RECORD_FIELDS[field]}` });
      continue;
    }
    if (DATE_FIELDS.includes(field)) {
      const d = parseDay(c.date ?? c.text);
      if ('problem' in d) problems.push({ row, column, reason: d.problem });
      else if (d.day > today) problems.push({ row, column, reason: `${RECORD_FIELDS[field]} ${d.day} 晚于今天（${today}）` });
      else out[field] = d.day;
    } else {
      out[field] = c.text ?? c.date!.toISOString().slice(0, 10);
    }
  }
  if (out.court) {
    const court = courts.find(out.court);
    if (!court) problems.push({ row, column: mapping.fields.court, reason: `未知的执行法院「${out.court}」（应为法院全称或代码）` });
    else if (!courts.reachable(court.code)) problems.push({ row, column: mapping.fields.court, reason: `「${court.name}」不是本院或本院辖区的法院，不能导入其案件` });
    else out.court = court.code;
  }
  if (out.closing) out.closing = normalizeClosing(out.closing);
  if (out.closedAt && out.filedAt && out.closedAt < out.filedAt) {
    problems.push({ row, column: mapping.fields.closedAt, reason: `结案日期 ${out.closedAt} 早于立案日期 ${out.filedAt}` });
  }
  if (out.closedAt && !out.closing) problems.push({ row, column: mapping.fields.closing, reason: '已填结案日期，缺少结案方式' });
  const nodes: RecordNode[] = [];
  for (const type of NODE_TYPES) {
    const column = mapping.nodes[type];
    const c = text(column);
    if (!c || (c.date === undefined && !c.text)) continue;
    const parts = c.date ? [c.date] : c.text!.split(/[；;、，,\n]+/).map((s) => s.trim()).filter(Boolean);
    for (const part of parts) {
      const d = parseDay(part);
      if ('problem' in d) problems.push({ row, column, reason: `${type}节点日期${d.problem}` });
      else if (d.day > today) problems.push({ row, column, reason: `${type}节点日期 ${d.day} 晚于今天` });
      else nodes.push({ type, date: d.day });
    }
  }
  if (problems.length) return { problems };
  nodes.sort((a, b) => a.type.localeCompare(b.type) || a.date.localeCompare(b.date));
  return {
    problems,
    record: {
      caseNo: out.caseNo!, court: out.court!, filedAt: out.filedAt!, nodes: dedupe(nodes),
      ...(out.handler ? { handler: out.handler } : {}),
      ...(out.closedAt ? { closedAt: out.closedAt } : {}),
      ...(out.closing ? { closing: out.closing } : {}),
    },
  };
}

function dedupe(nodes: RecordNode[]): RecordNode[] {
  return nodes.filter((n, i) => i === 0 || n.type !== nodes[i - 1].type || n.date !== nodes[i - 1].date);
}

/** A JSON feed's record: the same checks, fields by their FEEL names, nodes as [{type, date}]. */
export function parseFeedRecord(index: number, raw: unknown, courts: CourtLookup, now: Date): { record?: RecordInput; problems: RowProblem[] } {
  const row = index + 1;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [{ row, column: '', reason: '每条记录应为对象' }] };
  const r = raw as Record<string, unknown>;
  const problems: RowProblem[] = [];
  const nodeCells: Partial<Record<NodeType, string[]>> = {};
  if (r.nodes !== undefined) {
    if (!Array.isArray(r.nodes) || r.nodes.length > 500) problems.push({ row, column: 'nodes', reason: '节点应为列表（至多 500 个）' });
    else r.nodes.forEach((n, i) => {
      const o = (n ?? {}) as Record<string, unknown>;
      if (!NODE_TYPES.includes(o.type as NodeType)) problems.push({ row, column: `nodes[${i}].type`, reason: `节点类型应为：${NODE_TYPES.join('、')}` });
      else (nodeCells[o.type as NodeType] ??= []).push(String(o.date ?? ''));
    });
  }
  // Field names are their own column titles here: the report names what the feed sent.
  const mapping: ColumnMapping = {
    fields: Object.fromEntries(Object.keys(RECORD_FIELDS).map((k) => [k, k])) as ColumnMapping['fields'],
    nodes: Object.fromEntries(NODE_TYPES.map((t) => [t, `nodes.${t}`])) as ColumnMapping['nodes'],
  };
  const get = (column: string) => {
    if (column.startsWith('nodes.')) return nodeCells[column.slice(6) as NodeType]?.join('；');
    const v = r[column];
    return typeof v === 'string' || v === undefined || v === null ? v : typeof v === 'number' ? String(v) : { error: '类型不符' };
  };
  const parsed = parseRow(row, get, mapping, courts, beijingDay(now));
  return { ...parsed, problems: [...problems, ...parsed.problems] };
}
