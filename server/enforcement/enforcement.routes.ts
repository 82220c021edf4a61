// /api/enforcement: 执行案件 records (import, feed, reading), the province's column mapping,
// sampled inspection rounds. Every route checks role and jurisdiction: a court imports and
// sees the records of itself and the courts below it.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import type { Guards } from '../http/actor';
import { badRequest, forbidden, notFound } from '../http/errors';
import { extendApi } from '../http/openapi';
import { containing, pageRequest, param, throwIfProblems } from '../http/paging';
import { CLOSINGS, NODE_TYPES, RECORD_FIELDS } from './fields';
import type { EnforcementService } from './enforcement.service';
import { IMPORT_ROLES } from './import.service';
import { DRAW_ROLES } from './inspections.service';
import { receiveSpreadsheet } from './upload';
import type { ImportJob } from './records.repository';

const presentJob = ({ _id, ...rest }: ImportJob) => ({ id: _id, ...rest });
const MAPPING_ROLES = ['系统管理员', '流程管理员'];

extendApi({
  '/api/enforcement/mapping': {
    get: { summary: '本省执行案件导入的列对应（字段 → 列名）及字段、节点词汇', roles: '任何已登录用户' },
    put: { summary: '修改本省的列对应（高院）', roles: MAPPING_ROLES.join('、') },
  },
  '/api/enforcement/imports': {
    get: { summary: '最近的导入（本院及辖区）', roles: IMPORT_ROLES.join('、') },
    post: { summary: '导入执行案件 .xlsx / CSV（multipart：file，mode=valid|all）；202，后台执行，进度与校验报告见 GET /api/enforcement/imports/{id}', roles: IMPORT_ROLES.join('、') },
  },
  '/api/enforcement/imports/{id}': { get: { summary: '导入进度与校验报告（行、列、原因）', roles: IMPORT_ROLES.join('、') } },
  '/api/enforcement/records': {
    get: { summary: '执行案件（本院及辖区；?court=&caseNo=&closing=&page=&pageSize=）', roles: '任何已登录用户' },
    post: { summary: '系统对接：{records: [...], mode}，按 执行法院 + 案号 幂等，变更保留历史', roles: IMPORT_ROLES.join('、') },
  },
  '/api/enforcement/records/{id}': { get: { summary: '一件执行案件：节点、变更历史、由它启动的督办案件', roles: '任何已登录用户（辖区内）' } },
  '/api/enforcement/cases/{caseId}/record': { get: { summary: '督办案件背后的执行案件', roles: '能查看该案件的用户' } },
  '/api/enforcement/inspections': {
    get: { summary: '本院及辖区的抽查轮次', roles: DRAW_ROLES.join('、') },
    post: { summary: '抽查：{package, inspection, closedFrom, closedTo, rate?, seed?, courts?}，按法院分层、记录种子，逐件启动评查案件', roles: DRAW_ROLES.join('、') },
  },
  '/api/enforcement/inspections/{id}': { get: { summary: '抽查轮次：种子、比例、各法院总数与抽中案件及其评查案件', roles: DRAW_ROLES.join('、') } },
  '/api/enforcement/inspections/{id}/aggregate': { post: { summary: '全部评查案件办结后，各法院合格率记入督办台账', roles: DRAW_ROLES.join('、') } },
});

