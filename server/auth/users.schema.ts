// What an administrator may send for a user (validated at the edge, Chinese messages).
import { z } from 'zod';
import { ROLES } from './roles';

export const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

const roles = z
  .array(z.enum(ROLES, { message: `角色必须是 ${ROLES.join('、')} 之一` }))
  .min(1, '至少指定一个角色')
  .transform((r) => [...new Set(r)]);

export const userInputSchema = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME, '用户名须以字母开头，由 3-32 位小写字母、数字、点、下划线或连字符组成'),
    name: z.string().trim().min(1, '姓名不能为空').max(50, '姓名过长'),
    court: z.string().trim().min(1, '请选择法院'),
    roles,
    password: z.string().max(256, '密码过长'),
  })
  .strict();

export const userChangesSchema = z
  .object({
    name: z.string().trim().min(1, '姓名不能为空').max(50, '姓名过长'),
    court: z.string().trim().min(1, '请选择法院'),
    roles,
    disabled: z.boolean(),
    /** An administrator's password reset: also lifts a lock and ends the user's sessions. */
    password: z.string().max(256, '密码过长'),
    /** A 系统管理员 lifts the sign-in locks (security probe F4's break-glass). */
    unlock: z.literal(true, { message: 'unlock 只能为 true' }),
  })
  .partial()
  .strict();
