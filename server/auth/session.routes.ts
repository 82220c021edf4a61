// POST /api/session (sign in), GET /api/me, DELETE /api/session (sign out),
// PUT /api/me/password (change one's own password).
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { parseInput, type CourtsRepository } from '../courts';
import { AppError, unprocessable } from '../http/errors';
import type { Audit } from './audit';
import { newCsrfToken } from './csrf';
import { requireUser } from './guards';
import { passwordProblems, type PasswordHasher } from './password';
import type { AuthenticatedUser, LoginRefusal, PassportInstance } from './passport';
import { SESSION_COOKIE } from './session';
import { presentMe } from './users.presenter';
import type { UsersRepository } from './users.repository';
import type { LoginThrottle } from './loginThrottle';

const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
const passwordChangeSchema = z.object({ currentPassword: z.string().max(256), newPassword: z.string().max(256) });

/** Our verify callback's refusal; anything else passport reports (missing fields) is "invalid". */
const refusal = (info?: Partial<LoginRefusal>): LoginRefusal =>
  info?.reason === 'locked' || info?.reason === 'disabled' ? (info as LoginRefusal) : { reason: 'invalid' };

const clock = (d: Date) =>
  d.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, hour: '2-digit', minute: '2-digit' });

export function sessionRoutes(deps: {
  passport: PassportInstance;
  users: UsersRepository;
  courts: CourtsRepository;
  hasher: PasswordHasher;
  audit: Audit;
  limiter: RequestHandler;
  now: () => Date;
  throttle: LoginThrottle;
}): Router {
  const { passport, users, courts, hasher, audit, now } = deps;
  const router = Router();
  // Locks are measured in real time (loginThrottle.ts), so the wait is too.
  const locked = (until: Date) => {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    const minutes = Math.ceil(seconds / 60);
    return new AppError(429, 'account_locked', `登录失败次数过多，账户已临时锁定，请于 ${clock(until)}（约 ${minutes} 分钟后）重试，或请系统管理员解锁`, [], seconds);
  };

  const authenticate = (req: Request, res: Parameters<RequestHandler>[1]) =>
    new Promise<AuthenticatedUser | LoginRefusal>((resolve, reject) =>
      passport.authenticate('local', (err: unknown, user: AuthenticatedUser | false, info?: Partial<LoginRefusal>) =>
        err ? reject(err) : resolve(user || refusal(info)),
      )(req, res, reject),
    );
  // passport regenerates the session id here (session fixation), then stores the user.
  const logIn = (req: Request, user: AuthenticatedUser) =>
    new Promise<void>((resolve, reject) => req.logIn(user, (err) => (err ? reject(err) : resolve())));
  // Stored before answering, so the client's very next request already finds the token.
  const startSession = async (req: Request, user: AuthenticatedUser) => {
    await logIn(req, user);
    req.session.csrfToken = newCsrfToken();
    await new Promise<void>((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
  };
  const reply = async (req: Request, user: AuthenticatedUser) => {
    req.session.csrfToken ??= newCsrfToken();
    return { user: presentMe(user, await courts.findByCode(user.court)), csrfToken: req.session.csrfToken };
  };

  router.post('/session', deps.limiter, async (req, res) => {
    req.body = parseInput(loginSchema, req.body, '登录信息');
    const result = await authenticate(req, res);
    if ('reason' in result) {
      if (result.reason === 'locked') throw locked(result.until);
      if (result.reason === 'disabled') throw new AppError(403, 'account_disabled', '账户已停用，请联系系统管理员');
      throw new AppError(401, 'invalid_credentials', '用户名或密码错误');
    }
    await startSession(req, result);
    await audit({ type: 'login', actor: result.username, target: result.username, ip: req.ip });
    res.json(await reply(req, result));
  });

  // The client's session probe: signed out is an answer, not an error (a 401 here was logged
  // as a console error on every visit to the login page).
  router.get('/session', async (req, res) => {
    const user = req.user as AuthenticatedUser | undefined;
    res.setHeader('Cache-Control', 'no-store');
    res.json(user ? await reply(req, user) : { user: null });
  });

  router.get('/me', requireUser, async (req, res) => {
    res.json(await reply(req, req.user as AuthenticatedUser));
  });

  router.delete('/session', requireUser, async (req, res) => {
    await audit({ type: 'logout', actor: req.user!.username, target: req.user!.username, ip: req.ip });
    await new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  router.put('/me/password', requireUser, async (req, res) => {
    const body = parseInput(passwordChangeSchema, req.body, '密码信息');
    const me = req.user!;
    const record = await users.findForLogin(me.username);
    // The current password is guessed no faster here than at sign-in (security probe F11).
    const claim = await deps.throttle.claim(me.username, req.ip ?? 'unknown');
    if (!claim.ok) throw locked(claim.until);
    if (!record || !(await hasher.verify(record.passwordHash, body.currentPassword))) {
      const { lockedUntil } = await claim.release(false);
      await audit({ type: 'login_failed', actor: me.username, target: me.username, ip: req.ip, data: { reason: 'wrong_current_password' } });
      if (lockedUntil) throw locked(lockedUntil);
      throw unprocessable('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
    }
    await claim.release(true);
    if (body.newPassword === body.currentPassword) {
      throw unprocessable('新密码不能与当前密码相同', [{ field: 'newPassword', message: '新密码不能与当前密码相同' }]);
    }
    const problems = passwordProblems(body.newPassword, me.username);
    if (problems.length) throw unprocessable(problems.join('；'), problems.map((message) => ({ field: 'newPassword', message })));
    const updated = await users.setPassword(me.username, await hasher.hash(body.newPassword), false);
    if (!updated) throw unprocessable('账户不存在');
    // Other sessions end (epoch + 1); this one continues under a new id and token.
    const user: AuthenticatedUser = { ...(me as AuthenticatedUser), sessionEpoch: updated.sessionEpoch, mustChangePassword: false };
    await startSession(req, user);
    await audit({ type: 'password_changed', actor: me.username, target: me.username, ip: req.ip });
    res.json(await reply(req, user));
  });
  return router;
}
