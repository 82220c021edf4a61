// Per-IP limit on failed logins (express-rate-limit, memory store: per process). Successful
// logins do not count: a whole court behind one NAT address signs in at 8:30.
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../http/errors';

export interface LoginRateLimit {
  windowMs: number;
  limit: number;
}
export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimit = { windowMs: 15 * 60 * 1000, limit: 50 };

export function loginLimiter(opts: LoginRateLimit = DEFAULT_LOGIN_RATE_LIMIT) {
  return rateLimit({
    windowMs: opts.windowMs,
    limit: opts.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    handler: (_req, res, next) => {
      const seconds = Number(res.getHeader('Retry-After')) || Math.ceil(opts.windowMs / 1000);
      next(new AppError(429, 'rate_limited', `登录尝试过于频繁，请 ${Math.ceil(seconds / 60)} 分钟后重试`));
    },
  });
}
