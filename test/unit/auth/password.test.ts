import { describe, expect, it } from 'vitest';
import { createPasswordHasher, passwordProblems } from '../../../server/auth/password';
import { randomPassword } from '../../../server/auth/demoAccounts';

describe('password policy', () => {
  it('accepts ten or more characters with letters and digits', () => {
    expect(passwordProblems('haikou2026x', 'zhang')).toEqual([]);
    expect(passwordProblems('执行督办密码ab12', 'zhang')).toEqual([]);
  });
  it('explains every broken rule in Chinese', () => {
    expect(passwordProblems('abc1', 'zhang')).toEqual(['密码长度不能少于 10 位']);
    expect(passwordProblems('abcdefghijk', 'zhang')).toEqual(['密码必须包含数字']);
    expect(passwordProblems('12345678901', 'zhang')).toEqual(['密码必须包含字母']);
    expect(passwordProblems('Zhang123456', 'zhang')).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('x'.repeat(129) + '1', 'zhang')).toContain('密码长度不能超过 128 位');
  });
  it('random demo passwords satisfy the policy', () => {
    for (let i = 0; i < 50; i++) expect(passwordProblems(randomPassword('admin'), 'admin')).toEqual([]);
  });
});

describe('password hashing', () => {
  const hasher = createPasswordHasher({ memoryCost: 256, timeCost: 1, parallelism: 1 });
  it('hashes with argon2id and verifies', async () => {
    const hash = await hasher.hash('haikou2026x');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await hasher.verify(hash, 'haikou2026x')).toBe(true);
    expect(await hasher.verify(hash, 'haikou2026y')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });
  it('asks for a rehash when the parameters were weaker than production', async () => {
    const weak = await hasher.hash('haikou2026x');
    expect(createPasswordHasher().needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(weak)).toBe(false);
  });
});
