// GET  /api/cases/:id/documents                          the case's documents (those who see the case)
// GET  /api/documents/:id , /api/documents/:id/file       one document, its .docx (same rule; 404 otherwise)
// GET  /api/documents/templates?package=<id>             kinds, bindings, placeholders, revisions (signed in)
// GET  /api/documents/templates/:package/:kind/file[?revision=N]   a template (流程管理员)
// POST /api/documents/templates/:package/:kind/revisions  body: the .docx → 201 {revision} | 422 (流程管理员)
// GET  /api/documents/:id/pdf                            its PDF (503 with the reason when the server cannot render)
// POST /api/documents/:id/void {reason}                  作废 (the issuing court's 承办人/审批人/院领导)
// POST /api/documents/:id/corrections {values}           更正: a new document naming the old (same)
// GET  /api/tasks/:id/document                          the kind the task issues, or null (those who see the case)
// POST /api/tasks/:id/document-preview?format=pdf|docx {data}   the document the task would issue (its assignee)
import express, { Router } from 'express';
import type { CaseDoc, OpenTask } from '../cases/case.model';
import type { CasesRepository } from '../cases/cases.repository';
import type { Clock } from '../clock';
import type { Guards } from '../http/actor';
import { badRequest, forbidden, notFound } from '../http/errors';
import { attachmentHeaders, presentDocument } from './documents.presenter';
import type { DocumentsService } from './documents.service';
import { MAX_TEMPLATE_BYTES, type TemplatesService } from './templates.service';
import type { DocumentDoc } from './document.model';

/** The case's documents, each with the correction that replaced it (if any) and the fields a correction may change. */
function presentAll(service: DocumentsService, docs: DocumentDoc[]) {
  const byOld = new Map(docs.filter((d) => d.corrects?.id).map((d) => [String(d.corrects!.id), d]));
  return Promise.all(docs.map(async (d) => {
    const by = byOld.get(String(d._id));
    return { ...presentDocument(d), correctedBy: by ? { id: String(by._id), number: by.number ?? null } : null, fields: await service.correctableFields(d) };
  }));
}

