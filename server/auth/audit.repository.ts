// Security events (登录、失败、锁定、退出、角色变更、停用...) in `auditEvents`, append-only.
import mongoose, { type Connection } from 'mongoose';

export const AUDIT_TYPES = [
  'login',
  'login_failed',
  'account_locked',
  'login_refused_locked',
  'account_unlocked',
  'logout',
  'password_changed',
  'user_created',
  'role_changed',
  'court_changed',
  'user_disabled',
  'user_enabled',
  'court_created',
  'court_updated',
  'courts_imported',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

export interface AuditEvent {
  at: Date;
  type: AuditType;
  /** Who acted (null: not signed in, e.g. a failed login for an unknown name). */
  actor: string | null;
  /** The account or court acted upon. */
  target?: string;
  ip?: string;
  data?: Record<string, unknown>;
}

const schema = new mongoose.Schema<AuditEvent>(
  {
    at: { type: Date, required: true, index: true },
    type: { type: String, required: true, enum: AUDIT_TYPES },
    actor: { type: String, default: null },
    target: { type: String, index: true },
    ip: { type: String },
    data: { type: mongoose.Schema.Types.Mixed },
  },
  { collection: 'auditEvents', versionKey: false },
);

export type AuditRepository = ReturnType<typeof createAuditRepository>;

export function createAuditRepository(connection: Connection) {
  const Audit = (connection.models.AuditEvent as mongoose.Model<AuditEvent>) ?? connection.model('AuditEvent', schema);
  return {
    append: async (event: AuditEvent) => {
      await Audit.create(event);
    },
    recent: (filter: { target?: string; type?: AuditType } = {}, limit = 100) =>
      Audit.find(filter, { _id: 0 }).sort({ at: -1 }).limit(limit).lean<AuditEvent[]>(),
  };
}
