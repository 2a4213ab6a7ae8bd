import { describe, expect, it } from 'vitest';
import { CampaignBody, CAMPAIGN_STOCK_MAX, CAMPAIGN_TITLE_MAX, PER_CUSTOMER_LIMIT_MAX } from '../../../api/coupons/routes.js';
import { AMOUNT_MAX_MINOR, CAMPAIGN_BUDGET_MAX_MINOR } from '../../../api/money.js';
import { BUDGET_MAX_MINOR, PER_CUSTOMER_MAX, STOCK_MAX, TITLE_MAX } from '../../../src/routes/cashier/manage/campaign-form';
import { PAYMENT_AMOUNT_MAX_MINOR } from '../../../src/lib/money/money';

/** The manager's form says the API's limits in words before the API refuses: the two must name the same numbers. */
describe("a campaign's limits", () => {
  it("are the same in the manager's form as in the API", () => {
    expect({ TITLE_MAX, STOCK_MAX, PER_CUSTOMER_MAX, BUDGET_MAX_MINOR, PAYMENT_AMOUNT_MAX_MINOR }).toEqual({
      TITLE_MAX: CAMPAIGN_TITLE_MAX,
      STOCK_MAX: CAMPAIGN_STOCK_MAX,
      PER_CUSTOMER_MAX: PER_CUSTOMER_LIMIT_MAX,
      BUDGET_MAX_MINOR: CAMPAIGN_BUDGET_MAX_MINOR,
      PAYMENT_AMOUNT_MAX_MINOR: AMOUNT_MAX_MINOR,
    });
  });

  it('take a campaign at each limit and refuse one past it', () => {
    const at = { title: 'x'.repeat(CAMPAIGN_TITLE_MAX), rule: { kind: 'fixed', off: 500 }, validUntil: '2030-01-01T00:00:00.000Z', stock: CAMPAIGN_STOCK_MAX, perCustomerLimit: PER_CUSTOMER_LIMIT_MAX };
    expect(CampaignBody.safeParse(at).success).toBe(true);
    expect(CampaignBody.safeParse({ ...at, title: 'x'.repeat(CAMPAIGN_TITLE_MAX + 1) }).success).toBe(false);
    expect(CampaignBody.safeParse({ ...at, stock: CAMPAIGN_STOCK_MAX + 1 }).success).toBe(false);
    expect(CampaignBody.safeParse({ ...at, perCustomerLimit: PER_CUSTOMER_LIMIT_MAX + 1 }).success).toBe(false);
  });
});
