// Where a court may sit in the tree. Pure, shared by the API, the CSV import and the seed so
// that every way of writing a court obeys the same rules.
import { z } from 'zod';
import { COURT_CODE, COURT_LEVELS, type Court, type CourtInput, type CourtLevel } from './courts.types';

/** 铁路运输法院 sit under a 铁路运输中级法院 (专门), hence 专门 → 专门 and 基层 under 专门. */
const ALLOWED_PARENTS: Record<CourtLevel, (CourtLevel | null)[]> = {
  最高: [null],
  高院: ['最高', null],
  中院: ['高院'],
  基层: ['中院', '专门'],
  专门: ['高院', '中院', '专门'],
};

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const courtInputSchema = z.object({
  code: z.string().trim().regex(COURT_CODE, '代码只能由小写字母、数字和连字符组成（2-40 位）'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称过长'),
  level: z.enum(COURT_LEVELS, { message: `级别必须是 ${COURT_LEVELS.join('、')} 之一` }),
  kind: z.preprocess(blankToNull, z.string().trim().max(50, '类别过长').nullish()).transform((v) => v ?? undefined),
  parent: z.preprocess(blankToNull, z.string().trim().nullish()).transform((v) => v ?? null),
  province: z.preprocess(blankToNull, z.string().trim().max(20, '省份过长').nullish()).transform((v) => v ?? null),
});

export const courtChangesSchema = courtInputSchema.omit({ code: true }).partial().strict();

/** Problems with placing `court` under `parent` (undefined: the parent code does not exist). */
export function placementProblems(
  court: Pick<CourtInput, 'level' | 'province' | 'parent'>,
  parent: Pick<Court, 'code' | 'level' | 'province'> | null | undefined,
): string[] {
  if (court.parent !== null && parent === undefined) return [`上级法院“${court.parent}”不存在`];
  const problems: string[] = [];
  const parentLevel = parent ? parent.level : null;
  if (!ALLOWED_PARENTS[court.level].includes(parentLevel)) {
    const allowed = ALLOWED_PARENTS[court.level].map((l) => l ?? '无').join('、');
    problems.push(`${court.level}法院的上级必须是：${allowed}（现为：${parentLevel ?? '无'}）`);
  }
  if (court.level === '最高') {
    if (court.province !== null) problems.push('最高人民法院不属于任何省份');
  } else if (court.province === null) {
    problems.push('省份不能为空');
  } else if (parent && parent.level !== '最高' && parent.province !== court.province) {
    problems.push(`省份“${court.province}”与上级法院的省份“${parent.province}”不一致`);
  }
  return problems;
}
