import { createRouter } from '../http/router.js';
import { dayRoutes } from './day-routes.js';
import { periodRoutes } from './period-routes.js';
import { platformRoutes } from './platform-routes.js';
import { xzRoutes } from './xz-routes.js';

/**
 * The reports' HTTP routes, one file for each family:
 *   day-routes.ts       GET /reports/daily (the Day report: one date on the shop's clock)
 *   period-routes.ts    GET /reports/period (a span of days, a row a day: the month the owner reconciles)
 *   xz-routes.ts        GET /reports/x, POST /reports/z (close), GET /reports/z, GET /reports/z/{number}
 *   platform-routes.ts  GET /reports/platform (the platform statement)
 * with their answers' schemas in schemas.ts and the figures as the API shows them (and a report as a file) in
 * views.ts. The figures themselves are counted in closing.ts (periodFigures) and by-day.ts, the files written in csv.ts and
 * platform-csv.ts, the shop's days bounded in days.ts.
 */
export const reportRoutes = createRouter().route('/', dayRoutes).route('/', periodRoutes).route('/', xzRoutes).route('/', platformRoutes);
