// 第二十四条 of Baishan's 规定: where a package issued by a 中院 conflicts with a higher court's
// rules, the higher court's prevail. The platform cannot read two regulations and find every
// contradiction; it lists the conflicts it can see in the packages themselves (docs/PACKAGES.md,
// 「上级规定与冲突」), against every live package issued by a court above this package's issuer:
//   - start:      both let the same court (level and role) open a case on the same 执行案件 of
//                 the same supervised courts — one complaint could run under two regulations;
//   - inspection: both draw sampled inspections of the same 结案方式 from the same courts;
//   - period:     a step both name alike (parameter label, its bracketed note ignored) has
//                 different deadlines.
// Each conflict names the higher package as the one that prevails. Nothing is changed
// automatically: the issuing court's administrator decides (adjust the parameter, drop a start
// form); the report is advisory, like the period coverage hints.
import type { Manifest } from './manifest.schema';

export interface LivePackage {
  id: string;
  title: string;
  owner: string;
  manifest: Manifest;
}

export interface PackageConflict {
  kind: 'start' | 'inspection' | 'period';
  /** The higher package, which prevails (第二十四条). */
  prevails: string;
  own: string;
  higher: string;
  message: string;
}

const overlap = <T>(a: readonly T[], b: readonly T[]) => a.some((x) => b.includes(x));
const levelsOf = (s: NonNullable<Manifest['startForms']>[number]) => (s.supervised === 'own' ? ['own'] : s.supervised?.levels ?? ['any']);
/** 「执行监督事项办结时限」 and 「执行监督事项办结时限（规定时限）」 name the same step. */
const stepName = (label: string) => label.replace(/[（(][^）)]*[）)]/g, '').replace(/\s+/g, '');

export function detectConflicts(own: LivePackage, higher: LivePackage[]): PackageConflict[] {
  const out: PackageConflict[] = [];
  for (const h of higher) {
    const base = { prevails: h.id, higher: h.id };
    for (const a of own.manifest.startForms ?? []) {
      for (const b of h.manifest.startForms ?? []) {
        const sameStarter = overlap(a.starters.levels, b.starters.levels) && overlap(a.starters.roles, b.starters.roles);
        const sameSupervised = overlap(levelsOf(a), levelsOf(b)) || levelsOf(a).includes('any') || levelsOf(b).includes('any');
        if (sameStarter && sameSupervised && a.data.includes('enforcementCaseNo') && b.data.includes('enforcementCaseNo')) {
          out.push({ ...base, kind: 'start', own: a.title, message: `本包「${a.title}」与上级程序包「${h.title}」的「${b.title}」可由同一法院的同一角色对同一执行案件立案：同一事项可能在两个程序包中各立一案，以上级法院的规定为准` });
        }
      }
    }
    for (const a of own.manifest.enforcement?.inspections ?? []) {
      for (const b of h.manifest.enforcement?.inspections ?? []) {
        if (a.population.closing === b.population.closing && overlap(a.drawers, b.drawers)) {
          out.push({ ...base, kind: 'inspection', own: a.title, message: `本包「${a.title}」与上级程序包「${h.title}」的「${b.title}」抽查同一结案方式（${a.population.closing}）的案件：同一案件可能被抽中两次，以上级法院的规定为准` });
        }
      }
    }
    for (const a of own.manifest.parameters) {
      for (const b of h.manifest.parameters) {
        if (stepName(a.label) === stepName(b.label) && a.value !== b.value) {
          out.push({ ...base, kind: 'period', own: a.id, message: `「${stepName(a.label)}」的期限不同：本包为「${a.value}」（${a.basis}），上级程序包「${h.title}」为「${b.value}」（${b.basis}），以上级法院的规定为准` });
        }
      }
    }
  }
  return out;
}
