// /api/ledger: the supervision ledger (server/ledger/README.md). Every route checks role and
// jurisdiction: a court sees entries about itself and the courts below it; only the court that
// issued an entry corrects it.
import { Router, type Request } from 'express';
import type { Guards } from '../http/actor';
import { badRequest } from '../http/errors';
import { extendApi } from '../http/openapi';
import { ENTRY_KINDS, CONSEQUENCE, REVERSAL, beijingYear } from './kinds';
import { ledgerWorkbook, rankingWorkbook } from './ledger.export';
import type { LedgerService } from './ledger.service';

export const LEDGER_READERS = ['审批人', '院领导', '督察', '审查人员'];
export const LEDGER_WRITERS = ['审批人', '院领导'];

extendApi({
  '/api/ledger': {
    get: { summary: '督办台账：本院及辖区法院的通报、约谈、评查、考核、追责及规则后果（?year=&court=&kind=&page=&pageSize=）', roles: LEDGER_READERS.join('、') },
    post: { summary: '手工登记台账记录（作出法院为本院，须写明事由）', roles: LEDGER_WRITERS.join('、') },
  },
  '/api/ledger/{id}/reversal': { post: { summary: '撤销一条台账记录（复议等）：新增撤销记录，原记录保留', roles: `${LEDGER_WRITERS.join('、')}（作出法院）` } },
  '/api/ledger/mine': { get: { summary: '本人被记载的台账记录（按姓名和所在法院）', roles: '任何已登录用户' } },
  '/api/ledger/summary': { get: { summary: '年度各法院、个人计数及规则后果（?year=）', roles: LEDGER_READERS.join('、') } },
  '/api/ledger/quarterly': { get: { summary: '季度通报清单（?year=&quarter=）', roles: LEDGER_READERS.join('、') } },
  '/api/ledger/ranking': { get: { summary: '辖区法院排名（程序包的指标与权重；?year=&level=中院|基层|专门）', roles: LEDGER_READERS.join('、') } },
  '/api/ledger/ranking/export': { get: { summary: '导出法院排名 Excel（?year=&level=）', roles: LEDGER_READERS.join('、') } },
  '/api/ledger/export': { get: { summary: '导出年度台账 Excel（?year=）', roles: LEDGER_READERS.join('、') } },
});

const KIND_FILTER = [...ENTRY_KINDS, CONSEQUENCE, REVERSAL] as string[];

function intParam(req: Request, name: string, min: number, max: number, fallback?: number): number | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw badRequest(`参数 ${name} 应为 ${min}–${max} 的整数`, [{ field: name, message: '取值不正确' }]);
  return n;
}

function textParam(req: Request, name: string): string | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || raw.length > 64) throw badRequest(`参数 ${name} 不正确`, [{ field: name, message: '取值不正确' }]);
  return raw;
}

export function ledgerRoutes(service: LedgerService, guards: Guards, now: () => Date): Router {
  const r = Router();
  const read = [guards.requireUser, guards.requireRole(...LEDGER_READERS)];
  const write = [guards.requireUser, guards.requireRole(...LEDGER_WRITERS)];
  const year = (req: Request) => intParam(req, 'year', 2000, 2100, beijingYear(now()))!;

  r.get('/ledger', ...read, async (req, res) => {
    const kind = textParam(req, 'kind');
    if (kind && !KIND_FILTER.includes(kind)) throw badRequest(`类别应为：${KIND_FILTER.join('、')}`, [{ field: 'kind', message: '取值不正确' }]);
    res.json(await service.list(guards.actor(req), {
      year: intParam(req, 'year', 2000, 2100), court: textParam(req, 'court'), kind,
      page: intParam(req, 'page', 1, 100_000, 1)!, pageSize: intParam(req, 'pageSize', 1, 200, 20)!,
    }));
  });
  r.get('/ledger/mine', guards.requireUser, async (req, res) => {
    res.json(await service.mine(guards.actor(req)));
  });
  r.get('/ledger/summary', ...read, async (req, res) => {
    res.json(await service.summary(guards.actor(req), year(req)));
  });
  r.get('/ledger/quarterly', ...read, async (req, res) => {
    const q = intParam(req, 'quarter', 1, 4);
    if (!q) throw badRequest('请指定季度（1–4）', [{ field: 'quarter', message: '不能为空' }]);
    res.json(await service.quarterly(guards.actor(req), year(req), q));
  });
  const level = (req: Request) => {
    const l = textParam(req, 'level');
    if (l && !['中院', '基层', '专门'].includes(l)) throw badRequest('层级应为：中院、基层、专门', [{ field: 'level', message: '取值不正确' }]);
    return l;
  };
  r.get('/ledger/ranking', ...read, async (req, res) => {
    res.json(await service.ranking(guards.actor(req), year(req), level(req)));
  });
  r.get('/ledger/ranking/export', ...read, async (req, res) => {
    const ranking = await service.ranking(guards.actor(req), year(req), level(req));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ranking-${ranking.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${ranking.year}年法院排名.xlsx`)}`);
    res.send(await rankingWorkbook(ranking));
  });
  r.get('/ledger/export', ...read, async (req, res) => {
    const y = year(req);
    const actor = guards.actor(req);
    const [list, summary] = await Promise.all([service.list(actor, { year: y, page: 1, pageSize: 20_000 }), service.summary(actor, y)]);
    const body = await ledgerWorkbook(y, list.items, summary);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ledger-${y}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${y}年督办台账.xlsx`)}`);
    res.send(body);
  });
  r.post('/ledger', ...write, async (req, res) => {
    const entry = await service.record(guards.actor(req), req.body);
    res.status(201).json((await service.present([entry], new Set()))[0]);
  });
  r.post('/ledger/:id/reversal', ...write, async (req, res) => {
    const id = String(req.params.id);
    if (id.length > 200) throw badRequest('记录编号不正确');
    const entry = await service.reverse(guards.actor(req), id, req.body);
    res.status(201).json((await service.present([entry], new Set()))[0]);
  });
  return r;
}
