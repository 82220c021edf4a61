// Route meta every feature may set (typed for router.ts's guards and the shell).
import 'vue-router';
declare module 'vue-router' {
  interface RouteMeta {
    /** Chinese page title (document title, breadcrumbs). */
    title?: string;
    /** Shown without signing in and without the shell (the sign-in page). */
    public?: boolean;
    /** Any of these roles may open the page; absent: every signed-in user. */
    roles?: string[];
  }
}
