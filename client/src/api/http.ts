// The one fetch wrapper of the client: JSON in and out, the session cookie (same origin), the
// CSRF token on every state-changing request, and every failure as an ApiError whose message
// is Chinese (the server's own message when it sent one).

/** One problem of a 400/422 answer: `field` is a form component key or a JSON path. */
export interface ApiErrorDetail {
  field?: string;
  label?: string;
  element?: string;
  file?: string;
  line?: number;
  code?: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    /** Seconds from a Retry-After header (429), when the server sent one. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const FALLBACK: Record<number, string> = {
  400: '请求有误',
  401: '登录已失效，请重新登录',
  403: '无权执行此操作',
  404: '未找到',
  409: '数据已被他人修改，请刷新后重试',
  413: '内容过大',
  422: '提交的内容有误',
  429: '操作过于频繁，请稍后再试',
};

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Set by the session store after sign-in and GET /api/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session store registers how a 401 (expired session) returns the user to sign-in. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export interface RequestOptions {
  /** A FormData or Blob body is sent as is (uploads); anything else as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in and /api/me handle their own 401; everything else sends the user to sign in. */
  quiet401?: boolean;
}

export async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData || opts.body instanceof Blob) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  const payload = await res.json().catch(() => undefined);
  if (res.ok) return payload as T;

  const e = (payload as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | undefined)?.error;
  const retry = Number(res.headers.get('Retry-After'));
  const error = new ApiError(
    res.status,
    e?.code ?? `http_${res.status}`,
    e?.message ?? FALLBACK[res.status] ?? `服务器错误（${res.status}），请稍后重试`,
    Array.isArray(e?.details) ? e.details : [],
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
  );
  if (res.status === 401 && !opts.quiet401) onUnauthenticated?.();
  throw error;
}

export const http = {
  get: <T>(url: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', url, opts),
  post: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', url, { ...opts, body }),
  put: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', url, { ...opts, body }),
  patch: <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', url, { ...opts, body }),
  delete: <T = void>(url: string, opts?: RequestOptions) => request<T>('DELETE', url, opts),
};

/** The header to add to requests made outside `http` (e.g. Form.io's file uploads). */
export const csrfHeader = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

/** A query string from the defined, non-empty values only. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