export function enforcementRoutes(service: EnforcementService, guards: Guards): Router {
  const r = Router();
  const user = guards.requireUser;

  r.get('/enforcement/mapping', user, async (req, res) => {
    res.json({ mapping: await service.mappingOf(guards.actor(req)), fields: RECORD_FIELDS, nodes: NODE_TYPES, closings: CLOSINGS });
  });
  r.put('/enforcement/mapping', user, guards.requireRole(...MAPPING_ROLES), async (req, res) => {
    res.json({ mapping: await service.imports.saveMapping(guards.actor(req), req.body) });
  });

  r.post('/enforcement/imports', user, guards.requireRole(...IMPORT_ROLES), async (req, res) => {
    const file = await receiveSpreadsheet(req);
    const mode = file.fields.mode ?? 'valid';
    if (mode !== 'valid' && mode !== 'all') {
      await rm(path.dirname(file.path), { recursive: true, force: true });
      throw badRequest('mode 应为 valid（写入正确的行）或 all（全部正确才导入）');
    }
    const job = await service.imports.startFile(guards.actor(req), file, mode);
    res.status(202).json(presentJob(job));
  });
  r.get('/enforcement/imports', user, guards.requireRole(...IMPORT_ROLES), async (req, res) => {
    res.json({ items: (await service.recentImports(guards.actor(req))).map(presentJob) });
  });
  r.get('/enforcement/imports/:id', user, guards.requireRole(...IMPORT_ROLES), async (req, res) => {
    const job = await service.job(String(req.params.id));
    if (!job || !(await guards.canReachCourt(guards.actor(req), job.court))) throw notFound('导入记录不存在');
    res.json(presentJob(job));
  });

  r.post('/enforcement/records', user, guards.requireRole(...IMPORT_ROLES), async (req, res) => {
    res.json(await service.feed(guards.actor(req), req.body));
  });
  r.get('/enforcement/records', user, async (req, res) => {
    const q = req.query as Record<string, unknown>;
    const problems: { field: string; message: string }[] = [];
    const p = pageRequest(q, { caseNo: 1 }, problems);
    const court = param(q, 'court', problems);
    const caseNo = param(q, 'caseNo', problems);
    const closing = param(q, 'closing', problems);
    throwIfProblems(problems);
    const filter: Record<string, unknown> = { courtPath: guards.actor(req).court };
    if (court) filter.court = court;
    if (caseNo) filter.caseNo = containing(caseNo);
    if (closing) filter.closing = closing;
    res.json(await service.page(filter, p.skip, p.pageSize, p.page));
  });
  r.get('/enforcement/records/:id', user, async (req, res) => {
    const rec = await service.record(String(req.params.id));
    if (!rec || !rec.courtPath.includes(guards.actor(req).court)) throw notFound('执行案件不存在');
    res.json(await service.present(rec, true));
  });
  r.get('/enforcement/cases/:caseId/record', user, async (req, res) => {
    const c = await service.caseRef(String(req.params.caseId));
    if (!c || !(await guards.canSeeCase(guards.actor(req), c))) throw notFound('案件不存在');
    // Most 督办 cases have no 执行案件 record behind them: that is an answer (null), not an error.
    const rec = await service.recordOfCase(c);
    res.json(rec ? await service.present(rec, true) : null);
  });

  r.post('/enforcement/inspections', user, guards.requireRole(...DRAW_ROLES), async (req, res) => {
    res.status(201).json(await service.draw(guards.actor(req), req.body));
  });
  r.get('/enforcement/inspections', user, guards.requireRole(...DRAW_ROLES), async (req, res) => {
    res.json({ items: await service.rounds(guards.actor(req)) });
  });
  r.get('/enforcement/inspections/:id', user, guards.requireRole(...DRAW_ROLES), async (req, res) => {
    const round = await service.round(String(req.params.id));
    if (!round || !(await guards.canReachCourt(guards.actor(req), round.court))) throw notFound('抽查轮次不存在');
    res.json(round);
  });
  r.post('/enforcement/inspections/:id/aggregate', user, guards.requireRole(...DRAW_ROLES), async (req, res) => {
    const round = await service.round(String(req.params.id));
    if (!round || !(await guards.canReachCourt(guards.actor(req), round.court))) throw notFound('抽查轮次不存在');
    if (round.court !== guards.actor(req).court) throw forbidden('只有发起抽查的法院可以汇总');
    res.json(await service.aggregate(round._id));
  });
  return r;
}
