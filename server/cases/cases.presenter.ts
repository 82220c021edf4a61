// Which fields of a case leave the server. Engine state and leases never do.
import type { CaseDoc } from './case.model';
import type { Person } from './people';

export function presentCaseSummary(c: Omit<CaseDoc, "engineState" | "history">) {
  return {
    id: String(c._id),
    caseNo: c.caseNo,
    definition: c.definition,
    supervisingCourt: c.supervisingCourt,
    supervisedCourt: c.supervisedCourt,
    supervisedCourts: c.supervisedCourts ?? [c.supervisedCourt],
    subject: c.subject,
    status: c.status,
    nextDueAt: c.nextDueAt,
    openTasks: c.openTasks,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    version: c.version,
  };
}

/** `people`: every account the record names, as 姓名（法院） (server/cases/people.ts). */
export function presentCase(c: CaseDoc, people: Record<string, Person> = {}) {
  return {
    case: { ...presentCaseSummary(c), variables: c.variables },
    tasks: c.openTasks,
    timers: c.timers,
    // Message catches waiting (server/messages): name, correlation key, since when.
    messageWaits: c.messageWaits ?? [],
    history: c.history,
    people,
  };
}
