// The signed-in user as every route sees it (`req.user`), loaded from the database on each
// request so that a disabled account or a court change takes effect at the next request.
import type { Role } from './roles';

export interface SessionUser {
  username: string;
  name: string;
  court: string;
  roles: Role[];
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // passport types req.user as Express.User; ours carries the fields above.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
  }
}

declare module 'express-session' {
  interface SessionData {
    /** Per-session CSRF token, sent back by the client as X-CSRF-Token. */
    csrfToken?: string;
  }
}
