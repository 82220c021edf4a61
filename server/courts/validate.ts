// Validation at the edge with Chinese messages: zod's zh-CN locale for generic issues, our own
// messages where the schema defines them. Returns parsed data or throws 422 with details.
import { z } from 'zod';
import { unprocessable, type ErrorDetail } from '../http/errors';

/** zod's Chinese messages, passed per parse (never set globally: other modules own theirs). */
export const zhCN = z.locales.zhCN().localeError;

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = '请求数据'): z.output<S> {
  const result = schema.safeParse(input ?? {}, { error: zhCN });
  if (result.success) return result.data;
  throw unprocessable(`${what}无效：${result.error.issues[0]?.message ?? ''}`, issuesToDetails(result.error.issues));
}

export function issuesToDetails(issues: z.core.$ZodIssue[]): ErrorDetail[] {
  return issues.map((i) => ({ field: i.path.join('.') || undefined, message: i.message }));
}
