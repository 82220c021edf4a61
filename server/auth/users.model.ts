// The `users` collection. Only users.repository.ts uses this model.
import mongoose, { type Connection } from 'mongoose';
import { ROLES, type Role } from './roles';

export interface UserRecord {
  username: string;
  name: string;
  court: string;
  roles: Role[];
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  /** Bumped when the password changes: sessions signed in under an older epoch end. */
  sessionEpoch: number;
  lastLoginAt?: Date | null;
  /**
   * The password was set by someone else (an administrator's initial or reset password, a
   * DUBAN_DEMO=on demo account): nothing but changing it is allowed until the user does.
   */
  mustChangePassword?: boolean;
}

const schema = new mongoose.Schema<UserRecord>(
  {
    username: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    court: { type: String, required: true, index: true },
    roles: { type: [{ type: String, enum: ROLES }], default: [] },
    passwordHash: { type: String, required: true },
    disabled: { type: Boolean, default: false },
    failedLogins: { type: Number, default: 0 },
    lockedUntil: { type: Date, default: null },
    sessionEpoch: { type: Number, default: 0 },
    lastLoginAt: { type: Date, default: null },
    mustChangePassword: { type: Boolean, default: false },
  },
  { collection: 'users', timestamps: true },
);

export function userModel(connection: Connection) {
  return (connection.models.User as mongoose.Model<UserRecord>) ?? connection.model<UserRecord>('User', schema);
}
