// POST /api/packages/validate (zip body): every check of an import, nothing written — the
// package editor's 检查 button (client/src/features/admin, modeler). Always 200 with the
// problems and warnings (docs/PACKAGES.md "导入时的检查"); an import of the same zip would be
// refused exactly when `problems` is not empty.
import express, { Router } from 'express';
import type { Guards } from '../http/actor';
import { AppError, badRequest } from '../http/errors';
import { extendApi } from '../http/openapi';
import { validationContext, type PackagesDeps } from './deps';
import { MAX_ZIP_BYTES } from './packages.routes';
import { validatePackage } from './validatePackage';
import { readZip } from './zip.read';

const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed', 'application/octet-stream'];

export function packageValidateRoutes(deps: PackagesDeps, guards: Guards): Router {
  extendApi({
    '/api/packages/validate': {
      post: { summary: '检查程序包 zip（与导入相同的全部检查），不写入任何内容', roles: '流程管理员', body: 'application/zip' },
    },
  });
  const r = Router();
  r.post('/packages/validate', guards.requireUser, guards.requireRole('流程管理员'), (req, _res, next) => {
    if (!req.is(ZIP_TYPES)) return next(new AppError(415, 'unsupported_media_type', '请以 Content-Type: application/zip 上传程序包 zip 文件'));
    next();
  }, express.raw({ type: () => true, limit: MAX_ZIP_BYTES }), async (req, res) => {
    if (!Buffer.isBuffer(req.body) || !req.body.length) throw badRequest('请求体为空：请上传程序包 zip 文件');
    const { problems, warnings } = await validatePackage(await readZip(req.body), validationContext(deps));
    res.json({ problems, warnings });
  });
  return r;
}
