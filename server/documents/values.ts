// What a template is filled with: the case (courts by name, 案号), the issuing act (who,
// when), and the bound task's form as the handler submitted it, each value written the way
// a document prints it (options by their labels, dates in Chinese, files by name).
import { walk, type Component, type FormSchema } from '../forms';
import { arabicDate, hanziDate } from './chineseDate';
import type { TemplateData } from './template/fill';

export interface IssueContext {
  kindName: string;
  issuerCourt: string; // names
  supervisingCourt: string;
  supervisedCourt: string;
  caseNo: string;
  subject?: Record<string, unknown> | null;
  issuerName: string;
  at: Date;
}

const text = (v: unknown): string =>
  v === undefined || v === null ? '' : Array.isArray(v) ? v.map(text).filter(Boolean).join('、') : typeof v === 'object' ? '' : String(v);

export function caseValues(c: IssueContext): TemplateData {
  return {
    文书名称: c.kindName,
    发文法院: c.issuerCourt,
    督办法院: c.supervisingCourt,
    被督办法院: c.supervisedCourt,
    督办案号: c.caseNo,
    执行案号: text(c.subject?.enforcementCaseNo),
    当事人: text(c.subject?.parties),
    成文日期: arabicDate(c.at),
    成文日期大写: hanziDate(c.at),
    承办人: c.issuerName,
  };
}

type Option = { label?: unknown; value?: unknown };
const optionsOf = (c: Component): Option[] =>
  (Array.isArray(c.values) ? c.values : Array.isArray((c.data as { values?: unknown })?.values) ? (c.data as { values: Option[] }).values : []) as Option[];
const labelFor = (c: Component, v: unknown) => {
  const hit = optionsOf(c).find((o) => o.value === v);
  return hit && typeof hit.label === 'string' ? hit.label : text(v);
};
const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v);

function formatted(c: Component, v: unknown): string | boolean {
  switch (c.type) {
    case 'checkbox':
      return v === true; // for {#key}…{/key}
    case 'selectboxes':
      return v && typeof v === 'object' ? Object.entries(v).filter(([, on]) => on === true).map(([k]) => labelFor(c, k)).join('、') : '';
    case 'radio':
    case 'select':
      return Array.isArray(v) ? v.map((x) => labelFor(c, x)).join('、') : v === undefined || v === null || v === '' ? '' : labelFor(c, v);
    case 'datagrid': {
      // One row per person or item: 「张三（执行局长）、李四」 — the first column, the rest in brackets.
      const cols = (c.components ?? []).filter((k) => k.key && k.input !== false);
      return (Array.isArray(v) ? v : []).map((row) => {
        const cells = cols.map((k) => formatted(k, (row as Record<string, unknown>)?.[k.key!])).filter((x): x is string => typeof x === 'string' && x !== '');
        return cells.length > 1 ? `${cells[0]}（${cells.slice(1).join('，')}）` : (cells[0] ?? '');
      }).filter(Boolean).join('、');
    }
    case 'file':
      return Array.isArray(v) ? v.map((f) => text((f as { name?: unknown })?.name)).filter(Boolean).join('、') : '';
    default:
      if (isDate(v)) {
        const d = new Date(String(v).length === 10 ? `${v}T00:00:00+08:00` : String(v));
        return Number.isNaN(d.getTime()) ? text(v) : arabicDate(d);
      }
      return text(v);
  }
}

/** {field key: printable value}: the submission first, then the case data the form showed. */
export function formValues(schema: FormSchema | Record<string, unknown>, data: Record<string, unknown>, prefill: Record<string, unknown>): TemplateData {
  const out: TemplateData = {};
  walk(schema as FormSchema, ({ component, inRow }) => {
    if (inRow || !component.key || component.input === false || component.type === 'button') return;
    const v = Object.hasOwn(data, component.key) ? data[component.key] : prefill[component.key];
    out[component.key] = formatted(component, v);
  });
  return out;
}
