// One ledger entry as stored and shown. Entries are only ever added: a correction is a
// `撤销` entry naming what it reverses, a rule's consequence is a `后果` entry naming its rule.
export interface LedgerPerson {
  name: string;
  court: string;
  role?: string;
}

export interface RuleRef {
  id: string;
  packageId: string;
  title: string;
  basis: string;
  consequence: string;
  threshold: number;
  count: number;
  subject: string;
  subjectLabel?: string;
  window: string;
  /** The entry whose recording crossed (or, for a lifting, fell below) the threshold. */
  trigger: string;
  lifted?: boolean;
  /** Who the rule tells (rules.schema.ts `notify`), copied so the notice needs no package read. */
  notify?: { issuer: string[]; subject: string[]; persons: boolean };
}

export interface LedgerEntry {
  /** Deterministic for what the process writes (`<caseId>:<history seq>[:n]`), so a retry never doubles. */
  _id: string;
  kind: string;
  issuer: string;
  issuerLevel?: string;
  /** The issuing court's province: a package's rules apply only within it. */
  province?: string;
  court?: string;
  unit: '法院' | '执行局';
  persons: LedgerPerson[];
  year: number;
  /** `2026-Q1` for quarterly items. */
  period?: string;
  at: Date;
  caseId?: string;
  caseNo?: string;
  element?: string;
  elementName?: string;
  basis?: string;
  reason?: string;
  grade?: string;
  score?: number;
  source: 'process' | 'manual' | 'rule';
  recordedBy: string;
  recordedAt: Date;
  reverses?: string;
  rule?: RuleRef;
}
