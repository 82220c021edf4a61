// Scopes, not just roles: every administrative object belongs to a court (a package to the court
// that issued it, a user to their court, the holiday calendar and the clock to the platform) and
// an administrator acts on it only when their court is that court or supervises it (分级督办:
// 最高 → everything, a 高院 → its province, a 中院 → itself and its 基层 courts). One guard for
// every route; README.md "Scopes" shows how to apply it to a new route.
import type { Request, RequestHandler } from 'express';
import { withinJurisdiction, type Court, type CourtLevel, type CourtsRepository } from '../courts';
import { forbidden, unauthenticated } from '../http/errors';
import type { Actor, Owned } from '../http/actor';

export type { Owned };

/** Court levels whose administrators act for the whole platform (calendar, manual clock). */
export const PLATFORM_LEVELS: readonly CourtLevel[] = ['最高', '高院'];

export function createScope(courts: CourtsRepository) {
  const pair = async (a: string, b: string) => {
    const found = await courts.findByCodes([a, b]);
    return [found.get(a), found.get(b)] as const;
  };

  /** The actor's court is the owner's court or supervises it. */
  async function canAdminister(actor: Pick<Actor, 'court'>, ownerCourt: string): Promise<boolean> {
    if (actor.court === ownerCourt) return true;
    const [own, owner] = await pair(actor.court, ownerCourt);
    return !!own && !!owner && withinJurisdiction(own, owner);
  }

  async function assertScope(actor: Actor | undefined, owned: Owned): Promise<void> {
    if (!actor) throw unauthenticated();
    if (await canAdminister(actor, owned.court)) return;
    const owner = await courts.findByCode(owned.court);
    throw forbidden(`${owned.label}属于${owner?.name ?? owned.court}，不在您所在法院的管理范围内`);
  }

  /** The court may act under an object owned by `ownerCourt` (a case under a package). */
  async function withinOwner(ownerCourt: string, court: string): Promise<boolean> {
    if (ownerCourt === court) return true;
    const [owner, target] = await pair(ownerCourt, court);
    return !!owner && !!target && withinJurisdiction(owner, target);
  }

  async function levelOf(actor: Pick<Actor, 'court'>): Promise<CourtLevel | undefined> {
    return (await courts.findByCode(actor.court))?.level;
  }

  return {
    canAdminister,
    assertScope,
    withinOwner,
    levelOf,
    /**
     * Route guard: 403 unless the actor may administer what `resolve` names. `resolve` reads the
     * object's owner from the request (route parameters, body); null means there is nothing to
     * protect (an unknown object: the handler answers 404 itself).
     */
    requireScope(resolve: (req: Request, actor: Actor) => Promise<Owned | null | undefined>): RequestHandler {
      return (req, _res, next) => {
        if (!req.user) return next(unauthenticated());
        const actor = req.user as unknown as Actor;
        resolve(req, actor)
          .then((owned) => (owned ? assertScope(actor, owned) : undefined))
          .then(() => next(), next);
      };
    },
    /** Route guard: 403 unless the actor's court is of one of these levels. */
    requireCourtLevel(levels: readonly CourtLevel[], what: string): RequestHandler {
      return (req, _res, next) => {
        if (!req.user) return next(unauthenticated());
        levelOf(req.user)
          .then((level) => next(level && levels.includes(level) ? undefined : forbidden(`${what}仅限${levels.join('、')}的管理员`)), next);
      };
    },
    /** The 高院 of a province: the default issuer of that province's packages. */
    async provinceIssuer(province: string): Promise<Court | undefined> {
      return (await courts.listAll()).find((c) => c.level === '高院' && c.province === province);
    },
  };
}
export type Scope = ReturnType<typeof createScope>;
