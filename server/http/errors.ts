// Every error the HTTP API answers with has one shape (DESIGN.md):
//   {"error": {"code", "message" (zh-CN), "details": []}}
// All error types live here; handlers throw them and one middleware turns them into replies.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';

export interface ErrorDetail {
  field?: string;
  element?: string;
  file?: string;
  line?: number;
  label?: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds, sent as Retry-After (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) =>
  new AppError(400, 'bad_request', message, details);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = '无权执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (message = '未找到') => new AppError(404, 'not_found', message);
export const conflict = (message: string, details: ErrorDetail[] = []) =>
  new AppError(409, 'conflict', message, details);
export const tooLarge = (message = '请求内容过大') => new AppError(413, 'too_large', message);
export const unprocessable = (message: string, details: ErrorDetail[] = []) =>
  new AppError(422, 'unprocessable', message, details);
export const notImplemented = (message: string) => new AppError(501, 'not_implemented', message);

/** Unknown /api routes answer in the same shape, not express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(notFound(`接口不存在：${req.method} ${req.path}`));

/** Maps thrown errors (ours, body-parser's, the driver's) to the JSON shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) return;
    if (appError.retryAfter) res.setHeader('Retry-After', String(appError.retryAfter));
    res.status(appError.status).json({
      error: { code: appError.code, message: appError.message, details: appError.details },
    });
  };
}

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; code?: number; name?: string };
  // body-parser marks its errors with a `type`.
  if (e?.type === 'entity.too.large') return tooLarge();
  if (e?.type === 'entity.parse.failed') return badRequest('请求体不是合法的 JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError(415, 'unsupported_media_type', '不支持的请求编码');
  }
  if (e?.code === 11000) return conflict('记录已存在（唯一性冲突）');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad_request', '请求无效');
  }
  return new AppError(500, 'internal', '服务器内部错误，请稍后重试');
}
