// Official documents of a case: issued after a bound task's completion (or a bound event),
// listed on the case page, downloaded by whoever may see the case.
import type mongoose from 'mongoose';
import type { CaseDoc, HistoryEntry, OpenTask } from '../cases/case.model';
import type { DefinitionsRepository } from '../definitions/definitions.repository';
import { resolvePrefill, type FormsService } from '../forms';
import type { Actor } from '../http/actor';
import { AppError, badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { Logger } from '../logger';
import type { Bindings } from './bindings';
import type { DocumentDoc } from './document.model';
import type { DocumentsRepository } from './documents.repository';
import { documentValues, issueDocument, type IssueDeps, type IssueRequest } from './issue';
import { PdfUnavailableError, type PdfRenderer } from './pdf/libreoffice';
import { fillTemplate, type TemplateData } from './template/fill';
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

/** What the scheduler reports once a fired timer is committed. */
export interface TimerFired {
  caseDoc: CaseDoc; // as it was before the timer fired
  history: HistoryEntry[];
  at: Date;
}

/** 承办人 of a document a timer issues: nobody signed it. */
export const TIMER_ISSUER = '执行督办平台（期限届满自动签发）';

export interface DocumentsDeps {
  repo: DocumentsRepository;
  bindings: Bindings;
  templates: TemplatesService;
  definitions: Pick<DefinitionsRepository, 'get'>;
  forms: Pick<FormsService, 'get'>;
  courtName(code: string): Promise<string | undefined>;
  pdf: PdfRenderer;
  logger: Logger;
}

/** What a preview prints where the 文号 will be: it is drawn only when the document is issued. */
export const PREVIEW_NUMBER = '（文号签发时生成）';
/** Who may void or correct a document: these roles of the court that issued it. */
export const AMENDING_ROLES = ['承办人', '审批人', '院领导'];

/** 503 with the Chinese reason: the .docx stays the way to print. */
const pdfUnavailable = (err: PdfUnavailableError) => new AppError(503, 'pdf_unavailable', err.message);

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
    const sources = [{ source: e.task.id, element: e.task.elementId }, ...this.eventSources(e.caseDoc, e.history)];
    return this.issueAll(e.caseDoc, sources, e.actor, e.at, () => this.formOf(e));
  }

  /**
   * Issues what a fired timer (and the events the case then reached) is bound to: 逾期即发催办函.
   * Nobody completed anything, so the supervising court issues it in the platform's name.
   */
  async afterTimerFired(e: TimerFired): Promise<DocumentDoc[]> {
    const actor: Actor = { username: 'system', name: TIMER_ISSUER, court: e.caseDoc.supervisingCourt, roles: [] };
    return this.issueAll(e.caseDoc, this.eventSources(e.caseDoc, e.history, ['timerFired', 'eventReached']), actor, e.at, async () => undefined);
  }

  private eventSources(caseDoc: CaseDoc, history: HistoryEntry[], types = ['eventReached']) {
    return history.filter((h) => types.includes(h.type) && h.element).map((h) => ({ source: `${String(caseDoc._id)}#${h.seq}`, element: h.element! }));
  }

  private async issueAll(caseDoc: CaseDoc, sources: { source: string; element: string }[], actor: Actor, at: Date, form: () => Promise<IssueRequest['form']>) {
    const definition = await this.deps.definitions.get(caseDoc.definition.key, caseDoc.definition.version);
    const packageId = (definition as { packageId?: string } | null)?.packageId;
    if (!packageId) return [];
    const out: DocumentDoc[] = [];
    for (const s of sources) {
      const binding = await this.deps.bindings.forElement(packageId, caseDoc.definition.key, s.element);
      if (!binding) continue;
      out.push(await issueDocument(this.issueDeps, { source: s.source, binding, caseDoc, element: s.element, actor, at, form: await form() }));
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

  /**
   * The document the task would issue with this form data, as it would read (文号 aside), or
   * null when the task issues none. Nothing is drawn or stored.
   */
  /**
   * The form fields a correction of this document may change, labelled as in the form, with
   * the values it printed; null when it cannot be corrected (nothing kept, or kind gone).
   */
  async correctableFields(doc: DocumentDoc) {
    if (!doc.values) return null;
    const binding = (await this.deps.bindings.of(doc.packageId)).find((b) => b.kind.kind === doc.kind);
    if (!binding) return null;
    return binding.fields.filter((f) => Object.hasOwn(doc.values!, f.key)).map((f) => ({ key: f.key, label: f.label, type: f.type, value: doc.values![f.key] }));
  }

  /** The kind an element of this case issues, if any. */
  async kindOf(caseDoc: CaseDoc, elementId: string) {
    const definition = await this.deps.definitions.get(caseDoc.definition.key, caseDoc.definition.version);
    const packageId = (definition as { packageId?: string } | null)?.packageId;
    return packageId ? this.deps.bindings.forElement(packageId, caseDoc.definition.key, elementId) : undefined;
  }

  async preview(p: { caseDoc: CaseDoc; task: OpenTask; form?: { schema: Record<string, unknown> }; data: Record<string, unknown>; prefill: Record<string, unknown>; actor: Actor; at: Date }, format: 'pdf' | 'docx') {
    const binding = await this.kindOf(p.caseDoc, p.task.elementId);
    if (!binding) return null;
    const { values } = await documentValues(this.issueDeps, {
      binding, caseDoc: p.caseDoc, element: p.task.elementId, actor: p.actor, at: p.at,
      form: p.form ? { schema: p.form.schema, data: p.data, prefill: p.prefill } : undefined,
    });
    const template = await this.deps.templates.current(binding);
    let docx: Buffer;
    try {
      docx = fillTemplate(template.data, { ...values, 文号: PREVIEW_NUMBER });
    } catch (err) {
      throw new AppError(422, 'unprocessable', `文书模板无法填写：${(err as Error).message}`);
    }
    const name = `${binding.kind.name}（预览）`;
    if (format === 'docx') return { name: `${name}.docx`, data: docx, type: 'docx' as const };
    return { name: `${name}.pdf`, data: await this.toPdf(docx), type: 'pdf' as const };
  }

  private async toPdf(docx: Buffer): Promise<Buffer> {
    try {
      return await this.deps.pdf.toPdf(docx);
    } catch (err) {
      if (err instanceof PdfUnavailableError) throw pdfUnavailable(err);
      this.deps.logger.error({ err }, 'PDF rendering failed');
      throw new AppError(503, 'pdf_failed', `PDF 生成失败，请稍后重试或下载 .docx：${(err as Error).message}`);
    }
  }

  /** The document's PDF: rendered from its stored .docx on first request, then kept. */
  async pdfOf(doc: DocumentDoc): Promise<{ name: string; size: number; stream: NodeJS.ReadableStream }> {
    if (!doc.file || (doc.status !== 'issued' && doc.status !== 'voided')) throw notFound(`文书未生成${doc.error ? `：${doc.error}` : ''}`);
    let pdf = doc.pdf;
    if (!pdf) {
      const data = await this.toPdf(await this.deps.repo.readFile(doc.file.id));
      const stored = await this.deps.repo.storeFile(data, {
        caseId: String(doc.caseId), name: doc.file.name.replace(/\.docx$/i, '.pdf'), uploadedBy: 'system', documentId: String(doc._id), type: 'pdf',
      });
      pdf = (await this.deps.repo.setPdf(doc._id, stored))?.pdf ?? stored;
    }
    return { name: pdf.name, size: pdf.size, stream: this.deps.repo.openFile(pdf.id) };
  }

  /** 403 unless the actor is of the issuing court and of a role that signs its documents. */
  private mayAmend(doc: DocumentDoc, actor: Actor) {
    const court = doc.issuer?.court;
    if (!court || actor.court !== court.code || !actor.roles.some((r) => AMENDING_ROLES.includes(r))) {
      throw forbidden(`只有发文法院（${court?.name ?? '—'}）的${AMENDING_ROLES.join('、')}可以作废或更正本文书`);
    }
  }

  /** 作废: the document keeps its number, file and text; the reason and who voided it are added. */
  async void(doc: DocumentDoc, reason: unknown, actor: Actor, at: Date): Promise<DocumentDoc> {
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (!why) throw badRequest('请填写作废原因', [{ field: 'reason', message: '必填' }]);
    if (why.length > 500) throw badRequest('作废原因不超过 500 字', [{ field: 'reason', message: '过长' }]);
    this.mayAmend(doc, actor);
    if (doc.status !== 'issued') throw conflict(doc.status === 'voided' ? `该文书已于此前作废：${doc.voided?.reason ?? ''}` : '该文书未签发，不能作废');
    const court = { code: actor.court, name: (await this.deps.courtName(actor.court)) ?? actor.court };
    const voided = await this.deps.repo.voidIssued(doc._id, { reason: why, at, by: { username: actor.username, name: actor.name, court } });
    if (!voided) throw conflict('该文书已被他人作废或更正，请刷新后查看');
    return voided;
  }

  /**
   * 更正: a new document of the same kind and case, with its own 文号, filled from the old one's
   * form fields as edited; it names the old one, which stays as it was.
   */
  async correct(doc: DocumentDoc, edits: unknown, actor: Actor, caseDoc: CaseDoc, at: Date): Promise<DocumentDoc> {
    this.mayAmend(doc, actor);
    if (doc.status !== 'issued') throw conflict(doc.status === 'voided' ? '已作废的文书不能更正' : '该文书未签发，不能更正');
    if (!doc.values) throw conflict('该文书签发时未保存填写内容，不能更正：请作废后重新办理');
    // One correction per document (its source is unique: two racing corrections get the same one).
    const earlier = await this.deps.repo.correctionOf(doc._id);
    if (earlier) throw conflict(`该文书已更正，更正文书为${earlier.number ?? '（未编号）'}`);
    if (edits !== undefined && (typeof edits !== 'object' || edits === null || Array.isArray(edits))) throw badRequest('更正内容必须是对象', [{ field: 'values', message: '格式不正确' }]);
    const binding = (await this.deps.bindings.of(doc.packageId)).find((b) => b.kind.kind === doc.kind);
    if (!binding) throw conflict(`程序包现行版本已不再签发「${doc.name}」，不能更正`);
    const fields = new Map(binding.fields.map((f) => [f.key, f]));
    const fieldValues: TemplateData = Object.fromEntries(Object.entries(doc.values).filter(([k]) => fields.has(k)));
    const problems = [];
    for (const [k, v] of Object.entries((edits ?? {}) as Record<string, unknown>)) {
      if (!fields.has(k)) problems.push({ field: k, message: `「${k}」不是本文书可更正的内容（只能更正表单字段）` });
      else if (typeof v === 'boolean' ? fields.get(k)!.type !== 'checkbox' : typeof v !== 'string' || v.length > 5000) problems.push({ field: k, message: `「${fields.get(k)!.label}」应为不超过 5000 字的文字` });
      else fieldValues[k] = v as string | boolean;
    }
    if (problems.length) throw badRequest('更正内容有误', problems);
    return issueDocument(this.issueDeps, {
      source: `correct:${String(doc._id)}`, binding, caseDoc, element: doc.element ?? '', actor, at,
      fields: fieldValues, corrects: { id: doc._id, number: doc.number },
    });
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
    if ((doc.status !== 'issued' && doc.status !== 'voided') || !doc.file) throw notFound(`文书未生成${doc.error ? `：${doc.error}` : ''}`);
    return this.deps.repo.openFile(doc.file.id);
  }
}
