// Who is acting: the signed-in user as the services see it. The auth capability fills it in;
// services take it as a plain value so they can be called from tests, the scheduler ('system')
// and the HTTP layer alike.
export interface Actor {
  username: string;
  name?: string;
  court: string;
  roles: string[];
}

export const SYSTEM_ACTOR: Actor = { username: 'system', name: '系统', court: '', roles: [] };

/** What routes need from the auth capability (implemented in server/auth). */
export interface Guards {
  /** 401 without a signed-in, enabled user; sets the actor for `actor(req)`. */
  requireUser: import('express').RequestHandler;
  /** 403 unless the user has one of the roles. */
  requireRole(...roles: string[]): import('express').RequestHandler;
  actor(req: import('express').Request): Actor;
  /** A court the actor's court supervises or is (分级督办). */
  canReachCourt(actor: Actor, court: string): Promise<boolean>;
  /** The case is visible: the actor's court is either court of the case or an ancestor. */
  canSeeCase(actor: Actor, c: { supervisingCourt: string; supervisedCourt: string }): Promise<boolean>;
  /** Courts whose cases the actor sees: their own and every court below it (list queries). */
  visibleCourts(actor: Actor): Promise<string[]>;
  /** The actor may work a task assigned to {court, role} or to a user. */
  matchesAssignment(actor: Actor, a: { court?: string; role?: string; user?: string } | undefined): boolean;
}
