// Every security event goes to the log (for the court's SIEM) and to `auditEvents` (for the
// administrators). A failed audit write is logged, never turned into a failed request.
import type { Logger } from '../logger';
import type { AuditEvent, AuditRepository } from './audit.repository';

export type Audit = (event: Omit<AuditEvent, 'at'> & { at?: Date }) => Promise<void>;

export function createAudit(repo: AuditRepository, logger: Logger, now: () => Date): Audit {
  return async (event) => {
    const full: AuditEvent = { ...event, at: event.at ?? now() };
    const level = full.type === 'login_failed' || full.type.includes('lock') ? 'warn' : 'info';
    logger[level]({ audit: full }, `security event: ${full.type}`);
    try {
      await repo.append(full);
    } catch (err) {
      logger.error({ err, audit: full }, 'audit event could not be stored');
    }
  };
}
