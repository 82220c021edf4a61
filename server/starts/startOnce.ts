// One case per trigger, whatever the number of server processes or crashes: the trigger id is
// claimed first (a unique _id), the case carries it (`variables.startTrigger`), so a process that
// crashed between the start and the mark is found, not repeated.
import type { CasesService, StartCaseInput } from '../cases/cases.service';
import type { Actor } from '../http/actor';
import type { StartsRepository } from './starts.repository';

/** A crashed starter's claim is taken over after this long (real time). */
const STALE_MS = 120_000;

export const SYSTEM = (court: string): Actor => ({ username: 'system', name: '系统', court, roles: [] });

export async function startOnce(
  repo: StartsRepository, cases: CasesService, owner: string, trigger: string, input: StartCaseInput,
): Promise<{ caseId: string; caseNo: string; started: boolean } | null> {
  const claim = await repo.claimTrigger(trigger, owner, STALE_MS);
  if (claim === 'busy') return null;
  if (claim === 'started') {
    const t = await repo.trigger(trigger);
    return t?.caseId ? { caseId: t.caseId, caseNo: t.caseNo!, started: false } : null;
  }
  const found = claim === 'takenOver' ? await repo.caseOfTrigger(trigger) : null;
  let ref = found;
  if (!ref) {
    const doc = await cases.start({ ...input, data: { ...input.data, startTrigger: trigger } }, SYSTEM(input.supervisingCourt));
    ref = { caseId: String(doc._id), caseNo: doc.caseNo };
  }
  await repo.triggerStarted(trigger, ref.caseId, ref.caseNo);
  return { ...ref, started: !found };
}
