// Password policy (pure) and hashing. argon2id with OWASP's minimum (m=19 MiB, t=2, p=1);
// tests may pass lighter parameters, production never does.
import argon2, { type HashOptions } from 'argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

/** Every rule the password breaks, in Chinese; empty when it is acceptable. */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`密码长度不能少于 ${MIN_PASSWORD_LENGTH} 位`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`密码长度不能超过 ${MAX_PASSWORD_LENGTH} 位`);
  if (!/\p{L}/u.test(password)) problems.push('密码必须包含字母');
  if (!/\p{Nd}/u.test(password)) problems.push('密码必须包含数字');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含用户名');
  return problems;
}

export interface HashParams {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}
export const PRODUCTION_HASH_PARAMS: HashParams = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** false for a wrong password or an unreadable hash (never throws for bad input). */
  verify(hash: string, password: string): Promise<boolean>;
  /** The hash was made with weaker parameters than today's: rehash at the next login. */
  needsRehash(hash: string): boolean;
  /** Costs the same as a verify; used for unknown usernames so timing reveals nothing. */
  dummyVerify(password: string): Promise<void>;
}

export function createPasswordHasher(params: HashParams = PRODUCTION_HASH_PARAMS): PasswordHasher {
  const options: HashOptions = { type: argon2.argon2id, ...params };
  let dummy: Promise<string> | undefined;
  const verify = async (hash: string, password: string) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  };
  return {
    hash: (password) => argon2.hash(password, options),
    verify,
    needsRehash: (hash) => {
      try {
        return argon2.needsRehash(hash, params);
      } catch {
        return true;
      }
    },
    async dummyVerify(password) {
      dummy ??= argon2.hash('duban-dummy-password-0', options);
      await verify(await dummy, password);
    },
  };
}
