// When an administrator enters a year's holiday notice, every pending deadline that may touch
// that year is recomputed from its recorded base, its timer re-armed, and the change written
// into the case's history (CALENDAR.md R11). Cases are independent: one guarded update each.
import type { CasesDeps } from './cases.service';
import { recordRun } from './runChanges';
import { runOnCase } from './runOnCase';

export interface RecomputeSummary {
  examined: number;
  changed: { caseId: string; caseNo: string; changes: unknown[] }[];
  failed: { caseId: string; caseNo: string; reason: string }[];
}

const CHANGE_EVENTS = new Set(['timerRescheduled', 'taskDueChanged']);

export async function recomputeDeadlines(deps: CasesDeps, year: number, actor: string): Promise<RecomputeSummary> {
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);
  const candidates = await deps.cases.runningWithTimersFrom(from);
  const calendar = await deps.calendar();
  const summary: RecomputeSummary = { examined: candidates.length, changed: [], failed: [] };
  for (let doc of candidates) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const now = deps.clock.now();
        const result = await runOnCase(deps, doc, { type: 'recompute' }, { now, actor, calendar });
        const changes = result.events.filter((e) => CHANGE_EVENTS.has(e.type));
        if (!changes.length) break;
        const record = recordRun(doc, result, now, actor, [
          { type: 'deadlineChanged', data: { reason: `录入 ${year} 年放假安排`, calendarVersion: calendar.version } },
        ]);
        if (await deps.cases.commit(doc._id, doc.version, record.changes, record.history)) {
          summary.changed.push({ caseId: String(doc._id), caseNo: doc.caseNo, changes: changes.map((e) => e.data) });
          break;
        }
        const fresh = await deps.cases.findById(String(doc._id)); // changed meanwhile: retry
        if (!fresh || fresh.status !== 'running') break;
        doc = fresh;
      } catch (err) {
        summary.failed.push({ caseId: String(doc._id), caseNo: doc.caseNo, reason: (err as Error).message });
        break;
      }
    }
  }
  return summary;
}
