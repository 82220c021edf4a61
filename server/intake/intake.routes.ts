import { Router } from 'express';
import type { Guards } from '../http/actor';
import { forbidden } from '../http/errors';
import { presentCase } from '../cases/cases.presenter';
import { assertStartInput } from '../cases/cases.service';
import { accountsOf, type People } from '../cases/people';
import type { ProcessOwner } from '../cases/cases.routes';
import { extendApi } from '../http/openapi';
import type { IntakeService } from './intake.service';

const STARTERS = '程序包立案声明（manifest.startForms）中的法院层级与角色；未声明的流程：审查人员、承办人、流程管理员';

export function intakeRoutes(service: IntakeService, guards: Guards, people: People = async () => ({}), ownerOfProcess: ProcessOwner = async () => null): Router {
  extendApi({
    '/api/intake/options': { get: { summary: '当前用户可立案的流程：立案表单、可选的被督办法院（本院辖区的下级法院，按层级）', roles: '任何已登录用户' } },
    '/api/cases': { post: { summary: '立案：按立案表单校验数据后创建案件，案号（2026）琼执督1号按省份、年度连续编号', roles: STARTERS, body: '{process, supervisedCourt, data}' } },
  });
  const r = Router();

  r.get('/intake/options', guards.requireUser, async (req, res) => {
    res.json({ options: await service.options(guards.actor(req)) });
  });

  // 立案. Role, court level, province and supervised court are judged from the package's
  // declaration (IntakeService), not from a fixed list here.
  r.post('/cases', guards.requireUser, async (req, res) => {
    const actor = guards.actor(req);
    // Bounded data and no client-chosen 督办案号 (security probe F6/F8), before anything else.
    const input = assertStartInput(req.body);
    // A package's processes run only within the issuing court's jurisdiction (probe F2).
    const owner = await ownerOfProcess(input.process);
    const supervised = input.supervisedCourt ?? actor.court;
    if (owner && !((await guards.withinOwner(owner.court, actor.court)) && (await guards.withinOwner(owner.court, supervised)))) {
      throw forbidden(`${owner.label}的流程只能在发布法院辖区内立案使用`);
    }
    const doc = await service.start(actor, req.body);
    res.status(201).json(presentCase(doc, await people(accountsOf(doc))));
  });
  return r;
}
