// /api/packages: import (zip body), list, read, export, publish, parameters, clauses.
// Reading: any signed-in user; writing: 流程管理员.
import express, { Router, type Request } from 'express';
import type { Guards } from '../http/actor';
import { AppError, badRequest } from '../http/errors';
import type { PackageOwners } from './owners';
import type { PackagesService } from './packages.service';

export const MAX_ZIP_BYTES = 20 * 1024 * 1024;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

function versionOf(req: Request): number | undefined {
  const v = req.query.version ?? (req.body as { version?: unknown } | undefined)?.version;
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw badRequest('版本应为正整数', [{ field: 'version', message: '应为正整数' }]);
  return n;
}

export function packagesRoutes(service: PackagesService, guards: Guards, owners: PackageOwners): Router {
  const r = Router();
  const admin = [guards.requireUser, guards.requireRole('流程管理员')];
  // The package named in the path must belong to the actor's court or one it supervises.
  const ownPackage = guards.requireScope((req) => owners.owned(String(req.params.id)));

  r.post('/packages', ...admin, (req, _res, next) => {
    if (!req.is(ZIP_TYPES)) return next(new AppError(415, 'unsupported_media_type', '请以 Content-Type: application/zip 上传程序包 zip 文件'));
    next();
  }, express.raw({ type: () => true, limit: MAX_ZIP_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || !req.body.length) throw badRequest('请求体为空：请上传程序包 zip 文件');
    const result = await service.importZip(req.body, guards.actor(req));
    res.status(result.unchanged ? 200 : 201).json(result);
  });

  r.get('/packages', guards.requireUser, async (_req, res) => {
    res.json({ packages: await service.list() });
  });

  r.get('/packages/:id', guards.requireUser, async (req, res) => {
    res.json({ package: await service.get(String(req.params.id), versionOf(req)) });
  });

  r.get('/packages/:id/export', guards.requireUser, async (req, res) => {
    const { doc, zip } = await service.exportZip(String(req.params.id), versionOf(req));
    res.type('application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${doc.packageId}-v${doc.version}.zip"`);
    res.send(zip);
  });

  r.post('/packages/:id/publish', ...admin, ownPackage, async (req, res) => {
    const doc = await service.publish(String(req.params.id), versionOf(req), guards.actor(req));
    res.json({ package: await service.get(doc.packageId, doc.version) });
  });

  r.put('/packages/:id/parameters/:paramId', ...admin, ownPackage, async (req, res) => {
    const { value } = (req.body ?? {}) as { value?: unknown };
    res.json(await service.changeParameter(String(req.params.id), String(req.params.paramId), value, guards.actor(req)));
  });

  // 第二十四条 (Baishan): the higher rules the package sits under and the conflicts the platform sees.
  r.get('/packages/:id/conflicts', ...admin, ownPackage, async (req, res) => {
    res.json(await service.conflicts(String(req.params.id)));
  });

  r.get('/packages/:id/articles/:no', guards.requireUser, async (req, res) => {
    const document = typeof req.query.document === 'string' ? req.query.document : undefined;
    res.json(await service.article(String(req.params.id), String(req.params.no), document));
  });

  r.get('/packages/:id/elements/:elementId/clause', guards.requireUser, async (req, res) => {
    const process = typeof req.query.process === 'string' ? req.query.process : undefined;
    res.json(await service.clauseOf(String(req.params.id), String(req.params.elementId), process));
  });
  return r;
}