const DOCX_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/octet-stream', 'application/zip'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The task's form and the case data it shows (the tasks capability's formView). */
export type TaskFormOf = (doc: CaseDoc, task: OpenTask) => Promise<{ form: { schema: unknown } | null; prefill: Record<string, unknown> }>;

export function documentsRoutes(service: DocumentsService, templates: TemplatesService, cases: CasesRepository, guards: Guards, clock: Clock, taskForm: TaskFormOf): Router {
  const r = Router();
  const admin = [guards.requireUser, guards.requireRole('流程管理员')];
  const maySee = (req: express.Request) => async (caseId: string) => {
    const doc = await cases.findById(caseId);
    return !!doc && (await guards.canSeeCase(guards.actor(req), doc));
  };
  const param = (v: unknown, what: string) => {
    const s = String(v ?? '');
    if (!ID.test(s)) throw badRequest(`${what}格式不正确`, [{ field: what, message: '应为英文字母、数字、-、_' }]);
    return s;
  };

  r.get('/cases/:id/documents', guards.requireUser, async (req, res) => {
    const id = String(req.params.id);
    if (!/^[0-9a-f]{24}$/i.test(id) || !(await maySee(req)(id))) throw notFound('案件不存在');
    res.json({ documents: await presentAll(service, await service.ofCase(id)) });
  });

  // The kind a task issues when completed (the task page offers its preview), or null.
  r.get('/tasks/:id/document', guards.requireUser, async (req, res) => {
    const caseDoc = await cases.findByTask(String(req.params.id));
    if (!caseDoc || !(await guards.canSeeCase(guards.actor(req), caseDoc))) throw notFound('待办任务不存在');
    const task = caseDoc.openTasks.find((t) => t.id === req.params.id);
    if (!task) throw notFound('该任务已办结');
    const b = await service.kindOf(caseDoc, task.elementId);
    res.json({ document: b ? { kind: b.kind.kind, name: b.kind.name, numbering: b.kind.numbering } : null });
  });

  r.post('/tasks/:id/document-preview', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const format = req.query.format === undefined ? 'pdf' : String(req.query.format);
    if (format !== 'pdf' && format !== 'docx') throw badRequest('format 只能是 pdf 或 docx');
    const data = req.body?.data ?? {};
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badRequest('表单数据必须是对象', [{ field: 'data', message: '格式不正确' }]);
    const caseDoc = await cases.findByTask(String(req.params.id));
    if (!caseDoc || !(await guards.canSeeCase(actor, caseDoc))) throw notFound('待办任务不存在');
    const task = caseDoc.openTasks.find((t) => t.id === req.params.id);
    if (!task) throw notFound('该任务已办结');
    if (!guards.matchesAssignment(actor, task.assignment)) throw forbidden('该任务未分派给您，不能预览其文书');
    const { form, prefill } = await taskForm(caseDoc, task);
    const out = await service.preview({
      caseDoc, task, form: form ? { schema: form.schema as Record<string, unknown> } : undefined, data, prefill, actor, at: clock.now(),
    }, format);
    if (!out) throw notFound('该任务不签发文书');
    res.set({ ...attachmentHeaders(out.name, out.data.length, out.type), 'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(out.name)}` }).send(out.data);
  });

  r.get('/documents/templates', guards.requireUser, async (req, res) => {
    res.json({ templates: await templates.list(param(req.query.package, '程序包')) });
  });

  r.get('/documents/templates/:packageId/:kind/file', ...admin, async (req, res) => {
    const revision = req.query.revision === undefined ? undefined : Number(req.query.revision);
    if (revision !== undefined && (!Number.isInteger(revision) || revision < 1)) throw badRequest('模板版本应为正整数', [{ field: 'revision', message: '应为正整数' }]);
    const file = await templates.file(param(req.params.packageId, '程序包'), param(req.params.kind, '文书种类'), revision);
    res.set(attachmentHeaders(file.name, file.data.length)).send(file.data);
  });

  r.post('/documents/templates/:packageId/:kind/revisions', ...admin, (req, _res, next) => {
    if (!req.is(DOCX_TYPES)) return next(badRequest('请以 Word 文档（.docx）上传模板'));
    next();
  }, express.raw({ type: () => true, limit: MAX_TEMPLATE_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || !req.body.length) throw badRequest('请求体为空：请上传 .docx 模板');
    const saved = await templates.upload(param(req.params.packageId, '程序包'), param(req.params.kind, '文书种类'), req.body, guards.actor(req));
    res.status(201).json(saved);
  });

  r.get('/documents/:id', guards.requireUser, async (req, res) => {
    const doc = await service.visible(String(req.params.id), maySee(req));
    res.json({ document: (await presentAll(service, await service.ofCase(doc.caseId))).find((d) => d.id === String(doc._id)) });
  });

  r.get('/documents/:id/pdf', guards.requireUser, async (req, res) => {
    const doc = await service.visible(String(req.params.id), maySee(req));
    const pdf = await service.pdfOf(doc);
    res.set(attachmentHeaders(pdf.name, pdf.size, 'pdf'));
    if (req.query.inline !== undefined) {
      // Shown in the browser's PDF viewer to print: a sandboxing CSP would keep the viewer out.
      res.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(pdf.name)}`);
      res.removeHeader('Content-Security-Policy');
    }
    pdf.stream.on('error', (err) => res.destroy(err));
    pdf.stream.pipe(res);
  });

  r.post('/documents/:id/void', guards.requireUser, async (req, res) => {
    const doc = await service.visible(String(req.params.id), maySee(req));
    const voided = await service.void(doc, req.body?.reason, guards.actor(req), clock.now());
    res.json({ document: presentDocument(voided) });
  });

  r.post('/documents/:id/corrections', guards.requireUser, async (req, res) => {
    const doc = await service.visible(String(req.params.id), maySee(req));
    const caseDoc = await cases.findById(String(doc.caseId));
    if (!caseDoc) throw notFound('案件不存在');
    const issued = await service.correct(doc, req.body?.values, guards.actor(req), caseDoc, clock.now());
    res.status(201).json({ document: presentDocument(issued) });
  });

  r.get('/documents/:id/file', guards.requireUser, async (req, res) => {
    const doc = await service.visible(String(req.params.id), maySee(req));
    const stream = service.openFile(doc);
    res.set(attachmentHeaders(doc.file!.name, doc.file!.size));
    stream.on('error', (err) => res.destroy(err));
    stream.pipe(res);
  });
  return r;
}
