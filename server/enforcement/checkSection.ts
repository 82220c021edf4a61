// Package checks of the manifest's `enforcement` section, run with the other import checks
// (server/packages/validatePackage.ts): processes named exist in the package, FEEL parses and
// names only the record's fields and helpers, `at` notations parse.
import { parseDeadline } from '../calendar';
import { checkExpression } from '../engine/feel';
import type { EnforcementSection } from './rules.schema';

/** What FEEL in a rule or criterion may name (recordFeel.ts). */
export const RECORD_NAMES = ['caseNo', 'court', 'courtName', 'handler', 'filedAt', 'closedAt', 'closing', 'nodes', 'hasNode', 'nodeDates', 'deadline', 'lastDay', 'courtLevel', 'parentCourt', 'now', 'today'];

export function checkEnforcementSection(m: { processes: { key: string }[]; enforcement?: EnforcementSection }) {
  const problems: { file: string; field: string; code: string; message: string }[] = [];
  if (!m.enforcement) return problems;
  const keys = new Set(m.processes.map((p) => p.key));
  const add = (field: string, message: string) => problems.push({ file: 'manifest.json', field, code: 'ENFORCEMENT', message: `manifest.json 的 ${field}：${message}` });
  const feel = (field: string, expr: string | undefined, names = RECORD_NAMES) => {
    if (!expr) return;
    const r = checkExpression(expr, names);
    for (const e of [...r.errors, ...r.warnings]) add(field, e.message);
  };
  m.enforcement.rules.forEach((r, i) => {
    const f = `enforcement.rules[${i}]`;
    if (!keys.has(r.process)) add(`${f}.process`, `流程「${r.process}」不在本包 processes 中`);
    if (r.at) {
      try { parseDeadline(r.at); } catch (err) { add(`${f}.at`, (err as Error).message); }
    }
    feel(`${f}.when`, r.when);
    feel(`${f}.supervisingCourt`, r.supervisingCourt);
    feel(`${f}.supervisedCourt`, r.supervisedCourt);
    for (const [k, v] of Object.entries(r.data ?? {})) feel(`${f}.data.${k}`, v);
  });
  const ids = new Set<string>();
  m.enforcement.rules.forEach((r, i) => { if (ids.has(r.id)) add(`enforcement.rules[${i}].id`, `规则 id「${r.id}」重复`); ids.add(r.id); });
  m.enforcement.inspections.forEach((s, i) => {
    const f = `enforcement.inspections[${i}]`;
    if (!keys.has(s.process)) add(`${f}.process`, `流程「${s.process}」不在本包 processes 中`);
    s.criteria.forEach((c, j) => { feel(`${f}.criteria[${j}].decide`, c.decide); feel(`${f}.criteria[${j}].evidence`, c.evidence); });
    // `passed` reads the closed inspection case's variables (its forms' data): names are not known here.
    const syntax = checkExpression(s.passed).errors;
    for (const e of syntax) add(`${f}.passed`, e.message);
  });
  return problems;
}
