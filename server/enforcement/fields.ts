// The vocabulary of 执行案件 records (issue 16): the fields every province's 执行案件流程信息管理系统
// exports, under the names packages use in FEEL (caseNo, court, filedAt …) and the Chinese
// column titles a court's export carries. Node types are the 流程节点 the regulations name.

/** Record fields: FEEL name → default column title. */
export const RECORD_FIELDS = {
  caseNo: '案号',
  court: '执行法院',
  handler: '承办人',
  filedAt: '立案日期',
  closedAt: '结案日期',
  closing: '结案方式',
} as const;
export type RecordField = keyof typeof RECORD_FIELDS;
export const REQUIRED_FIELDS: RecordField[] = ['caseNo', 'court', 'filedAt'];
export const DATE_FIELDS: RecordField[] = ['filedAt', 'closedAt'];

/**
 * 流程节点 with dates. 首次查控 / 总对总查控 / 传统查控 are the 财产调查 nodes (山东 一.3 "财产调查",
 * 云南 二.(三)1 (2)(4)); a cell may hold several dates (传统查控 is done more than once).
 */
export const NODE_TYPES = ['首次查控', '总对总查控', '传统查控', '限高', '评估', '拍卖', '终本约谈', '裁定送达'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export const PROPERTY_INVESTIGATION: NodeType[] = ['首次查控', '总对总查控', '传统查控'];

/** 结案方式 as the 最高法 statistics name them; 终本 = 终结本次执行程序. */
export const CLOSINGS = ['执行完毕', '终本', '终结', '不予执行', '驳回申请', '销案', '移送破产'] as const;
const CLOSING_ALIASES: Record<string, string> = { 终结本次执行程序: '终本', 终结执行: '终结', 实际执行完毕: '执行完毕' };
export const normalizeClosing = (s: string) => CLOSING_ALIASES[s] ?? s;

/** Longest text accepted in a cell (案号, 承办人 …): anything longer is a broken or hostile export. */
export const MAX_CELL = 200;

export interface RecordNode {
  type: NodeType;
  date: string; // YYYY-MM-DD, Beijing calendar date
}

/** What an import or a feed says about one 执行案件. */
export interface RecordInput {
  caseNo: string;
  court: string;
  handler?: string;
  filedAt: string;
  closedAt?: string;
  closing?: string;
  nodes: RecordNode[];
}

/** A province's saved column mapping: field / node type → the column title its export uses. */
export interface ColumnMapping {
  fields: Record<RecordField, string>;
  nodes: Record<NodeType, string>;
}

export function defaultMapping(): ColumnMapping {
  return {
    fields: { ...RECORD_FIELDS },
    nodes: Object.fromEntries(NODE_TYPES.map((t) => [t, t])) as Record<NodeType, string>,
  };
}
