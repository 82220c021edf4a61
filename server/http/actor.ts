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

/** An object of administration: the court it belongs to, and its name for a refusal (server/auth/scope.ts). */
export interface Owned {
  court: string;
  label: string;
}

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
  canSeeCase(actor: Actor, c: { supervisingCourt: string; supervisedCourt: string; supervisedCourts?: string[] }): Promise<boolean>;
  /**
   * 403 unless the actor's court is the owner's court or supervises it (server/auth/README.md
   * "Scopes"). `resolve` names the object from the request; null: nothing to protect (404 later).
   */
  requireScope(resolve: (req: import('express').Request, actor: Actor) => Promise<Owned | null | undefined>): import('express').RequestHandler;
  /** The same check inside a handler or service. */
  assertScope(actor: Actor, owned: Owned): Promise<void>;
  /** `court` lies within the jurisdiction of `ownerCourt` (a case under a package). */
  withinOwner(ownerCourt: string, court: string): Promise<boolean>;
  /** 403 unless the actor's court is of one of these levels (最高, 高院, 中院, 基层, 专门). */
  requireCourtLevel(levels: readonly string[], what: string): import('express').RequestHandler;
  /** The court code of a province's 高院 (the default issuer of its packages). */
  provinceIssuer(province: string): Promise<string | undefined>;
  /** Courts whose cases the actor sees: their own and every court below it (list queries). */
  visibleCourts(actor: Actor): Promise<string[]>;
  /** The actor may work a task assigned to {court, role} or to a user. */
  matchesAssignment(actor: Actor, a: { court?: string; role?: string; user?: string; excludedUsers?: string[] } | undefined): boolean;
}
