import { Router } from 'express';
import { badRequest } from '../http/errors';
import type { Actor, Guards, Owned } from '../http/actor';
import type { DefinitionsService } from './definitions.service';
import type { MigrateInput } from './migrateCases';

const MAX_XML = 2 * 1024 * 1024;

export function definitionsRoutes(
  service: DefinitionsService,
  guards: Guards,
  migrate: (key: string, input: MigrateInput, actor: string) => Promise<unknown>,
  owners: {
    /** The package a new diagram is deployed into (claimed for the actor's court when new). */
    ofPackage(packageId: string, actor: Actor): Promise<Owned | null>;
    /** The package of a deployed process. */
    ofProcess(key: string): Promise<Owned | null>;
  },
): Router {
  const r = Router();
  const PACKAGE_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
  const ownPackage = guards.requireScope(async (req, actor) => {
    const packageId = (req.body as { packageId?: unknown } | undefined)?.packageId;
    return typeof packageId === 'string' && PACKAGE_ID.test(packageId) ? owners.ofPackage(packageId, actor) : null;
  });
  const ownProcess = guards.requireScope((req) => owners.ofProcess(String(req.params.key)));
  r.get('/definitions', guards.requireUser, async (req, res) => {
    const packageId = typeof req.query.packageId === 'string' ? req.query.packageId : undefined;
    res.json({ definitions: await service.list(packageId) });
  });
  r.post('/definitions', guards.requireUser, guards.requireRole('流程管理员'), ownPackage, async (req, res) => {
    const { packageId, xml } = req.body ?? {};
    if (typeof packageId !== 'string' || !PACKAGE_ID.test(packageId)) {
      throw badRequest('packageId 无效：应为小写字母、数字和连字符', [{ field: 'packageId', message: '格式不正确' }]);
    }
    if (typeof xml !== 'string' || !xml.trim()) {
      throw badRequest('缺少流程图 XML', [{ field: 'xml', message: '必填' }]);
    }
    if (Buffer.byteLength(xml) > MAX_XML) throw badRequest('流程图超过 2 MB 上限');
    const result = await service.deploy(packageId, xml, guards.actor(req));
    res.status(result.unchanged ? 200 : 201).json(result);
  });
  // {fromVersion, toVersion, dryRun = true, idMap?}: a dry run unless told otherwise.
  r.post('/definitions/:key/migrate', guards.requireUser, guards.requireRole('流程管理员'), ownProcess, async (req, res) => {
    const { fromVersion, toVersion, dryRun = true, idMap } = req.body ?? {};
    const problems = [];
    if (!Number.isInteger(fromVersion) || fromVersion < 1) problems.push({ field: 'fromVersion', message: '应为正整数' });
    if (!Number.isInteger(toVersion) || toVersion < 1) problems.push({ field: 'toVersion', message: '应为正整数' });
    if (typeof dryRun !== 'boolean') problems.push({ field: 'dryRun', message: '应为 true 或 false' });
    if (idMap !== undefined && (typeof idMap !== 'object' || idMap === null || Object.values(idMap).some((v) => typeof v !== 'string'))) {
      problems.push({ field: 'idMap', message: '应为 {旧元素ID: 新元素ID}' });
    }
    if (problems.length) throw badRequest('迁移参数无效', problems);
    res.json(await migrate(String(req.params.key), { fromVersion, toVersion, dryRun, idMap }, guards.actor(req).username));
  });
  return r;
}
