// Sign-in throttling that protects without locking the owner out (security probe F4, F10, F11,
// F12). Counters live in MongoDB (`loginThrottle`, shared by every process) under two keys:
//   - the account at one source address: 5 failures lock that pair;
//   - the account from addresses it has never signed in from: 10 failures lock the account for
//     those addresses only — its owner, at an address that signed in before, still gets in.
// Each lock lasts 15 minutes, doubling with every further lock (backoff, at most 24 hours), and
// is measured in real time (Date.now), never on the platform clock (DUBAN_CLOCK=manual does not
// move by itself). An attempt is claimed atomically ($inc) BEFORE the password is checked, so a
// burst of concurrent guesses checks at most `max` passwords. Unknown usernames are counted the
// same way: the answers never tell whether an account exists. A 系统管理员 lifts every lock of
// an account (PUT /api/users/:username {unlock: true}, or a password reset).
import type { Connection } from 'mongoose';

export interface ThrottleRules {
  pairMax: number;
  accountMax: number;
  lockMs: number;
  maxLockMs: number;
  /** Failures older than this no longer count. */
  windowMs: number;
}
export const DEFAULT_THROTTLE: ThrottleRules = {
  pairMax: 5, accountMax: 10, lockMs: 15 * 60_000, maxLockMs: 24 * 3600_000, windowMs: 15 * 60_000,
};
const KNOWN_ADDRESSES = 20;

interface Counter {
  _id: string;
  claims: number;
  lastAt: Date;
  lockedUntil?: Date | null;
  locks?: number;
  known?: string[];
}

export type Claim = { ok: true; release(success: boolean): Promise<{ lockedUntil?: Date }> } | { ok: false; until: Date };

export function createLoginThrottle(connection: Connection, rules: ThrottleRules = DEFAULT_THROTTLE, clock: () => number = Date.now) {
  const coll = connection.collection<Counter>('loginThrottle');
  const pairKey = (u: string, ip: string) => `p:${u}|${ip}`;
  const accountKey = (u: string) => `a:${u}`;

  /** Takes one attempt on `key`; refused when locked or when `max` attempts are already counted. */
  async function take(key: string, max: number, now: Date): Promise<{ ok: boolean; doc: Counter; until?: Date }> {
    const doc = (await coll.findOneAndUpdate({ _id: key }, { $inc: { claims: 1 }, $set: { lastAt: now } }, { upsert: true, returnDocument: 'after' }))!;
    if (doc.lockedUntil && doc.lockedUntil > now) {
      await coll.updateOne({ _id: key }, { $inc: { claims: -1 } });
      return { ok: false, doc, until: doc.lockedUntil };
    }
    if (doc.claims > max) {
      await coll.updateOne({ _id: key }, { $inc: { claims: -1 } });
      return { ok: false, doc, until: new Date(now.getTime() + rules.lockMs) };
    }
    return { ok: true, doc };
  }

  async function fail(key: string, max: number, now: Date): Promise<Date | undefined> {
    const doc = await coll.findOne({ _id: key });
    if (!doc || doc.claims < max) return undefined;
    const locks = doc.locks ?? 0;
    const until = new Date(now.getTime() + Math.min(rules.lockMs * 2 ** locks, rules.maxLockMs));
    await coll.updateOne({ _id: key }, { $set: { claims: 0, lockedUntil: until, locks: locks + 1 } });
    return until;
  }

  return {
    /** Claims one sign-in attempt for `username` from `ip`; call release() with the outcome. */
    async claim(username: string, ip: string): Promise<Claim> {
      const now = new Date(clock());
      await expire(username, ip, now);
      const pair = await take(pairKey(username, ip), rules.pairMax, now);
      if (!pair.ok) return { ok: false, until: pair.until! };
      const account = await coll.findOne({ _id: accountKey(username) }, { projection: { known: 1 } });
      const known = account?.known?.includes(ip) ?? false;
      let acct: Awaited<ReturnType<typeof take>> | undefined;
      if (!known) {
        acct = await take(accountKey(username), rules.accountMax, now);
        if (!acct.ok) {
          await coll.updateOne({ _id: pairKey(username, ip) }, { $inc: { claims: -1 } });
          return { ok: false, until: acct.until! };
        }
      }
      return {
        ok: true,
        async release(success) {
          const at = new Date(clock());
          if (success) {
            await coll.updateOne({ _id: pairKey(username, ip) }, { $set: { claims: 0, locks: 0, lockedUntil: null } });
            if (!known) {
              await coll.updateOne({ _id: accountKey(username) }, {
                $set: { claims: 0, locks: 0, lockedUntil: null, lastAt: at },
                $push: { known: { $each: [ip], $slice: -KNOWN_ADDRESSES } },
              }, { upsert: true });
            }
            return {};
          }
          const pairUntil = await fail(pairKey(username, ip), rules.pairMax, at);
          const acctUntil = acct ? await fail(accountKey(username), rules.accountMax, at) : undefined;
          return { lockedUntil: pairUntil ?? acctUntil };
        },
      };
    },

    /** A 系统管理员's unlock (and a password reset): every counter of the account. */
    async unlock(username: string): Promise<void> {
      await coll.deleteMany({ _id: { $regex: `^p:${escape(username)}\\|` } });
      await coll.updateOne({ _id: accountKey(username) }, { $set: { claims: 0, locks: 0, lockedUntil: null } });
    },

    /** Locked for some address (the user list's "locked" flag). */
    async isLocked(username: string): Promise<boolean> {
      const now = new Date(clock());
      return !!(await coll.findOne({ _id: { $in: [accountKey(username)] }, lockedUntil: { $gt: now } }))
        || !!(await coll.findOne({ _id: { $regex: `^p:${escape(username)}\\|` }, lockedUntil: { $gt: now } }));
    },
  };

  /** Failures older than the window are forgotten (not locks: they end on their own). */
  async function expire(username: string, ip: string, now: Date) {
    const before = new Date(now.getTime() - rules.windowMs);
    await coll.updateMany({ _id: { $in: [pairKey(username, ip), accountKey(username)] }, lastAt: { $lt: before }, claims: { $gt: 0 } }, { $set: { claims: 0 } });
  }
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
