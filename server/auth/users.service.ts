// User commands. A 系统管理员 manages the users of their court and of every court it
// supervises; anything outside is "not found". Role, court and disabled changes are audited.
import { parseInput, withinJurisdiction, type Court, type CourtsRepository } from '../courts';
import { conflict, forbidden, notFound, unprocessable } from '../http/errors';
import type { Audit } from './audit';
import { passwordProblems, type PasswordHasher } from './password';
import { grantableRoles } from './roles';
import type { SessionUser } from './types';
import type { PublicUserRecord, UsersRepository } from './users.repository';
import { userChangesSchema, userInputSchema } from './users.schema';

export interface Actor {
  user: SessionUser;
  ip?: string;
}

export function createUsersService(deps: {
  users: UsersRepository;
  courts: CourtsRepository;
  hasher: PasswordHasher;
  audit: Audit;
  /** Lifts every sign-in lock of the account (loginThrottle.ts). */
  unlock: (username: string) => Promise<void>;
}) {
  const { users, courts, hasher, audit } = deps;

  async function scope(actor: Actor) {
    const own = await courts.findByCode(actor.user.court);
    if (!own) throw forbidden('您所在的法院不存在');
    const inScope = (court: Court | null | undefined) => !!court && withinJurisdiction(own, court);
    return { own, inScope };
  }
  async function assertPolicy(password: string, username: string) {
    const problems = passwordProblems(password, username);
    if (problems.length) throw unprocessable(problems.join('；'), problems.map((message) => ({ field: 'password', message })));
  }
  /** The target user, or 404 when missing or outside the actor's jurisdiction. */
  async function loadInScope(actor: Actor, username: string): Promise<PublicUserRecord> {
    const { inScope } = await scope(actor);
    const user = await users.findByUsername(username);
    if (!user || !inScope(await courts.findByCode(user.court))) throw notFound('用户不存在');
    return user;
  }
  /** 403 when the roles include one the actor's court level may not grant (roles.ts grantableRoles). */
  async function assertGrantable(actor: Actor, roles: readonly string[], what: string) {
    const { own } = await scope(actor);
    const allowed: readonly string[] = grantableRoles(own.level);
    const beyond = roles.filter((r) => !allowed.includes(r));
    if (beyond.length) throw forbidden(`${own.name}的系统管理员不能${what}：${beyond.join('、')}（仅高级人民法院的系统管理员可以）`);
  }
  async function assertCourtAssignable(actor: Actor, code: string) {
    const { inScope } = await scope(actor);
    const court = await courts.findByCode(code);
    if (!court) throw unprocessable(`法院“${code}”不存在`, [{ field: 'court', message: '法院不存在' }]);
    if (!inScope(court)) throw forbidden('无权管理该法院的用户（超出本院管辖范围）');
  }

  return {
    loadInScope,

    async listUsers(actor: Actor, filter: { court?: string } = {}): Promise<PublicUserRecord[]> {
      const { inScope } = await scope(actor);
      const codes = (await courts.listAll()).filter(inScope).map((c) => c.code);
      return users.listByCourts(filter.court ? codes.filter((c) => c === filter.court) : codes);
    },

    async createUser(actor: Actor, body: unknown): Promise<PublicUserRecord> {
      const input = parseInput(userInputSchema, body, '用户信息');
      await assertCourtAssignable(actor, input.court);
      await assertGrantable(actor, input.roles, '授予以下角色');
      await assertPolicy(input.password, input.username);
      if ((await users.existingUsernames([input.username])).size) throw conflict(`用户名“${input.username}”已存在`);
      const { password, ...rest } = input;
      // An initial password is known to the administrator: the user replaces it at first sign-in.
      await users.insertUser({ ...rest, passwordHash: await hasher.hash(password), mustChangePassword: true });
      await audit({ type: 'user_created', actor: actor.user.username, target: input.username, ip: actor.ip, data: { court: input.court, roles: input.roles } });
      return (await users.findByUsername(input.username))!;
    },

    async updateUser(actor: Actor, username: string, body: unknown): Promise<PublicUserRecord> {
      const changes = parseInput(userChangesSchema, body, '用户信息');
      const target = await loadInScope(actor, username);
      await assertGrantable(actor, target.roles, '管理持有以下角色的用户');
      if (changes.roles) await assertGrantable(actor, changes.roles, '授予以下角色');
      if (changes.court !== undefined) await assertCourtAssignable(actor, changes.court);
      if (actor.user.username === username) {
        if (changes.disabled) throw unprocessable('不能停用自己的账户');
        if (changes.roles && !changes.roles.includes('系统管理员')) throw unprocessable('不能移除自己的系统管理员角色');
      }
      const { password, unlock, ...fields } = changes;
      if (password !== undefined) await assertPolicy(password, username);
      const before = Object.keys(fields).length ? await users.updateUser(username, fields) : await users.findByUsername(username);
      if (!before) throw notFound('用户不存在');
      // A reset is another initial password, unless administrators reset their own.
      if (password !== undefined) await users.setPassword(username, await hasher.hash(password), username !== actor.user.username);
      if (password !== undefined || unlock) await deps.unlock(username);

      const base = { actor: actor.user.username, target: username, ip: actor.ip };
      if (fields.roles && [...fields.roles].sort().join() !== [...before.roles].sort().join()) {
        await audit({ ...base, type: 'role_changed', data: { from: before.roles, to: fields.roles } });
      }
      if (fields.court !== undefined && fields.court !== before.court) {
        await audit({ ...base, type: 'court_changed', data: { from: before.court, to: fields.court } });
      }
      if (fields.disabled !== undefined && fields.disabled !== before.disabled) {
        await audit({ ...base, type: fields.disabled ? 'user_disabled' : 'user_enabled' });
      }
      if (password !== undefined) await audit({ ...base, type: 'password_changed', data: { byAdministrator: true } });
      if (unlock) await audit({ ...base, type: 'account_unlocked' });
      return (await users.findByUsername(username))!;
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
