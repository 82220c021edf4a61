// The authorization API for every capability: route guards (401/403) and assertions used
// inside handlers. Jurisdiction failures are 404 (see caseAccess.ts), role failures 403.
import type { RequestHandler } from 'express';
import { forbidden, unauthenticated } from '../http/errors';
import type { Role } from './roles';
import type { SessionUser } from './types';

export const requireUser: RequestHandler = (req, _res, next) => next(req.user ? undefined : unauthenticated());

export const hasRole = (user: Pick<SessionUser, 'roles'>, roles: readonly Role[]) =>
  roles.some((r) => user.roles.includes(r));

/** Signed in and holding at least one of `roles`. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(unauthenticated());
    next(hasRole(req.user, roles) ? undefined : forbidden(`需要以下角色之一：${roles.join('、')}`));
  };
}

/** Throws 403 unless the user holds at least one of `roles`. */
export function assertRole(user: Pick<SessionUser, 'roles'> | undefined, ...roles: Role[]): void {
  if (!user) throw unauthenticated();
  if (!hasRole(user, roles)) throw forbidden(`需要以下角色之一：${roles.join('、')}`);
}

/** A task's resolved assignment: one user, or a role at a court (DESIGN.md). */
export interface Assignment {
  court?: string | null;
  role?: string | null;
  user?: string | null;
  /** Who must not take it (回避), resolved by the cases capability from the history. */
  excludedUsers?: string[] | null;
}

/**
 * Whether `user` may take a task assigned this way. A named user wins over court + role; an
 * assignment naming neither a user nor both court and role matches nobody, never everyone.
 */
export function userMatchesAssignment(
  user: { username: string; court: string; roles: readonly string[] },
  assignment: Assignment | undefined,
): boolean {
  if (!assignment) return false;
  // 回避: whoever completed a task this one excludes (另行组成合议庭) may not take it.
  if (assignment.excludedUsers?.includes(user.username)) return false;
  if (assignment.user) return user.username === assignment.user;
  if (!assignment.court || !assignment.role) return false;
  return user.court === assignment.court && user.roles.includes(assignment.role);
}
