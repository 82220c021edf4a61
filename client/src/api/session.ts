// The signed-in user (GET /api/me, POST /api/session) as a small reactive store. State changes
// only through apply(), so the CSRF token and the user can never disagree.
import { computed, reactive, readonly } from 'vue';
import { ApiError, http, setCsrfToken, setUnauthenticatedHandler } from './http';

export type Role = '系统管理员' | '流程管理员' | '承办人' | '审查人员' | '审批人' | '院领导' | '督察';

export interface SessionUser {
  username: string;
  name: string;
  court: string;
  courtName: string | null;
  courtLevel: string | null;
  roles: string[];
  /** The password was set by an administrator: only the change-password page until replaced. */
  mustChangePassword?: boolean;
}

interface SessionReply {
  user: SessionUser;
  csrfToken: string;
}

const state = reactive({ user: null as SessionUser | null, loaded: false });

function apply(reply: SessionReply | null): void {
  state.user = reply?.user ?? null;
  setCsrfToken(reply?.csrfToken ?? null);
  state.loaded = true;
}

/** Read-only view for components: `session.user`, `session.loaded`. */
export const session = readonly(state);
export const currentUser = computed(() => state.user);

/** Whether the signed-in user holds at least one of `roles` (none given: any signed-in user). */
export function hasRole(...roles: string[]): boolean {
  const user = state.user;
  if (!user) return false;
  return roles.length === 0 || roles.some((r) => user.roles.includes(r));
}

/** Loads the session once per page load; null when nobody is signed in. */
let loading: Promise<SessionUser | null> | null = null;
export function loadSession(force = false): Promise<SessionUser | null> {
  if (state.loaded && !force) return Promise.resolve(state.user);
  // GET /api/session answers {user: null} when signed out (no 401 in the console).
  loading ??= http
    .get<SessionReply | { user: null }>('/api/session', { quiet401: true })
    .then((r) => (apply(r.user ? (r as SessionReply) : null), r.user))
    .catch((err) => {
      if (err instanceof ApiError && err.status === 401) return (apply(null), null);
      throw err;
    })
    .finally(() => (loading = null));
  return loading;
}

export async function signIn(username: string, password: string): Promise<SessionUser> {
  const reply = await http.post<SessionReply>('/api/session', { username, password }, { quiet401: true });
  apply(reply);
  return reply.user;
}

/** PUT /api/me/password: the session continues under a new id and CSRF token. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<SessionUser> {
  const reply = await http.put<SessionReply>('/api/me/password', { currentPassword, newPassword });
  apply(reply);
  return reply.user;
}

export async function signOut(): Promise<void> {
  try {
    await http.delete('/api/session', { quiet401: true });
  } finally {
    apply(null);
  }
}

/** The router installs this: an expired session returns to the sign-in page. */
export function onSessionExpired(handler: () => void): void {
  setUnauthenticatedHandler(() => {
    apply(null);
    handler();
  });
}
