// A package's enforcement section (manifest `enforcement`, server/enforcement/README.md): the
// monitoring rules ("when a 执行案件 record matches, start process X") and the sampled
// inspections (population, rate, criteria decided from the data). Data, no code.
import { z } from 'zod';
import { COURT_LEVELS } from '../courts/courts.types';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'id 应为英文字母开头的标识符');
const feel = z.string().trim().min(1).max(2000);
const processKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, '流程 key 应为本包 processes 中列出的 key');

export const monitoringRuleSchema = z.strictObject({
  id,
  title: text,
  basis: text,
  /**
   * The instant from which the rule may match, in the deadline notation over the record
   * (`届满前10日预警 6个月 自 filedAt`, `1个月 自 filedAt`). Without it, the rule is checked
   * whenever the record arrives or changes.
   */
  at: text.optional(),
  /** FEEL over the record, true to match (`closedAt = null`, `not(hasNode("首次查控","总对总查控","传统查控"))`). */
  when: feel.optional(),
  /** The process started for a matching record (at most once per record and rule). */
  process: processKey,
  /** FEEL; default: the 执行法院's upper court supervises (`parentCourt(court)`). */
  supervisingCourt: feel.optional(),
  /** FEEL; default: the 执行法院 (`court`). */
  supervisedCourt: feel.optional(),
  /** Extra case data: variable name → FEEL over the record. */
  data: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, '数据项应为英文字母开头的标识符'), feel).optional(),
});

export const criterionSchema = z.strictObject({
  id,
  title: text,
  /** FEEL over the record: true = 符合, false = 不符合, null = the data cannot decide (left to the inspector). */
  decide: feel,
  /** FEEL giving the evidence text shown beside the decision. */
  evidence: feel.optional(),
});

export const inspectionSchema = z.strictObject({
  id,
  title: text,
  basis: text,
  process: processKey,
  /** Which records form the population: their 结案方式 (终本) and the courts' levels. */
  population: z.strictObject({
    closing: text,
    levels: z.array(z.enum(COURT_LEVELS)).min(1).optional(),
  }),
  /** The least rate a draw may use (Yunnan 二.(三)1: 不低于30%). */
  minRate: z.number().min(0.01).max(1),
  /** Who may draw: court levels of the drawing court (高院, 中院). */
  drawers: z.array(z.enum(COURT_LEVELS)).min(1),
  criteria: z.array(criterionSchema).min(1).max(50),
  /** FEEL over the closed inspection case's variables: true when the case was found 合格. */
  passed: feel,
});

export const enforcementSectionSchema = z.strictObject({
  rules: z.array(monitoringRuleSchema).default([]),
  inspections: z.array(inspectionSchema).default([]),
});

export type MonitoringRule = z.infer<typeof monitoringRuleSchema>;
export type InspectionSpec = z.infer<typeof inspectionSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type EnforcementSection = z.infer<typeof enforcementSectionSchema>;
