// Official documents of a case: issued after a bound task's completion (or a bound event),
// listed on the case page, downloaded by whoever may see the case.
import type mongoose from 'mongoose';
import type { CaseDoc, HistoryEntry, OpenTask } from '../cases/case.model';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { resolvePrefill, type FormsService } from '../forms';
import type { Actor } from '../http/actor';
import { notFound } from '../http/errors';
import type { Logger } from '../logger';
import type { Bindings } from './bindings';
import type { DocumentDoc } from './document.model';
import type { DocumentsRepository } from './documents.repository';
import { issueDocument, type IssueDeps } from './issue';
import type { TemplatesService } from './templates.service';

/** What the task capability reports once a completion is committed. */
export interface TaskCompleted {
  caseDoc: CaseDoc; // as it was before the completion
  task: OpenTask;
  form?: { key: string; revision: number };
  data: Record<string, unknown>;
  /** The history entries the completion wrote (events reached on the way). */
  history: HistoryEntry[];
  actor: Actor;
  at: Date;
}

export interface DocumentsDeps {
  repo: DocumentsRepository;
  bindings: Bindings;
  templates: TemplatesService;
  definitions: Pick<DefinitionsRepository, 'get'>;
  forms: Pick<FormsService, 'get'>;
  courtName(code: string): Promise<string | undefined>;
  logger: Logger;
}

export class DocumentsService {
  constructor(private readonly deps: DocumentsDeps) {}

  private get issueDeps(): IssueDeps {
    return { repo: this.deps.repo, templates: this.deps.templates, courtName: this.deps.courtName, logger: this.deps.logger };
  }

  /**
   * Documents issued by these completed tasks, or by events the case reached from history entry
   * `fromSeq` on (a task action may not go back past a document that went out: server/tasks).
   */
  async issuedSince(caseId: mongoose.Types.ObjectId, taskIds: string[], fromSeq: number) {
    const tasks = new Set(taskIds);
    return (await this.deps.repo.issuedOfCase(caseId)).filter((d) => {
      if (tasks.has(d.source)) return true;
      const [c, seq] = d.source.split('#');
      return c === String(caseId) && Number(seq) >= fromSeq;
    });
  }

  /** Issues what the completed task and the events it reached are bound to. Never throws. */
  async afterTaskCompleted(e: TaskCompleted): Promise<DocumentDoc[]> {
    const { caseDoc } = e;
    const definition = await this.deps.definitions.get(caseDoc.definition.key, caseDoc.definition.version);
    const packageId = (definition as { packageId?: string } | null)?.packageId;
    if (!packageId) return [];
    const sources: { source: string; element: string }[] = [
      { source: e.task.id, element: e.task.elementId },
      ...e.history.filter((h) => h.type === 'eventReached' && h.element).map((h) => ({ source: `${String(caseDoc._id)}#${h.seq}`, element: h.element! })),
    ];
    const out: DocumentDoc[] = [];
    for (const s of sources) {
      const binding = await this.deps.bindings.forElement(packageId, caseDoc.definition.key, s.element);
      if (!binding) continue;
      out.push(await issueDocument(this.issueDeps, {
        source: s.source, binding, caseDoc, element: s.element, actor: e.actor, at: e.at, form: await this.formOf(e),
      }));
    }
    return out;
  }

  /** The submitted form with the case data it showed, for the template's field placeholders. */
  private async formOf(e: TaskCompleted) {
    if (!e.form) return undefined;
    const form = await this.deps.forms.get(e.form.key, e.form.revision);
    if (!form) return undefined;
    const prefill = await resolvePrefill(form.schema, e.caseDoc, e.task, this.deps.courtName);
    return { schema: form.schema as Record<string, unknown>, data: e.data, prefill };
  }

  ofCase(caseId: CaseDoc['_id'] | string): Promise<DocumentDoc[]> {
    return this.deps.repo.ofCase(caseId);
  }

  /** The document, or 404 when it does not exist or the caller may not see its case. */
  async visible(id: string, maySee: (caseId: string) => Promise<boolean>): Promise<DocumentDoc> {
    const doc = await this.deps.repo.find(id);
    if (!doc || !(await maySee(String(doc.caseId)))) throw notFound('文书不存在');
    return doc;
  }

  openFile(doc: DocumentDoc) {
    if (doc.status !== 'issued' || !doc.file) throw notFound(`文书未生成${doc.error ? `：${doc.error}` : ''}`);
    return this.deps.repo.openFile(doc.file.id);
  }
}
