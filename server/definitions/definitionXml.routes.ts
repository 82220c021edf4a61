// GET /api/definitions/:key/:version → {key, version, name, xml}: the diagram a case runs on,
// for the case page's viewer. Any signed-in user: diagrams are shared by every court (the
// list GET /api/definitions is public to signed-in users too); cases stay jurisdiction-bound.
import { Router } from 'express';
import type { Guards } from '../http/actor';
import { badRequest, notFound } from '../http/errors';
import { extendApi } from '../http/openapi';
import type { DefinitionDoc } from './definition.model';

extendApi({
  '/api/definitions/{key}/{version}': {
    get: { summary: '某一版本的流程图 XML（案件页展示流程图）', roles: '任何已登录用户' },
  },
});

export function definitionXmlRoutes(
  definitions: { get(key: string, version: number): Promise<DefinitionDoc | null> },
  guards: Pick<Guards, 'requireUser'>,
): Router {
  const r = Router();
  r.get('/definitions/:key/:version', guards.requireUser, async (req, res) => {
    const version = Number(req.params.version);
    if (!Number.isInteger(version) || version < 1) {
      throw badRequest('版本号应为正整数', [{ field: 'version', message: '应为正整数' }]);
    }
    const def = await definitions.get(String(req.params.key), version);
    if (!def) throw notFound('流程定义不存在');
    // Immutable once deployed: the browser may keep it.
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.json({ key: def.key, version: def.version, name: def.name ?? null, xml: def.xml });
  });
  return r;
}
