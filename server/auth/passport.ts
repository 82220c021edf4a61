// passport-local with the account lock (5 failures → 15 minutes) and a fresh look at the user
// on every request: the session stores only {username, epoch}; a disabled user, a deleted one
// or one whose password changed since (epoch) is signed out at the next request.
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Audit } from './audit';
import type { LoginThrottle } from './loginThrottle';
import type { PasswordHasher } from './password';
import type { SessionUser } from './types';
import type { PublicUserRecord, UsersRepository } from './users.repository';

export type PassportInstance = ReturnType<typeof createPassport>;

export type LoginRefusal = { reason: 'invalid' } | { reason: 'disabled' } | { reason: 'locked'; until: Date };
export type AuthenticatedUser = SessionUser & { sessionEpoch: number; mustChangePassword: boolean };
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
  mustChangePassword: !!r.mustChangePassword,
});

export function createPassport(deps: {
  users: UsersRepository;
  hasher: PasswordHasher;
  audit: Audit;
  throttle: LoginThrottle;
  now: () => Date;
}) {
  const { users, hasher, audit, throttle, now } = deps;
  const instance = new passport.Passport();

  async function verify(ip: string | undefined, username: string, password: string): Promise<AuthenticatedUser | LoginRefusal> {
    // Claimed before any check (loginThrottle.ts): refused attempts check no password, and an
    // unknown name is throttled exactly like an existing one.
    const claim = await throttle.claim(username, ip ?? 'unknown');
    if (!claim.ok) {
      await audit({ type: 'login_refused_locked', actor: null, target: username, ip });
      return { reason: 'locked', until: claim.until };
    }
    const record = await users.findForLogin(username);
    const passwordOk = record ? await hasher.verify(record.passwordHash, password) : (await hasher.dummyVerify(password), false);
    if (!record || !passwordOk) {
      const { lockedUntil } = await claim.release(false);
      await audit({ type: 'login_failed', actor: null, target: username, ip, data: { reason: record ? 'wrong_password' : 'unknown_user' } });
      if (!lockedUntil) return { reason: 'invalid' };
      if (record) await users.markLocked(username, lockedUntil);
      await audit({ type: 'account_locked', actor: null, target: username, ip, data: { until: lockedUntil } });
      return { reason: 'locked', until: lockedUntil };
    }
    await claim.release(true);
    if (record.disabled) {
      await audit({ type: 'login_failed', actor: null, target: username, ip, data: { reason: 'disabled' } });
      return { reason: 'disabled' };
    }
    const rehashed = hasher.needsRehash(record.passwordHash) ? await hasher.hash(password) : undefined;
    await users.recordLoginSuccess(username, now(), rehashed);
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
