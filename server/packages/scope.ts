// Who may administer a package: a package belongs to the court that issued it, the 高院 of its
// province. Its 流程管理员 (and those of 最高人民法院) may read, edit and publish its drafts and
// versions; any other administrator is told the package does not exist (404), as for cases.
import type { Actor } from '../http/actor';
import { notFound } from '../http/errors';

export interface CourtInfo {
  name: string;
  level: string;
  province: string | null;
}
export type CourtLookup = (code: string) => Promise<CourtInfo | null>;

export async function administers(courtOf: CourtLookup, actor: Actor, province: string): Promise<boolean> {
  const court = await courtOf(actor.court);
  if (!court) return false;
  return court.level === '最高' || (court.level === '高院' && court.province === province);
}

export async function assertAdministers(courtOf: CourtLookup, actor: Actor, packageId: string, province: string | undefined): Promise<void> {
  if (province === undefined || !(await administers(courtOf, actor, province))) throw notFound(`程序包「${packageId}」不存在`);
}
