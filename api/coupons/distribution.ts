import { createRouter } from '../http/router.js';
import { campaignStatsRoutes } from './campaign-stats.js';
import { claimLinkRoutes } from './claim-links.js';
import { shareRoutes } from './shares.js';

/**
 * How coupons reach customers: claim links a manager prints as a poster (claim-links.ts), sharing a
 * coupon with a contact (shares.ts), and a campaign's page that counts what came of both (campaign-stats.ts).
 */
export const distributionRoutes = createRouter().route('/', claimLinkRoutes).route('/', shareRoutes).route('/', campaignStatsRoutes);
