// First sign-in with a password someone else set (an administrator's initial or reset password,
// a DUBAN_DEMO=on demo account): until the user has chosen their own, the API does nothing for
// them but the session itself and the password change (issue 12). The client shows only the
// change-password page meanwhile; any other request is a 403 with code password_change_required.
import type { RequestHandler } from 'express';
import { AppError } from '../http/errors';

const ALLOWED = new Set(['GET /api/session', 'POST /api/session', 'DELETE /api/session', 'GET /api/me', 'PUT /api/me/password']);

export function passwordChangeGate(): RequestHandler {
  return (req, _res, next) => {
    const user = req.user as { mustChangePassword?: boolean } | undefined;
    if (!user?.mustChangePassword || ALLOWED.has(`${req.method} ${req.baseUrl + req.path}`)) return next();
    next(new AppError(403, 'password_change_required', '您正在使用管理员设置的初始密码，请先修改密码后再继续使用'));
  };
}
