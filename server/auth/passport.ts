// passport-local with the account lock (5 failures → 15 minutes) and a fresh look at the user
// on every request: the session stores only {username, epoch}; a disabled user, a deleted one
// or one whose password changed since (epoch) is signed out at the next request.
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Audit } from './audit';
import type { PasswordHasher } from './password';
import type { SessionUser } from './types';
import type { PublicUserRecord, UsersRepository } from './users.repository';

export interface Lockout {
  maxFailures: number;
  lockMs: number;
}
export type PassportInstance = ReturnType<typeof createPassport>;
export const DEFAULT_LOCKOUT: Lockout = { maxFailures: 5, lockMs: 15 * 60 * 1000 };

export type LoginRefusal = { reason: 'invalid' } | { reason: 'disabled' } | { reason: 'locked'; until: Date };
export type AuthenticatedUser = SessionUser & { sessionEpoch: number };
interface SessionPayload {
  u: string;
  e: number;
}

export const toSessionUser = (r: PublicUserRecord): AuthenticatedUser => ({
  username: r.username,
  name: r.name,
  court: r.court,
  roles: [...r.roles],
  sessionEpoch: r.sessionEpoch ?? 0,
});

export function createPassport(deps: {
  users: UsersRepository;
  hasher: PasswordHasher;
  audit: Audit;
  lockout: Lockout;
  now: () => Date;
}) {
  const { users, hasher, audit, lockout, now } = deps;
  const instance = new passport.Passport();

  async function verify(ip: string | undefined, username: string, password: string): Promise<AuthenticatedUser | LoginRefusal> {
    const record = await users.findForLogin(username);
    const at = now();
    if (!record) {
      await hasher.dummyVerify(password);
      await audit({ type: 'login_failed', actor: null, target: username, ip, data: { reason: 'unknown_user' } });
      return { reason: 'invalid' };
    }
    if (record.lockedUntil && record.lockedUntil > at) {
      // Refused without checking the password: a locked account is no password oracle.
      await audit({ type: 'login_refused_locked', actor: null, target: username, ip });
      return { reason: 'locked', until: record.lockedUntil };
    }
    if (!(await hasher.verify(record.passwordHash, password))) {
      const until = new Date(at.getTime() + lockout.lockMs);
      const { locked } = await users.recordLoginFailure(username, lockout.maxFailures, until);
      await audit({ type: 'login_failed', actor: null, target: username, ip, data: { reason: 'wrong_password' } });
      if (!locked) return { reason: 'invalid' };
      await audit({ type: 'account_locked', actor: null, target: username, ip, data: { until } });
      return { reason: 'locked', until };
    }
    if (record.disabled) {
      await audit({ type: 'login_failed', actor: null, target: username, ip, data: { reason: 'disabled' } });
      return { reason: 'disabled' };
    }
    const rehashed = hasher.needsRehash(record.passwordHash) ? await hasher.hash(password) : undefined;
    await users.recordLoginSuccess(username, at, rehashed);
    return toSessionUser(record);
  }

  instance.use(
    new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
      verify(req.ip, username, password).then(
        (result) => ('reason' in result ? done(null, false, { message: result.reason, ...result }) : done(null, result)),
        (err) => done(err),
      );
    }),
  );
  instance.serializeUser((user, done) => {
    const u = user as AuthenticatedUser;
    done(null, { u: u.username, e: u.sessionEpoch } satisfies SessionPayload);
  });
  instance.deserializeUser((payload: SessionPayload, done) => {
    users.findByUsername(payload?.u ?? '').then(
      (r) => done(null, r && !r.disabled && (r.sessionEpoch ?? 0) === payload.e ? toSessionUser(r) : false),
      (err) => done(err),
    );
  });
  return instance;
}
