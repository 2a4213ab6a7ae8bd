import { createRouter } from '../http/router.js';
import { batchRoutes } from './batch-routes.js';
import { paymentReadRoutes } from './read-routes.js';
import { refundRoutes } from './refund-routes.js';
import { saleRoutes } from './sale-routes.js';

/**
 * The payment service's HTTP routes, one file for each part:
 *   sale-routes.ts    POST /payments (the sale at the counter), POST /payments/{id}/paid-in-cash
 *   batch-routes.ts   POST /payments/batch (the offline sync)
 *   read-routes.ts    GET /payments/{id}, GET /payments
 *   refund-routes.ts  POST /payments/{id}/refunds, GET /wallet/refunds
 * with the requests' schemas in schemas.ts and what several of them need in route-helpers.ts. The rules they apply
 * live beside them: settle.ts (a payment), batcher.ts (a batch), refund.ts, cash.ts.
 */
export const paymentRoutes = createRouter().route('/', saleRoutes).route('/', batchRoutes).route('/', paymentReadRoutes).route('/', refundRoutes);
