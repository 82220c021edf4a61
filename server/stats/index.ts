// The stats capability's public face: the dashboard API.
export { statsRoutes, STATS_ROLES } from './stats.routes';
export { endOfBeijingWeek } from './week';
