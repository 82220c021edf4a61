// GET  /api/cases/:id/documents                          the case's documents (those who see the case)
// GET  /api/documents/:id , /api/documents/:id/file       one document, its .docx (same rule; 404 otherwise)
// GET  /api/documents/templates?package=<id>             kinds, bindings, placeholders, revisions (signed in)
// GET  /api/documents/templates/:package/:kind/file[?revision=N]   a template (流程管理员)
// POST /api/documents/templates/:package/:kind/revisions  body: the .docx → 201 {revision} | 422 (流程管理员)
import express, { Router } from 'express';
import type { CasesRepository } from '../cases/cases.repository';
import type { Guards } from '../http/actor';
import { badRequest, notFound } from '../http/errors';
import { attachmentHeaders, presentDocument } from './documents.presenter';
import type { DocumentsService } from './documents.service';
import { MAX_TEMPLATE_BYTES, type TemplatesService } from './templates.service';

const DOCX_TYPES = ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/octet-stream', 'application/zip'];
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function documentsRoutes(service: DocumentsService, templates: TemplatesService, cases: CasesRepository, guards: Guards): Router {
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
    res.json({ documents: (await service.ofCase(id)).map(presentDocument) });
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
    res.json({ document: presentDocument(await service.visible(String(req.params.id), maySee(req))) });
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
