// The parts of manifest.json coverage reads (manifest.schema.ts validates them), declared
// without the schema module so the browser computes coverage with the same code.
export interface PeriodParameter {
  id: string;
  label: string;
  element: string;
  process?: string;
  value: string;
  basis: string;
}

export type PeriodDecision =
  | { period: string; enforcedBy?: string[]; status?: '非程序性' | '平台无法执行'; reason: string }
  | { parameter: string; reason: string };

export interface PeriodsManifest {
  parameters: PeriodParameter[];
  periods?: PeriodDecision[];
}
