// Which user fields leave the server: never the hash, the counters only as "locked".
import type { Court } from '../courts';
import type { SessionUser } from './types';
import type { PublicUserRecord } from './users.repository';

export const presentUser = (u: PublicUserRecord, now: Date) => ({
  username: u.username,
  name: u.name,
  court: u.court,
  roles: u.roles,
  disabled: u.disabled,
  locked: !!u.lockedUntil && u.lockedUntil > now,
  lastLoginAt: u.lastLoginAt ?? null,
  mustChangePassword: !!u.mustChangePassword,
});

/** The signed-in user as GET /api/me and POST /api/session answer it. */
export const presentMe = (u: SessionUser & { mustChangePassword?: boolean }, court: Court | null) => ({
  username: u.username,
  name: u.name,
  court: u.court,
  courtName: court?.name ?? null,
  courtLevel: court?.level ?? null,
  roles: u.roles,
  /** The client shows only the change-password page while this is true. */
  mustChangePassword: !!u.mustChangePassword,
});
