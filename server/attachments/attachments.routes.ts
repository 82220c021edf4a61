// POST /api/attachments?task=<taskId> | ?case=<caseId>   multipart, field `file` → 201 {id, name, size, type, url}
// GET  /api/attachments/:id                             the bytes, to users who may see the case (404 otherwise)
import { Router } from 'express';
import type { CasesRepository } from '../cases/cases.repository';
import { badRequest, forbidden, notFound } from '../http/errors';
import type { Guards } from '../http/actor';
import type { AttachmentsService } from './attachments.service';
import type { Owner } from './upload';

/** Who may add case-level material: those who work cases (督察 is read-only; 系统管理员 runs IT). */
const CASE_UPLOADERS = ['承办人', '审查人员', '审批人', '院领导', '流程管理员'];

export function attachmentsRoutes(service: AttachmentsService, cases: CasesRepository, guards: Guards): Router {
  const r = Router();

  r.post('/attachments', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    const taskId = typeof req.query.task === 'string' ? req.query.task : undefined;
    const caseId = typeof req.query.case === 'string' ? req.query.case : undefined;
    let owner: Owner;
    if (taskId) {
      // Only the person who may complete the task uploads its material.
      const doc = await cases.findByOpenTask(taskId);
      if (!doc || !(await guards.canSeeCase(actor, doc))) throw notFound('待办任务不存在或已办结');
      const task = doc.openTasks.find((t) => t.id === taskId)!;
      if (!guards.matchesAssignment(actor, task.assignment)) throw forbidden('该任务未分派给您或您的部门');
      owner = { caseId: String(doc._id), taskId, uploadedBy: actor.username };
    } else if (caseId) {
      const doc = /^[0-9a-f]{24}$/i.test(caseId) ? await cases.findById(caseId) : null;
      if (!doc || !(await guards.canSeeCase(actor, doc))) throw notFound('案件不存在');
      if (!actor.roles.some((r) => CASE_UPLOADERS.includes(r))) throw forbidden('您的角色不能为案件上传材料');
      if (doc.status !== 'running') throw badRequest('案件已办结，不能再上传材料');
      owner = { caseId: String(doc._id), uploadedBy: actor.username };
    } else {
      throw badRequest('请指明附件所属的任务（?task=）或案件（?case=）', [{ field: 'task', message: '必填' }]);
    }
    const stored = await service.upload(req, owner);
    res.status(201).json({ ...stored, url: `/api/attachments/${stored.id}` });
  });

  r.get('/attachments/:id', guards.requireUser, async (req, res) => {
    const file = await service.find(String(req.params.id));
    const doc = file ? await cases.findById(file.metadata.caseId) : null;
    // Another court's file is as absent as a file that never existed.
    if (!file || !doc || !(await guards.canSeeCase(guards.actor(req), doc))) throw notFound('附件不存在');
    const name = file.metadata.name;
    const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
    res.setHeader('Content-Type', file.metadata.contentType);
    res.setHeader('Content-Length', String(file.length));
    res.setHeader('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    const stream = service.openDownload(file);
    stream.on('error', (err) => res.destroy(err));
    stream.pipe(res);
  });
  return r;
}
