// Case visibility for the cases/tasks capabilities: a user sees a case when their court is the
// supervising or supervised court or an ancestor of either; otherwise the case "does not exist"
// (404), so that nobody can probe other courts' case numbers.
import { canSeeCase, type CaseCourts, type CourtsRepository } from '../courts';
import { notFound, unauthenticated } from '../http/errors';
import type { SessionUser } from './types';

export function createCaseAccess(courts: CourtsRepository) {
  async function canSee(user: Pick<SessionUser, 'court'>, codes: CaseCourts<string>): Promise<boolean> {
    // Same court: no lookup needed (the common case for 承办人).
    const supervised = codes.supervisedCourts ?? [];
    if (user.court === codes.supervisingCourt || user.court === codes.supervisedCourt || supervised.includes(user.court)) return true;
    const found = await courts.findByCodes([codes.supervisingCourt, codes.supervisedCourt, ...supervised]);
    const node = (code: string) => found.get(code) ?? { code, level: '基层' as const, province: null, ancestors: [] };
    return canSeeCase(user, {
      supervisingCourt: node(codes.supervisingCourt), supervisedCourt: node(codes.supervisedCourt), supervisedCourts: supervised.map(node),
    });
  }
  return {
    canSeeCase: canSee,
    /** Throws 404 (not 403) when the case lies outside the user's jurisdiction. */
    async assertCanSeeCase(user: SessionUser | undefined, codes: CaseCourts<string>, message = '案件不存在'): Promise<void> {
      if (!user) throw unauthenticated();
      if (!(await canSee(user, codes))) throw notFound(message);
    },
    /** Courts whose cases the user sees: their own and every court below it (for list queries). */
    visibleCourtCodes: (user: Pick<SessionUser, 'court'>) => courts.codesUnder(user.court),
  };
}
export type CaseAccess = ReturnType<typeof createCaseAccess>;
