// Starting the process a rule or an inspection round asks for, at most once per (cause, record):
// the trigger key is claimed first (a unique _id, so two server processes cannot both start it),
// the case carries the key (so a process that crashed after starting is found, not repeated),
// and the record and the case are linked both ways.
import type { CasesService } from '../cases/cases.service';
import type { Actor } from '../http/actor';
import type { RecordDoc, RecordsRepository } from './records.repository';

export interface StartRequest {
  key: string;
  cause: string;
  /** Rule key recorded in record.fired (rules only). */
  firedKey: string | null;
  title: string;
  record: RecordDoc;
  process: string;
  supervisingCourt: string;
  supervisedCourt: string;
  data: Record<string, unknown>;
  at: Date;
}

/** A crashed starter's claim is taken over after this long. */
const STALE_MS = 120_000;

export async function startOnce(
  repo: RecordsRepository, cases: CasesService, owner: string, req: StartRequest,
): Promise<{ started?: { caseId: string; caseNo: string }; state: 'started' | 'already' | 'busy' }> {
  const recordId = String(req.record._id);
  const claim = await repo.claimTrigger({ _id: req.key, recordId, cause: req.cause, owner, claimedAt: new Date() }, STALE_MS);
  if (claim === 'busy') return { state: 'busy' };
  if (claim === 'started') {
    if (req.firedKey && !req.record.fired.includes(req.firedKey)) {
      const c = await repo.caseOfTrigger(req.key);
      if (c) await repo.linkCase(recordId, req.firedKey, link(req, String(c._id), c.caseNo));
    }
    return { state: 'already' };
  }
  let found = await repo.caseOfTrigger(req.key);
  if (!found) {
    const actor: Actor = { username: 'system', name: '系统', court: req.supervisingCourt, roles: [] };
    const doc = await cases.start({
      process: req.process, supervisingCourt: req.supervisingCourt, supervisedCourt: req.supervisedCourt, at: req.at,
      data: { ...req.data, enforcementTrigger: req.key, enforcementRecordId: recordId },
    }, actor);
    found = { _id: doc._id, caseNo: doc.caseNo };
  }
  const caseId = String(found._id);
  await repo.triggerStarted(req.key, caseId, found.caseNo);
  await repo.linkCase(recordId, req.firedKey, link(req, caseId, found.caseNo));
  return { state: 'started', started: { caseId, caseNo: found.caseNo } };
}

const link = (req: StartRequest, caseId: string, caseNo: string) => ({
  caseId, caseNo, process: req.process, cause: req.cause, title: req.title, at: req.at,
});

/** What every started case knows of its record (shown on the case page, filtered in lists). */
export function recordData(r: RecordDoc, courtName?: string): Record<string, unknown> {
  return {
    enforcementCaseNo: r.caseNo,
    enforcementCourt: r.court,
    enforcementRecord: {
      caseNo: r.caseNo, court: r.court, courtName: courtName ?? r.court, handler: r.handler ?? null,
      filedAt: r.filedAt, closedAt: r.closedAt ?? null, closing: r.closing ?? null,
    },
  };
}
