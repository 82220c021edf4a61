// Which fields of a case leave the server. Engine state and leases never do.
import type { CaseDoc } from './case.model';

export function presentCaseSummary(c: Omit<CaseDoc, "engineState" | "history">) {
  return {
    id: String(c._id),
    caseNo: c.caseNo,
    definition: c.definition,
    supervisingCourt: c.supervisingCourt,
    supervisedCourt: c.supervisedCourt,
    subject: c.subject,
    status: c.status,
    nextDueAt: c.nextDueAt,
    openTasks: c.openTasks,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    version: c.version,
  };
}

export function presentCase(c: CaseDoc) {
  return {
    case: { ...presentCaseSummary(c), variables: c.variables },
    tasks: c.openTasks,
    timers: c.timers,
    history: c.history,
  };
}
