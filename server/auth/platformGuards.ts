// The `Guards` contract of server/http/actor.ts (what cases, tasks and other routes need),
// implemented over this capability. Routes stay independent of passport and of our types.
import type { Request } from 'express';
import { withinJurisdiction, type CourtsRepository } from '../courts';
import type { Actor, Guards } from '../http/actor';
import { unauthenticated } from '../http/errors';
import type { CaseAccess } from './caseAccess';
import { requireRole, requireUser, userMatchesAssignment } from './guards';
import { isRole } from './roles';
import type { Scope } from './scope';
import type { CourtLevel } from '../courts';

export function createPlatformGuards(courts: CourtsRepository, caseAccess: CaseAccess, scope: Scope): Guards {
  return {
    requireScope: (resolve) => scope.requireScope(resolve),
    assertScope: (actor, owned) => scope.assertScope(actor, owned),
    withinOwner: (ownerCourt, court) => scope.withinOwner(ownerCourt, court),
    requireCourtLevel: (levels, what) => scope.requireCourtLevel(levels as CourtLevel[], what),
    provinceIssuer: async (province) => (await scope.provinceIssuer(province))?.code,
    requireUser,
    // An unknown role name can only be a typo in a route: nobody holds it, so it denies.
    requireRole: (...roles: string[]) => requireRole(...roles.filter(isRole)),
    actor(req: Request): Actor {
      if (!req.user) throw unauthenticated();
      const { username, name, court, roles } = req.user;
      return { username, name, court, roles: [...roles] };
    },
    async canReachCourt(actor, code) {
      if (actor.court === code) return true;
      const found = await courts.findByCodes([actor.court, code]);
      const own = found.get(actor.court);
      const target = found.get(code);
      return !!own && !!target && withinJurisdiction(own, target);
    },
    canSeeCase: (actor, c) => caseAccess.canSeeCase(actor, c),
    visibleCourts: (actor) => caseAccess.visibleCourtCodes(actor),
    matchesAssignment: (actor, a) => userMatchesAssignment(actor, a),
  };
}
