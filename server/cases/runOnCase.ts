// One engine command on a stored case: the diagram of the definition version it runs on, its
// saved engine state and variables, the current calendar. Completion, timer firing and the
// calendar recompute differ only in the command, the instant and who acts.
import type { HolidayCalendar } from '../calendar/types';
import type { Command, RunResult } from '../engine';
import type { CaseDoc } from './case.model';
import { courtDirectory } from './caseCourts';
import type { CasesDeps } from './cases.service';

export async function runOnCase(
  deps: CasesDeps,
  doc: CaseDoc,
  command: Command,
  at: { now: Date; actor: string; calendar?: HolidayCalendar },
): Promise<RunResult> {
  const definition = await deps.definitions.get(doc.definition.key, doc.definition.version);
  if (!definition) throw new Error('流程版本不存在');
  return deps.run({
    source: definition.xml,
    state: doc.engineState ? JSON.parse(doc.engineState) : null,
    variables: doc.variables,
    command,
    now: at.now,
    calendar: at.calendar ?? (await deps.calendar()),
    courts: await courtDirectory(deps.directory, doc),
    actor: at.actor,
    // Past suspensions (挂起 → 恢复) are excluded periods of every deadline armed before them.
    exclusions: doc.suspensions ?? [],
  });
}
