/**
 * The front end's view of the API (src/lib/api, src/lib/offline) is written by hand: it never imports api/, so
 * that the browser bundle holds none of the server. The API's answers are its zod schemas, which the OpenAPI
 * document is made from and tests/api/matrix.test.ts holds every real answer to.
 *
 * This file holds the two together when the types are checked (`npm run check`, the first step of `npm test`):
 * every answer the API's schema allows must be a value of the type the screens read it as, and what the screens
 * send must be a request the API's schema takes. A field renamed, dropped, made nullable or given a new value on
 * one side and not the other fails the check, at the line of the pair, with the field named.
 *
 * Nothing here runs: the declared values exist only for the compiler.
 */
import type { z } from '@hono/zod-openapi';

import type { MeSchema, SessionSchema } from '../../api/auth/routes.ts';
import type { CampaignBody } from '../../api/coupons/routes.ts';
import type {
  CampaignOut,
  CampaignStatsOut,
  ClaimLinkOut,
  ClaimOfferOut,
  CouponOut,
  GivenCouponOut,
  ShareOut,
  ShareViewOut,
} from '../../api/coupons/schemas.ts';
import type { ErrorSchema } from '../../api/http/schemas.ts';
import type { PaycodeSchema } from '../../api/paycodes/routes.ts';
import type { BatchAnswer, BatchBody, PaymentBody } from '../../api/payments/schemas.ts';
import type { PaymentSchema, RefundSchema, WalletRefundSchema } from '../../api/payments/view.ts';
import type { DayReportOut, PeriodReportOut, PlatformStatementOut, XReportOut, ZReportOut } from '../../api/reports/schemas.ts';
import type { TabletUnsentOut, UnsentReportIn } from '../../api/reports/tablet-unsent.ts';
import type { ShopSchema } from '../../api/shop/read.ts';
import type { ShopChangeSchema } from '../../api/shop/settings.ts';
import type { StaffMemberSchema } from '../../api/staff/routes.ts';

import type { ApiErrorBody, Campaign, Coupon, NewCampaign, PayCode, Payment, Refund, Session, WalletRefund } from '$lib/api/types';
import type { CampaignStats, CampaignView, ClaimLink, ClaimOffer, GivenCoupon, Share, ShareOffer } from '$lib/api/distribution';
import type { DayReport, PeriodReport, PlatformStatement, TabletUnsent, XReport, ZReport } from '$lib/api/reports';
import type { Shop, ShopChange } from '$lib/api/shop';
import type { StaffMember } from '$lib/api/staff';
import type { BatchResultItem } from '$lib/offline/outcome';
import type { PaymentBatchBody, PaymentRequestBody } from '$lib/offline/http';
import type { UnsentReport } from '$lib/offline/unsent-report';

type Answer<S extends z.ZodType> = z.output<S>;
type Accepted<S extends z.ZodType> = z.input<S>;

/** What the API may answer, as its schemas say. */
declare const answers: {
  session: Answer<typeof SessionSchema>;
  /** GET /api/me: what a kept sign-in is replaced with when checked, so it must be a whole Session (its expiry too). */
  me: Answer<typeof MeSchema>;
  payment: Answer<typeof PaymentSchema>;
  refund: Answer<typeof RefundSchema>;
  walletRefund: Answer<typeof WalletRefundSchema>;
  batchItem: Answer<typeof BatchAnswer>['results'][number];
  paycode: Answer<typeof PaycodeSchema>;
  coupon: Answer<typeof CouponOut>;
  givenCoupon: Answer<typeof GivenCouponOut>;
  campaign: Answer<typeof CampaignOut>;
  campaignView: Answer<typeof CampaignOut>;
  campaignStats: Answer<typeof CampaignStatsOut>;
  claimLink: Answer<typeof ClaimLinkOut>;
  claimOffer: Answer<typeof ClaimOfferOut>;
  share: Answer<typeof ShareOut>;
  shareOffer: Answer<typeof ShareViewOut>;
  dayReport: Answer<typeof DayReportOut>;
  periodReport: Answer<typeof PeriodReportOut>;
  xReport: Answer<typeof XReportOut>;
  zReport: Answer<typeof ZReportOut>;
  platformStatement: Answer<typeof PlatformStatementOut>;
  shop: Answer<typeof ShopSchema>;
  staffMember: Answer<typeof StaffMemberSchema>;
  tabletUnsent: Answer<typeof TabletUnsentOut>;
  error: Answer<typeof ErrorSchema>;
};

/** ...is what the screens read: one statement a pair, so that every mismatch is reported, not only the first. */
answers.session satisfies Session;
answers.me satisfies Session;
answers.payment satisfies Payment;
answers.refund satisfies Refund;
answers.walletRefund satisfies WalletRefund;
answers.batchItem satisfies BatchResultItem;
answers.paycode satisfies PayCode;
answers.coupon satisfies Coupon;
answers.givenCoupon satisfies GivenCoupon;
answers.campaign satisfies Campaign;
answers.campaignView satisfies CampaignView;
answers.campaignStats satisfies CampaignStats;
answers.claimLink satisfies ClaimLink;
answers.claimOffer satisfies ClaimOffer;
answers.share satisfies Share;
answers.shareOffer satisfies ShareOffer;
answers.dayReport satisfies DayReport;
answers.periodReport satisfies PeriodReport;
answers.xReport satisfies XReport;
answers.zReport satisfies ZReport;
answers.platformStatement satisfies PlatformStatement;
answers.shop satisfies Shop;
answers.staffMember satisfies StaffMember;
answers.tabletUnsent satisfies TabletUnsent;
answers.error satisfies ApiErrorBody;

/** What the screens send... */
declare const requests: {
  payment: PaymentRequestBody;
  paymentBatch: PaymentBatchBody;
  newCampaign: NewCampaign;
  shopChange: ShopChange;
  unsentReport: UnsentReport;
};

/** ...is what the API takes. */
requests.payment satisfies Accepted<typeof PaymentBody>;
requests.paymentBatch satisfies Accepted<typeof BatchBody>;
requests.newCampaign satisfies Accepted<typeof CampaignBody>;
requests.shopChange satisfies Accepted<typeof ShopChangeSchema>;
requests.unsentReport satisfies Accepted<typeof UnsentReportIn>;
