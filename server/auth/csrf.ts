// CSRF: a random token per session, returned at login and by GET /api/me, required as
// X-CSRF-Token on every state-changing request. The login itself is exempt: it has no session
// yet, and a cross-site form cannot send it JSON.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError, unauthenticated } from '../http/errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const newCsrfToken = () => randomBytes(32).toString('base64url');

export function csrfProtection(exempt: { method: string; path: string }[]): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const fullPath = req.baseUrl + req.path;
    if (exempt.some((e) => e.method === req.method && e.path === fullPath)) return next();
    if (!req.user) return next(unauthenticated());
    const expected = req.session?.csrfToken;
    const got = req.get('x-csrf-token');
    if (!expected || !got || !sameToken(expected, got)) {
      return next(new AppError(403, 'csrf', '安全校验失败（CSRF 令牌缺失或无效），请刷新页面后重试'));
    }
    next();
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
