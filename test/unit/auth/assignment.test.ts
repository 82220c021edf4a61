import { describe, expect, it } from 'vitest';
import { assertRole, userMatchesAssignment, type SessionUser } from '../../../server/auth';

const user: SessionUser = { username: 'li', name: '李', court: 'hi-hk-qs', roles: ['承办人', '审查人员'] };

describe('userMatchesAssignment', () => {
  it('matches a named user only by username', () => {
    expect(userMatchesAssignment(user, { user: 'li' })).toBe(true);
    expect(userMatchesAssignment(user, { user: 'wang', court: 'hi-hk-qs', role: '承办人' })).toBe(false);
  });
  it('matches court + role', () => {
    expect(userMatchesAssignment(user, { court: 'hi-hk-qs', role: '承办人' })).toBe(true);
    expect(userMatchesAssignment(user, { court: 'hi-hk-qs', role: '审批人' })).toBe(false);
    expect(userMatchesAssignment(user, { court: 'hi-hk-zy', role: '承办人' })).toBe(false);
  });
  it('an incomplete assignment matches nobody', () => {
    expect(userMatchesAssignment(user, { court: 'hi-hk-qs' })).toBe(false);
    expect(userMatchesAssignment(user, { role: '承办人' })).toBe(false);
    expect(userMatchesAssignment(user, {})).toBe(false);
  });
});

describe('assertRole', () => {
  it('throws 403 without the role, 401 without a user', () => {
    expect(() => assertRole(user, '承办人')).not.toThrow();
    expect(() => assertRole(user, '系统管理员')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertRole(undefined, '承办人')).toThrow(expect.objectContaining({ status: 401 }));
  });
});
