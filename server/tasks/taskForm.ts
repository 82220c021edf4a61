// A task's form: the revision its case's definition version pinned at deploy, the case data it
// shows read-only (prefill), and the server-side check of what the handler submits.
import type { AttachmentsService } from '../attachments';
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { resolvePrefill, type FormRevision, type FormsService, type LedgerFigures } from '../forms';
import { conflict, unprocessable } from '../http/errors';

export interface TaskFormDeps {
  forms: FormsService;
  attachments?: AttachmentsService;
  /** A court's display name for prefill (`supervisingCourt`); the code when unknown. */
  courtName?: (code: string) => Promise<string | undefined>;
  /** The supervision ledger's figures for `ledger.*` prefill (the annual assessment). */
  ledgerFigures?: LedgerFigures;
}

/**
 * The pinned revision. A definition deployed before forms were pinned has no pins: its tasks
 * use the latest revision (the behaviour those cases had before).
 */
export async function formOf(deps: TaskFormDeps, definitions: DefinitionsRepository, doc: CaseDoc, task: OpenTask): Promise<FormRevision | null> {
  if (!task.formKey) return null;
  const definition = await definitions.get(doc.definition.key, doc.definition.version);
  const pinned = (definition?.forms as Record<string, number> | undefined)?.[task.formKey];
  return pinned ? deps.forms.get(task.formKey, pinned) : deps.forms.latest(task.formKey);
}

export function prefillOf(deps: TaskFormDeps, form: FormRevision, doc: CaseDoc, task: OpenTask) {
  return resolvePrefill(form.schema, doc, task, deps.courtName, deps.ledgerFigures);
}

/** The cleaned data to hand to the engine, or 422 with one entry per field. */
export async function checkSubmission(deps: TaskFormDeps, definitions: DefinitionsRepository, doc: CaseDoc, task: OpenTask, data: unknown) {
  const form = await formOf(deps, definitions, doc, task);
  if (!form) throw conflict(`任务所用表单「${task.formKey ?? '（无）'}」不存在，请联系流程管理员`);
  const prefill = await prefillOf(deps, form, doc, task);
  const { data: cleaned, files } = await deps.forms.validateSubmission(form.schema, data, { prefill });
  if (files.length) {
    if (!deps.attachments) throw unprocessable('平台未启用附件');
    const { problems, resolved } = await deps.attachments.resolveRefs(files, String(doc._id), task.id);
    if (problems.length) throw unprocessable(`表单有 ${problems.length} 处需要修改`, problems);
    for (const [path, refs] of resolved) setAt(cleaned, path, refs);
  }
  return { form: { key: form.key, revision: form.revision }, data: cleaned };
}

function setAt(target: Record<string, unknown>, path: string, value: unknown) {
  const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '');
  let at: any = target;
  for (const p of parts.slice(0, -1)) at = at?.[p];
  if (at && typeof at === 'object') at[parts[parts.length - 1]] = value;
}
