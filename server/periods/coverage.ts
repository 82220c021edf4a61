// Coverage of a package: every period its articles state is bound to the parameters (and so
// the elements) that enforce it, or explained by the administrator; a parameter whose article
// states another period is flagged until a reason is recorded. Pure: the browser's workspace
// computes the same figure on a draft as the server does on import (README.md).
import { describePeriod, type Found } from '../calendar/extract';
import { WINDOWS } from '../calendar/derived';
import { namedDateOf } from '../calendar/namedDates';
import { parseDeadline } from '../calendar/notation';
import type { DeadlineSpec } from '../calendar/types';
import { parseCitations } from '../packages/citations';
import type { Articles } from '../packages/citations';
import type { PeriodDecision, PeriodsManifest } from './types';
import { articlePeriods, sameArticle, type ArticlePeriod } from './articles';

type Parameter = PeriodsManifest['parameters'][number];
type Decision = PeriodDecision;
type ByPeriod = Extract<Decision, { period: string }>;

export interface Binding {
  /** The parameter that carries the deadline, when it is one. */
  parameter?: string;
  label?: string;
  value?: string;
  element: string;
  process?: string;
  /** auto: the parameter cites the article and says the same period; decision: bound by hand. */
  how: 'auto' | 'decision';
}

export interface PeriodCoverage {
  key: string;
  document: string;
  no: string;
  phrase: string;
  kind: Found['kind'];
  relation: Found['relation'];
  /** 5个工作日, 届满前10日, 每季度 … */
  meaning: string;
  sentence: string;
  /** Offset of the phrase in the article's text (for highlighting). */
  index: number;
  status: 'bound' | 'explained' | 'open';
  bindings: Binding[];
  decision?: { status?: string; reason: string };
}

export interface ParameterFlag {
  parameter: string;
  index: number;
  label: string;
  value: string;
  basis: string;
  /** The periods the cited articles state, none of which the parameter says. */
  stated: { key: string; phrase: string }[];
  reason?: string;
}

export interface Coverage {
  periods: PeriodCoverage[];
  /** Parameters that depart from their article's period; `reason` set when a decision is recorded. */
  flags: ParameterFlag[];
  /** Decisions that name no period of the text, no parameter, or an unknown element. */
  stale: { index: number; message: string }[];
  figure: { stated: number; bound: number; explained: number; open: number };
}

interface ParsedParameter {
  p: Parameter;
  index: number;
  spec?: DeadlineSpec;
  /** The period comes from a form ({reportPeriod}) or a date a form sets (日期 itemDueDate). */
  setElsewhere: boolean;
}

