// A package's rules over the ledger, as data in its manifest (`ledger.rules`): which entries
// count, over which window, per which subject, the threshold and the consequence. Edited by the
// administrator like any manifest field; no code (server/ledger/README.md).
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { ENTRY_KINDS } from './kinds';

const text = z.string().trim().min(1);
const LEVELS = ['最高', '高院', '中院', '基层', '专门'] as const;
/** court = the court itself; bureau = its 执行局; person = any named person; role:<职务> = persons holding it. */
const SUBJECT = /^(court|bureau|person|role:\S+)$/;

export const ledgerRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, '规则 id 应为英文字母开头的标识符'),
  title: text,
  basis: text,
  kinds: z.array(z.enum(ENTRY_KINDS, { error: `类别应为：${ENTRY_KINDS.join('、')}` })).min(1),
  issuerLevel: z.enum(LEVELS, { error: `作出法院层级应为：${LEVELS.join('、')}` }).optional(),
  per: z.array(z.string().regex(SUBJECT, '计数对象应为 court（法院）、bureau（执行局）、person（个人）或 role:职务（如 role:执行局长）')).min(1),
  window: z.enum(['year', 'quarter'], { error: '期间应为 year（年度，北京时间）或 quarter（季度）' }),
  threshold: z.number().int().min(1, '阈值至少为 1').max(1000),
  consequence: text,
  /**
   * Who is told when the consequence is recorded or lifted (server/notifications): roles at the
   * issuing court, roles at the court concerned, and the persons named who have accounts.
   * Absent: the 院领导 of both courts and the persons named.
   */
  notify: z.strictObject({
    issuer: z.array(z.enum(ROLES, { error: `角色应为：${ROLES.join('、')}` })).default([]),
    subject: z.array(z.enum(ROLES, { error: `角色应为：${ROLES.join('、')}` })).default([]),
    persons: z.boolean().default(false),
  }).optional(),
});

export const ledgerSectionSchema = z.strictObject({
  rules: z.array(ledgerRuleSchema).default([]),
  /** Who receives a copy of the periodic 通报 list (Baishan 第二十条: 党委、人大、政法委). */
  noticeRecipients: z.array(text).default([]),
  /** 人工催办 (server/urging) is recorded as a `催办` entry (海南办法 第十二条: 催办后仍未落实的予以通报). */
  recordUrges: z.boolean().optional(),
  /** The court ranking's indicators (ranking.ts): weights per entry kind and per case figure. */
  ranking: z.array(z.strictObject({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, '指标 id 应为英文字母开头的标识符'),
    title: text,
    source: z.enum([...ENTRY_KINDS, 'cases', 'overdue', 'closed'] as [string, ...string[]], { error: `指标来源应为台账类别或 cases（督办案件数）、overdue（逾期案件数）、closed（办结案件数）` }),
    weight: z.number().min(-1000).max(1000),
  })).optional(),
});

export type LedgerRule = z.infer<typeof ledgerRuleSchema>;
export type LedgerSection = z.infer<typeof ledgerSectionSchema>;
