// The only code that touches the users model. Reads used on every request project away the
// password hash; login counters change with atomic single-document updates.
import type { Connection } from 'mongoose';
import { userModel, type UserRecord } from './users.model';

export type PublicUserRecord = Omit<UserRecord, 'passwordHash'>;
const NO_SECRET = { _id: 0, __v: 0, passwordHash: 0 } as const;

export type UsersRepository = ReturnType<typeof createUsersRepository>;

export function createUsersRepository(connection: Connection) {
  const Users = userModel(connection);
  return {
    findForLogin: (username: string) => Users.findOne({ username }, { _id: 0, __v: 0 }).lean<UserRecord>(),
    findByUsername: (username: string) => Users.findOne({ username }, NO_SECRET).lean<PublicUserRecord>(),
    listByCourts: (courts: string[]) =>
      Users.find({ court: { $in: courts } }, NO_SECRET).sort({ court: 1, username: 1 }).lean<PublicUserRecord[]>(),
    /** Name and court of each user, for showing people as 姓名（法院）. */
    namesOf: (usernames: string[]) =>
      Users.find({ username: { $in: usernames } }, { _id: 0, username: 1, name: 1, court: 1 }).lean<Pick<UserRecord, 'username' | 'name' | 'court'>[]>(),
    existingUsernames: async (usernames: string[]) =>
      new Set((await Users.find({ username: { $in: usernames } }, { username: 1 }).lean()).map((u) => u.username)),

    async insertUser(user: Pick<UserRecord, 'username' | 'name' | 'court' | 'roles' | 'passwordHash'> & { mustChangePassword: boolean }) {
      await Users.create({ ...user, disabled: false, failedLogins: 0, lockedUntil: null, sessionEpoch: 0 });
    },
    /** All or, when a username is taken meanwhile, false (the caller takes back what went in). */
    async insertMany(records: (Pick<UserRecord, 'username' | 'name' | 'court' | 'roles' | 'passwordHash'> & { mustChangePassword: boolean })[]) {
      try {
        await Users.insertMany(records.map((u) => ({ ...u, disabled: false, failedLogins: 0, lockedUntil: null, sessionEpoch: 0 })), { ordered: true });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 11000 || /duplicate key|E11000/.test(String((err as Error).message))) return false;
        throw err;
      }
    },
    /** Removes exactly the records an import wrote (username + its salted hash), nobody else's. */
    deleteInserted: (records: Pick<UserRecord, 'username' | 'passwordHash'>[]) =>
      Users.deleteMany({ $or: records.map((r) => ({ username: r.username, passwordHash: r.passwordHash })) }).exec(),
    /** Applies the changes and returns the record as it was before (for the audit trail). */
    updateUser: (username: string, changes: Partial<Pick<UserRecord, 'name' | 'court' | 'roles' | 'disabled'>>) =>
      Users.findOneAndUpdate({ username }, { $set: changes }, { returnDocument: 'before', projection: NO_SECRET }).lean<PublicUserRecord>(),
    /**
     * New password: clears any lock and ends the user's other sessions (epoch + 1). `byOther`:
     * set by an administrator, so the user must change it at the next sign-in.
     */
    setPassword: (username: string, passwordHash: string, byOther: boolean) =>
      Users.findOneAndUpdate(
        { username },
        { $set: { passwordHash, failedLogins: 0, lockedUntil: null, mustChangePassword: byOther }, $inc: { sessionEpoch: 1 } },
        { returnDocument: 'after', projection: NO_SECRET },
      ).lean<PublicUserRecord>(),

    /** Shown to administrators as "locked" (the counters themselves are in loginThrottle.ts). */
    markLocked: (username: string, until: Date) => Users.updateOne({ username }, { $set: { lockedUntil: until } }).exec(),
    clearLock: (username: string) => Users.updateOne({ username }, { $set: { failedLogins: 0, lockedUntil: null } }).exec(),
    async recordLoginSuccess(username: string, at: Date, rehashed?: string) {
      const set: Record<string, unknown> = { failedLogins: 0, lockedUntil: null, lastLoginAt: at };
      if (rehashed) set.passwordHash = rehashed;
      await Users.updateOne({ username }, { $set: set });
    },
  };
}