function parse(p: Parameter, index: number): ParsedParameter {
  const placeholder = /\{[^{}]+\}/.test(p.value);
  let spec: DeadlineSpec | undefined;
  try {
    spec = parseDeadline(p.value.replace(/\{[^{}]+\}/g, '1日'));
  } catch {
    spec = undefined; // a broken value is checkParameters' problem, not coverage's
  }
  const inner = spec && (spec.kind === 'warning' || spec.kind === 'overdue') ? spec.of : spec;
  const formDate = inner?.kind === 'date' && !inner.named && !namedDateOf(inner.expr) && !/^date\("/.test(inner.expr);
  return { p, index, spec, setElsewhere: placeholder || formDate };
}

const CYCLE_DATES: Partial<Record<string, RegExp>> = { quarter: /^本季度末$/, month: /^(本月末|次月\d+日)$/, year: /^本年末$/ };

/** Does the parameter's deadline say what the text's period says? */
function says(pp: ParsedParameter, f: Found): boolean {
  const s = pp.spec;
  if (!s) return false;
  switch (f.kind) {
    case 'period':
      return !pp.setElsewhere && s.kind === 'period' && s.period.n === f.period.n && s.period.unit === f.period.unit;
    case 'warning':
    case 'overdue':
      return s.kind === f.kind && s.days === f.days;
    case 'window':
      return s.kind === 'window' && WINDOWS[s.window].start * 60 === f.from && WINDOWS[s.window].end * 60 === f.to;
    case 'cycle': {
      const name = s.kind === 'date' ? s.named ?? namedDateOf(s.expr) : undefined;
      return !!name && !!CYCLE_DATES[f.every]?.test(name);
    }
    case 'date': {
      const m = s.kind === 'date' ? /^date\("(\d{4})-(\d{2})-(\d{2})"\)$/.exec(s.expr) : null;
      return !!m && Number(m[1]) === f.year && Number(m[2]) === f.month && (f.day === undefined || Number(m[3]) === f.day);
    }
    case 'set':
      // 逾期 / 超期 (relation after): any deadline of the article marks when the period has passed.
      return pp.setElsewhere || (f.relation === 'after' && (s.kind === 'period' || s.kind === 'date'));
  }
}

const NUMERIC = new Set<Found['kind']>(['period', 'warning', 'overdue']);

export function periodCoverage(
  manifest: PeriodsManifest,
  articles: Pick<Articles, 'documents'>,
  /** Element ids of the package's diagrams; when given, enforcedBy is checked against them. */
  elements?: { id: string; process?: string }[],
): Coverage {
  const found = articlePeriods(articles);
  const params = manifest.parameters.map(parse);
  const decisions = manifest.periods ?? [];
  const docs = articles.documents;
  const cites = params.map((pp) => parseCitations(pp.p.basis, docs));
  const stale: Coverage['stale'] = [];

  const byKey = new Map<string, { d: ByPeriod; index: number }>();
  decisions.forEach((d, index) => {
    if (!('period' in d)) return;
    if (!found.some((f) => f.key === d.period)) stale.push({ index, message: `条文中没有期限「${d.period}」（写作「文件简称 条号 原文」，如「海南办法 第四条 五日内」）` });
    byKey.set(d.period, { d, index });
  });

  const bindingOf = (pp: ParsedParameter, how: Binding['how']): Binding => ({
    parameter: pp.p.id, label: pp.p.label, value: pp.p.value, element: pp.p.element, ...(pp.p.process ? { process: pp.p.process } : {}), how,
  });

  const periods = found.map((ap): PeriodCoverage => {
    const bindings: Binding[] = [];
    params.forEach((pp, i) => {
      if (cites[i].some((c) => sameArticle(c, ap)) && says(pp, ap.found)) bindings.push(bindingOf(pp, 'auto'));
    });
    const entry = byKey.get(ap.key);
    for (const ref of entry?.d.enforcedBy ?? []) {
      const pp = params.find((x) => x.p.id === ref);
      if (pp) {
        if (!bindings.some((b) => b.parameter === ref)) bindings.push(bindingOf(pp, 'decision'));
        continue;
      }
      const el = elements?.find((e) => e.id === ref);
      if (elements && !el) stale.push({ index: entry!.index, message: `「${ap.key}」的 enforcedBy「${ref}」既不是参数 id，也不是流程图中的元素` });
      bindings.push({ element: ref, ...(el?.process ? { process: el.process } : {}), how: 'decision' });
    }
    const status = bindings.length ? 'bound' : entry?.d.status ? 'explained' : 'open';
    return {
      key: ap.key, document: ap.document, no: ap.no, phrase: ap.found.phrase, kind: ap.found.kind, relation: ap.found.relation,
      meaning: describePeriod(ap.found), sentence: ap.found.sentence, index: ap.found.index, status, bindings,
      ...(entry ? { decision: { ...(entry.d.status ? { status: entry.d.status } : {}), reason: entry.d.reason } } : {}),
    };
  });

  const flags: ParameterFlag[] = [];
  params.forEach((pp, i) => {
    if (pp.setElsewhere || !pp.spec || !['period', 'warning', 'overdue'].includes(pp.spec.kind)) return;
    const stated = found.filter((ap) => NUMERIC.has(ap.found.kind) && cites[i].some((c) => sameArticle(c, ap)));
    if (!stated.length || stated.some((ap) => says(pp, ap.found))) return;
    const reason = decisions.find((d): d is Extract<Decision, { parameter: string }> => 'parameter' in d && d.parameter === pp.p.id)?.reason
      ?? stated.map((ap) => byKey.get(ap.key)?.d).find((d) => d?.enforcedBy?.includes(pp.p.id))?.reason;
    flags.push({
      parameter: pp.p.id, index: pp.index, label: pp.p.label, value: pp.p.value, basis: pp.p.basis,
      stated: stated.map((ap) => ({ key: ap.key, phrase: ap.found.phrase })), ...(reason ? { reason } : {}),
    });
  });
  decisions.forEach((d, index) => {
    if ('parameter' in d && !params.some((pp) => pp.p.id === d.parameter)) stale.push({ index, message: `没有参数「${d.parameter}」` });
  });

  const count = (s: PeriodCoverage['status']) => periods.filter((p) => p.status === s).length;
  return { periods, flags, stale, figure: { stated: periods.length, bound: count('bound'), explained: count('explained'), open: count('open') } };
}
