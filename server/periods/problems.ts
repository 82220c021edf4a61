// Coverage as import warnings (docs/PACKAGES.md "导入时的检查"): a period neither bound nor
// explained, a parameter that says another period than its article without a recorded reason,
// and a decision that names nothing. Warnings, not problems: a province may import a package it
// is still accounting for, and the package view lists what is open.
import type { Articles, Manifest } from '../packages/manifest.schema';
import type { PackageProblem } from '../packages/types';
import { periodCoverage } from './coverage';

export function coverageWarnings(manifest: Manifest, articles: Articles, elements?: { id: string; process?: string }[]): PackageProblem[] {
  const c = periodCoverage(manifest, articles, elements);
  const out: PackageProblem[] = [];
  for (const p of c.periods) {
    if (p.status !== 'open') continue;
    out.push({
      file: 'articles.json', code: 'PERIOD_UNCOVERED',
      message: `${p.document} ${p.no}「${p.phrase}」（${p.meaning}）没有参数执行，也没有说明：请在 manifest.json 的 periods 中写明由哪个参数或元素执行（enforcedBy），或为何不由平台执行（status：非程序性 / 平台无法执行，及 reason）。原文：${p.sentence}`,
    });
  }
  for (const f of c.flags) {
    if (f.reason) continue;
    out.push({
      file: 'manifest.json', field: `parameters[${f.index}]`, code: 'PERIOD_MISMATCH',
      message: `参数「${f.label}」（${f.parameter}）的期限「${f.value}」与所依据条文（${f.basis}）所定的期限（${f.stated.map((s) => s.phrase).join('、')}）不同，且没有记录理由：请在 manifest.json 的 periods 中加 {"parameter": "${f.parameter}", "reason": "…"}`,
    });
  }
  for (const s of c.stale) out.push({ file: 'manifest.json', field: `periods[${s.index}]`, code: 'PERIOD_DECISION', message: `manifest.json 的 periods[${s.index}]：${s.message}` });
  return out;
}
