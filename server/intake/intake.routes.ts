import { Router } from 'express';
import type { Guards } from '../http/actor';
import { presentCase } from '../cases/cases.presenter';
import { extendApi } from '../http/openapi';
import type { IntakeService } from './intake.service';

const STARTERS = '程序包立案声明（manifest.startForms）中的法院层级与角色；未声明的流程：审查人员、承办人、流程管理员';

export function intakeRoutes(service: IntakeService, guards: Guards): Router {
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
    const doc = await service.start(guards.actor(req), req.body);
    res.status(201).json(presentCase(doc));
  });
  return r;
}
