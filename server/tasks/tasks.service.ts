// Completing a task: the one place where a handler's decision moves a case forward.
// Two handlers completing the same task at once: both read version v, exactly one guarded
// update matches, the other answers 409 and changes nothing.
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { CasesDeps } from '../cases/cases.service';
import { recordRun } from '../cases/runChanges';
import { run, TaskNotOpenError } from '../engine';
import { conflict, notFound, unprocessable } from '../http/errors';
import type { Actor } from '../http/actor';

export interface CompleteResult {
  case: CaseDoc;
  task: OpenTask;
}

export class TasksService {
  constructor(
    private readonly deps: CasesDeps,
    /** Fires a case's due timers first: a deadline that has passed wins over a late answer. */
    private readonly fireDueOf: (caseId: CaseDoc['_id']) => Promise<number> = async () => 0,
  ) {}

  /** The open task and its case, or 404 / 409 (already completed). */
  async findOpen(taskId: string): Promise<{ doc: CaseDoc; task: OpenTask }> {
    const doc = await this.deps.cases.findByTask(taskId);
    if (!doc) throw notFound('待办任务不存在');
    const task = doc.openTasks.find((t) => t.id === taskId);
    if (!task) throw conflict('该任务已办结，不能再次提交');
    return { doc, task };
  }

  async complete(
    taskId: string,
    data: Record<string, unknown>,
    actor: Actor,
    authorize: (doc: CaseDoc, task: OpenTask) => Promise<void> | void = () => {},
  ): Promise<CompleteResult> {
    let { doc, task } = await this.findOpen(taskId);
    await authorize(doc, task);
    if (doc.nextDueAt && doc.nextDueAt <= this.deps.clock.now() && (await this.fireDueOf(doc._id)) > 0) {
      ({ doc, task } = await this.findOpen(taskId)); // 409 when the deadline took the task away
    }
    const definition = await this.deps.definitions.get(doc.definition.key, doc.definition.version);
    if (!definition) throw conflict('案件所用流程版本已不存在');
    const now = this.deps.clock.now();
    const result = await run({
      source: definition.xml,
      state: doc.engineState ? JSON.parse(doc.engineState) : null,
      variables: doc.variables,
      command: { type: 'complete', taskId, data },
      now,
      calendar: await this.deps.calendar(),
      actor: actor.username,
    }).catch((err) => {
      if (err instanceof TaskNotOpenError) throw conflict('该任务已办结，不能再次提交');
      throw unprocessable(`流程无法继续：${(err as Error).message}`);
    });
    const record = recordRun(doc, result, now, actor.username);
    const ok = await this.deps.cases.commit(doc._id, doc.version, record.changes, record.history);
    if (!ok) throw conflict('案件已被他人更新，请刷新后重试');
    const after = await this.deps.cases.findById(String(doc._id));
    return { case: after!, task };
  }
}
