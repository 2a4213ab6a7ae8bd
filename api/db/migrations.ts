import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';

/**
 * Versioned migrations, run at start on both dialects. Only portable types are used (text, bigint, integer),
 * and every rule the database can hold (unique keys, non-negative amounts) is declared here as well as in code.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('min_balance', 'bigint')
        .addColumn('balance', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('accounts_floor', sql`min_balance is null or balance >= min_balance`)
        .execute();

      await db.schema
        .createTable('transfers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('debit_account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('credit_account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payment_id', 'text')
        .addColumn('refund_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('transfers_positive', sql`amount > 0`)
        .addCheckConstraint('transfers_two_accounts', sql`debit_account_id <> credit_account_id`)
        .execute();
      await db.schema.createIndex('transfers_debit').on('transfers').columns(['debit_account_id', 'id']).execute();
      await db.schema.createIndex('transfers_credit').on('transfers').columns(['credit_account_id', 'id']).execute();
      await db.schema.createIndex('transfers_payment').on('transfers').column('payment_id').execute();

      await db.schema
        .createTable('merchants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handle', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('offline_payment_max', 'bigint', (c) => c.notNull())
        .addColumn('offline_total_max', 'bigint', (c) => c.notNull())
        .addColumn('offline_count_max', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('cashiers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('handle', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('can_manage', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('cashiers_handle', ['merchant_id', 'handle'])
        .execute();

      await db.schema
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handle', 'text', (c) => c.notNull().unique())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('paycode_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('cashier_id', 'text')
        .addColumn('merchant_id', 'text')
        .addColumn('can_manage', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();

      await db.schema
        .createTable('throttles')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('response_status', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('issuer_merchant_id', 'text')
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('funding', 'text', (c) => c.notNull())
        .addColumn('rule_kind', 'text', (c) => c.notNull())
        .addColumn('rule_off', 'bigint')
        .addColumn('rule_percent', 'integer')
        .addColumn('rule_cap', 'bigint')
        .addColumn('rule_minimum', 'bigint')
        .addColumn('valid_from', 'bigint', (c) => c.notNull())
        .addColumn('valid_until', 'bigint', (c) => c.notNull())
        .addColumn('all_merchants', 'integer', (c) => c.notNull())
        .addColumn('minimum_spend', 'bigint')
        .addColumn('stock', 'integer')
        .addColumn('issued', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('per_customer_limit', 'integer')
        .addColumn('budget', 'bigint')
        .addColumn('spent', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addCheckConstraint('campaigns_stock', sql`stock is null or issued <= stock`)
        .addCheckConstraint('campaigns_budget', sql`budget is null or spent <= budget`)
        .execute();

      await db.schema
        .createTable('campaign_merchants')
        .addColumn('campaign_id', 'text', (c) => c.notNull())
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('campaign_merchants_pk', ['campaign_id', 'merchant_id'])
        .execute();

      await db.schema
        .createTable('coupons')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reserved_code_hash', 'text')
        .addColumn('reserved_until', 'bigint')
        .addColumn('redeemed_payment_id', 'text')
        .addColumn('granted_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('coupons_customer').on('coupons').columns(['customer_id', 'campaign_id']).execute();
      await db.schema.createIndex('coupons_reserved').on('coupons').columns(['state', 'reserved_until']).execute();

      await db.schema
        .createTable('paycodes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('coupon_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
      // At most one live code per customer, held by the database itself, not only by the code that issues them.
      await db.schema
        .createIndex('paycodes_one_live')
        .on('paycodes')
        .column('customer_id')
        .unique()
        .where(sql.ref('state'), '=', 'live')
        .execute();

      await db.schema
        .createTable('payments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text')
        .addColumn('terminal_seq', 'bigint')
        .addColumn('customer_id', 'text')
        .addColumn('code_hash', 'text')
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('reason_detail', 'text')
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('deduction', 'bigint', (c) => c.notNull())
        .addColumn('charged', 'bigint', (c) => c.notNull())
        .addColumn('settlement', 'bigint', (c) => c.notNull())
        .addColumn('refunded', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_cash', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('refunded_subsidy', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('coupon_id', 'text')
        .addColumn('campaign_id', 'text')
        .addColumn('funding', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('scanned_at', 'bigint', (c) => c.notNull())
        .addColumn('settled_at', 'bigint', (c) => c.notNull())
        // The idempotency key lives as long as the payment: an offline tablet may sync days later.
        .addUniqueConstraint('payments_idempotency', ['merchant_id', 'idempotency_key'])
        .addCheckConstraint('payments_sums', sql`deduction >= 0 and charged >= 0 and (status = 'declined' or charged + deduction = amount)`)
        .addCheckConstraint('payments_refund_bound', sql`refunded >= 0 and refunded <= amount`)
        .execute();
      await db.schema.createIndex('payments_merchant').on('payments').columns(['merchant_id', 'id']).execute();
      await db.schema.createIndex('payments_customer').on('payments').columns(['customer_id', 'id']).execute();
      await db.schema.createIndex('payments_merchant_day').on('payments').columns(['merchant_id', 'settled_at']).execute();
      await db.schema
        .createIndex('payments_terminal')
        .on('payments')
        .columns(['merchant_id', 'terminal_id', 'terminal_seq'])
        .execute();
      // One successful payment per code: the database refuses a second even if the code logic failed.
      await db.schema
        .createIndex('payments_code_once')
        .on('payments')
        .column('code_hash')
        .unique()
        .where(sql.ref('status'), '<>', 'declined')
        .execute();

      await db.schema
        .createTable('refunds')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('cash', 'bigint', (c) => c.notNull())
        .addColumn('subsidy', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('refunds_payment').on('refunds').column('payment_id').execute();

      await db.schema
        .createTable('event_tickets')
        .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_hash', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0002_distribution_and_closing': {
    async up(db: Kysely<any>) {
      // Campaigns whose coupons a customer may pass on to a contact.
      await db.schema.alterTable('campaigns').addColumn('shareable', 'integer', (c) => c.notNull().defaultTo(0)).execute();

      // A claim link (and its poster's QR): anyone signed in who opens it gets a coupon of the campaign.
      await db.schema
        .createTable('claim_links')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('merchant_id', 'text', (c) => c.notNull())
        .addColumn('claims', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('claim_links_campaign').on('claim_links').column('campaign_id').execute();

      // A coupon offered by its owner to a contact; the coupon changes owner when the contact claims it.
      await db.schema
        .createTable('coupon_shares')
        .addColumn('token', 'text', (c) => c.primaryKey())
        .addColumn('coupon_id', 'text', (c) => c.notNull().references('coupons.id'))
        .addColumn('from_customer_id', 'text', (c) => c.notNull())
        .addColumn('to_customer_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('claimed_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('coupon_shares_coupon').on('coupon_shares').column('coupon_id').execute();
      await db.schema.createIndex('coupon_shares_from').on('coupon_shares').column('from_customer_id').execute();

      // How each coupon came to its owner: granted by a manager, claimed from a link, or received from a contact.
      await db.schema.alterTable('coupons').addColumn('source', 'text', (c) => c.notNull().defaultTo('grant')).execute();

      // The Z report a payment or refund was closed into; null until its merchant's next close. Assigning at
      // close time (not by timestamps) means a payment committed a moment after the close is never lost between
      // two reports, whatever the clocks say.
      await db.schema.alterTable('payments').addColumn('z_number', 'integer').execute();
      await db.schema.alterTable('refunds').addColumn('z_number', 'integer').execute();
      await db.schema.alterTable('refunds').addColumn('merchant_id', 'text').execute();
      await db.schema.createIndex('payments_open_z').on('payments').columns(['merchant_id', 'z_number']).execute();
      await db.schema.createIndex('refunds_open_z').on('refunds').columns(['merchant_id', 'z_number']).execute();

      // End-of-day close: numbered, immutable Z reports per merchant. Each covers what was recorded after the
      // previous close, so a payment that syncs late lands in the next report and never changes a closed one.
      await db.schema
        .createTable('z_reports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('previous_number', 'integer')
        .addColumn('opened_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_by', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addUniqueConstraint('z_reports_number', ['merchant_id', 'number'])
        .execute();
    },
  },
  '0003_lookup_indexes': {
    async up(db: Kysely<any>) {
      // Releasing what a retired or declined code held looks coupons up by the code's hash.
      await db.schema.createIndex('coupons_code').on('coupons').column('reserved_code_hash').execute();
      // The sweeper forgets payment codes long past any use by their expiry.
      await db.schema.createIndex('paycodes_expiry').on('paycodes').column('expires_at').execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
      await db.schema.createIndex('event_tickets_expiry').on('event_tickets').column('expires_at').execute();
    },
  },
  '0004_cash_settlements': {
    async up(db: Kysely<any>) {
      // A payment declined when its tablet synced, which the customer then paid in cash at the counter: the
      // cash is in the till, so it belongs in the shop's reports, not only on the tablet that noted it. One per
      // payment; closed into a Z report like a refund (z_number null until the next close).
      await db.schema
        .createTable('cash_settlements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('z_number', 'integer')
        .addCheckConstraint('cash_settlements_amount', sql`amount > 0`)
        .execute();
      await db.schema.createIndex('cash_settlements_open_z').on('cash_settlements').columns(['merchant_id', 'z_number']).execute();
      await db.schema.createIndex('cash_settlements_day').on('cash_settlements').columns(['merchant_id', 'created_at']).execute();
    },
  },
  '0005_staff': {
    async up(db: Kysely<any>) {
      // A cashier who leaves is removed, not deleted: their payments, refunds and Z reports still name them.
      await db.schema.alterTable('cashiers').addColumn('removed_at', 'bigint').execute();
    },
  },
  '0006_campaign_coupons': {
    async up(db: Kysely<any>) {
      // A campaign's page counts its coupons and their uses; without this it read every coupon and every payment.
      // Only campaign_id: a coupon's state changes with every reservation and use, and an index holding it would
      // be written each time.
      await db.schema.createIndex('coupons_campaign').on('coupons').column('campaign_id').execute();
    },
  },
  '0007_refund_history': {
    async up(db: Kysely<any>) {
      // A customer's wallet history lists their refunds, newest first, a page at a time: by customer, one index
      // range, as top-ups are one range of the wallet's transfers (a refund that gave back no cash has no transfer).
      // Each step may be taken again: on SQLite the migrator runs no transaction around DDL, so a process stopped
      // during the backfill of a large table left the columns added and 0007 unrecorded, and a restart stopped at
      // "duplicate column". (PostgreSQL runs the whole migration in one transaction.)
      const refunds = (await db.introspection.getTables()).find((t) => t.name === 'refunds');
      const has = (column: string) => refunds?.columns.some((c) => c.name === column) ?? false;
      if (!has('customer_id')) await db.schema.alterTable('refunds').addColumn('customer_id', 'text').execute();
      // Whether this refund gave the payment's coupon back. Stored, not derived: the campaign's end may move later.
      if (!has('coupon_returned')) await db.schema.alterTable('refunds').addColumn('coupon_returned', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await backfillRefundHistory(db);
      await db.schema.createIndex('refunds_customer').ifNotExists().on('refunds').columns(['customer_id', 'id']).execute();
    },
  },
  '0008_z_earlier_refunds': {
    async up(db: Kysely<any>) {
      await backfillZEarlierRefunds(db);
    },
  },
  '0009_shop_time_zone': {
    async up(db: Kysely<any>) {
      // A shop's day in its own zone, so that processes on one database serving shops in several zones agree on
      // every shop's day whatever their own TIME_ZONE. Null, as every existing shop starts: the server's TIME_ZONE,
      // as before. Checked first, as 0007 does: on SQLite a process stopped after the DDL left 0009 unrecorded.
      const merchants = (await db.introspection.getTables()).find((t) => t.name === 'merchants');
      if (!merchants?.columns.some((c) => c.name === 'time_zone')) await db.schema.alterTable('merchants').addColumn('time_zone', 'text').execute();
    },
  },
  '0010_cancelled_campaign_plans': {
    async up(db: Kysely<any>) {
      // A campaign ended before it began has its start and end both moved to that moment (so that nothing it gave
      // can be used, and a later change of its end is refused): the period it was planned for is kept here, for its
      // manager to read. Null for every other campaign; one cancelled before this migration has lost them for good.
      // Each column checked first, as 0009: on SQLite a process stopped between the two left 0010 unrecorded.
      const campaigns = (await db.introspection.getTables()).find((t) => t.name === 'campaigns');
      const has = (column: string) => campaigns?.columns.some((c) => c.name === column) ?? false;
      if (!has('planned_from')) await db.schema.alterTable('campaigns').addColumn('planned_from', 'bigint').execute();
      if (!has('planned_until')) await db.schema.alterTable('campaigns').addColumn('planned_until', 'bigint').execute();
    },
  },
  '0011_counter_topups': {
    async up(db: Kysely<any>) {
      // Cash a customer handed the cashier, put on their wallet (api/topups/counter.ts): the ledger holds the
      // transfer (external funding -> wallet, kind topup), this row what the ledger does not know: which shop took
      // the cash, and which cashier, for its reports and its close (z_number null until the next Z report, as
      // cash_settlements). One row per transfer. Checked first, as 0009: on SQLite DDL runs outside a transaction.
      if ((await db.introspection.getTables()).some((t) => t.name === 'counter_topups')) return;
      await db.schema
        .createTable('counter_topups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('transfer_id', 'text', (c) => c.notNull().unique().references('transfers.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('z_number', 'integer')
        .addCheckConstraint('counter_topups_amount', sql`amount > 0`)
        .execute();
      await db.schema.createIndex('counter_topups_open_z').on('counter_topups').columns(['merchant_id', 'z_number']).execute();
      await db.schema.createIndex('counter_topups_day').on('counter_topups').columns(['merchant_id', 'created_at']).execute();
    },
  },
  '0012_counter_topup_reversals': {
    async up(db: Kysely<any>) {
      // A counter top-up a manager took back (api/topups/reversal.ts): the ledger holds the transfer (the wallet ->
      // external funding, kind topup_reversal), this row which top-up it undid, the manager who did it and when.
      // One per top-up (unique topup_id: a second reversal is refused, two at once cannot both commit). Cash paid
      // out of the drawer when it is made, so a shop's reports count it then: z_number null until the next Z
      // report, whichever Z holds the top-up. Checked first, as 0011: on SQLite DDL runs outside a transaction.
      if ((await db.introspection.getTables()).some((t) => t.name === 'counter_topup_reversals')) return;
      await db.schema
        .createTable('counter_topup_reversals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('topup_id', 'text', (c) => c.notNull().unique().references('counter_topups.id'))
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('transfer_id', 'text', (c) => c.notNull().unique().references('transfers.id'))
        .addColumn('amount', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('z_number', 'integer')
        .addCheckConstraint('counter_topup_reversals_amount', sql`amount > 0`)
        .execute();
      await db.schema.createIndex('counter_topup_reversals_open_z').on('counter_topup_reversals').columns(['merchant_id', 'z_number']).execute();
      await db.schema.createIndex('counter_topup_reversals_day').on('counter_topup_reversals').columns(['merchant_id', 'created_at']).execute();
    },
  },
  '0013_z_earlier_cash': {
    async up(db: Kysely<any>) {
      await backfillZEarlierCash(db);
    },
  },
  '0014_refunds_by_time': {
    async up(db: Kysely<any>) {
      // The platform statement reads a shop's refunds of a period (reports/platform-statement.ts): by shop and time,
      // a month's refunds, not every refund the shop ever gave (refunds_open_z starts with the shop, then the Z).
      await db.schema.createIndex('refunds_by_time').ifNotExists().on('refunds').columns(['merchant_id', 'created_at']).execute();
    },
  },
  '0015_tablet_unsent': {
    async up(db: Kysely<any>) {
      // What each tablet of a shop last said it still holds unsent in its offline outbox (reports/tablet-unsent.ts):
      // one row per shop and tablet (its terminal id), replaced by a later report only (a higher `sequence`, the
      // tablet's own count), so a report arriving late never overwrites a newer one. A tablet that holds nothing
      // keeps its row at 0 (and its sequence), unlisted. Checked first, as 0011: on SQLite DDL runs outside a transaction.
      if ((await db.introspection.getTables()).some((t) => t.name === 'tablet_unsent')) return;
      await db.schema
        .createTable('tablet_unsent')
        .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('cashier_id', 'text', (c) => c.notNull())
        .addColumn('sequence', 'bigint', (c) => c.notNull())
        .addColumn('unsent_count', 'integer', (c) => c.notNull())
        .addColumn('unsent_amount', 'bigint', (c) => c.notNull())
        .addColumn('oldest_queued_at', 'bigint')
        .addColumn('heard_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('tablet_unsent_pk', ['merchant_id', 'terminal_id'])
        .addCheckConstraint('tablet_unsent_count', sql`unsent_count >= 0 and unsent_amount >= unsent_count`)
        .addCheckConstraint('tablet_unsent_oldest', sql`(unsent_count = 0) = (oldest_queued_at is null)`)
        .execute();
    },
  },
  '0016_not_paid_declines': {
    async up(db: Kysely<any>) {
      // A declined sale the customer walked away from without paying (payments/not-paid.ts): the cashier takes it off
      // the counter's list saying so, and the shop's reports count it apart, so a close no longer needs a false "paid
      // in cash" to clear the list. No money and no cash: the row says which payment, who, when and why. One per
      // payment (unique payment_id: a second is refused, two at once cannot both commit). Closed into a Z report like
      // a cash note (z_number null until the next close).
      // The table checked first, as 0011: on SQLite DDL runs outside a transaction. The indexes after it each
      // `ifNotExists`, so a start stopped between the table and its indexes makes them at the next.
      if (!(await db.introspection.getTables()).some((t) => t.name === 'not_paid_declines')) {
        await db.schema
          .createTable('not_paid_declines')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('payment_id', 'text', (c) => c.notNull().unique().references('payments.id'))
          .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
          .addColumn('cashier_id', 'text', (c) => c.notNull())
          .addColumn('amount', 'bigint', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('z_number', 'integer')
          .addCheckConstraint('not_paid_declines_amount', sql`amount > 0`)
          .execute();
      }
      await db.schema.createIndex('not_paid_declines_open_z').ifNotExists().on('not_paid_declines').columns(['merchant_id', 'z_number']).execute();
      await db.schema.createIndex('not_paid_declines_day').ifNotExists().on('not_paid_declines').columns(['merchant_id', 'created_at']).execute();
    },
  },
  '0017_tablet_unsent_session': {
    async up(db: Kysely<any>) {
      // The session that sent each tablet's last report (the token hash, the sessions table's key): a tablet still
      // signed in there but not heard from for a while is named to the manager as silent (reports/tablet-unsent.ts).
      // Null on rows kept before: those are never called silent, as no one knows whether their session lives.
      const table = (await db.introspection.getTables()).find((t) => t.name === 'tablet_unsent');
      if (!table?.columns.some((c) => c.name === 'session_hash')) await db.schema.alterTable('tablet_unsent').addColumn('session_hash', 'text').execute();
    },
  },
  '0018_not_paid_taken_back': {
    async up(db: Kysely<any>) {
      // A "not paid" a manager took back (payments/not-paid.ts takeBackNotPaid): the note moved here whole, with who
      // took it back and when, so the owner can still read who wrote the sale off, why, and who reinstated it. A
      // table of its own, not a mark on not_paid_declines: every figure, Z close and check that reads that table keeps
      // reading live notes only, and its unique payment_id still allows one live note per payment, while a sale noted
      // again after a take-back (and taken back again) has as many rows here as times it was taken back. Never in a Z
      // report (only an open note can be taken back), so no z_number. `id` is the note's own.
      // Checked first, as 0011: on SQLite DDL runs outside a transaction; the indexes after it `ifNotExists`.
      if (!(await db.introspection.getTables()).some((t) => t.name === 'not_paid_taken_back')) {
        await db.schema
          .createTable('not_paid_taken_back')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id'))
          .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
          .addColumn('cashier_id', 'text', (c) => c.notNull())
          .addColumn('amount', 'bigint', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('taken_back_at', 'bigint', (c) => c.notNull())
          .addColumn('taken_back_by', 'text', (c) => c.notNull())
          .addCheckConstraint('not_paid_taken_back_amount', sql`amount > 0`)
          .addCheckConstraint('not_paid_taken_back_order', sql`taken_back_at >= created_at`)
          .execute();
      }
      // The sale's detail reads its notes taken back; the Day report file those taken back that day.
      await db.schema.createIndex('not_paid_taken_back_payment').ifNotExists().on('not_paid_taken_back').column('payment_id').execute();
      await db.schema.createIndex('not_paid_taken_back_day').ifNotExists().on('not_paid_taken_back').columns(['merchant_id', 'taken_back_at']).execute();
    },
  },
  '0019_tablet_unsent_forgotten': {
    async up(db: Kysely<any>) {
      // When a manager said a tablet is gone (broken, lost, wiped: reports/tablet-unsent.ts "forget"): the row is
      // kept with its sequence, unlisted, so a report that arrives late cannot bring it back, while the tablet's next
      // report (a higher number) clears it and names it again. Null: not forgotten.
      const table = (await db.introspection.getTables()).find((t) => t.name === 'tablet_unsent');
      if (!table?.columns.some((c) => c.name === 'forgotten_at')) await db.schema.alterTable('tablet_unsent').addColumn('forgotten_at', 'bigint').execute();
    },
  },
  '0020_payment_short_by': {
    async up(db: Kysely<any>) {
      // On a decline for a balance too low: how much more the wallet needed (payments/decide.ts floorRefusal), so the
      // counter can say "¥40.00 short" and ask the customer for the difference. Kept from the decision, not worked out
      // when read: the charge A − D is not on a declined row, and the balance moves after. Null on every other payment
      // and on declines kept before it.
      const table = (await db.introspection.getTables()).find((t) => t.name === 'payments');
      if (!table?.columns.some((c) => c.name === 'short_by')) await db.schema.alterTable('payments').addColumn('short_by', 'bigint').execute();
    },
  },
  '0021_session_end_reason': {
    async up(db: Kysely<any>) {
      // Why a session was ended (auth/sessions.ts SessionEndReason): its own sign-out, a manager signing the cashier
      // out, a new PIN, the cashier removed. A 401 for it says so (`reason`), and the tablet tells the cashier which,
      // not every reason there could be. Null on sessions ended before it, and on those still open.
      const table = (await db.introspection.getTables()).find((t) => t.name === 'sessions');
      if (!table?.columns.some((c) => c.name === 'end_reason')) await db.schema.alterTable('sessions').addColumn('end_reason', 'text').execute();
    },
  },
};

/**
 * Z reports closed before their figures counted the refunds of sales from earlier periods apart
 * (`earlierSalesRefundCount`, `earlierSalesRefunded`) get them, as reports/closing.ts counts them at a close: the
 * report's refunds whose sale carries an earlier Z number. Both numbers were stamped at those closes and never
 * change, so the figure is exactly what the report would have said; a report that has it already is left alone.
 */
export async function backfillZEarlierRefunds(db: Kysely<any>): Promise<void> {
  const reports = await db.selectFrom('z_reports').select(['id', 'merchant_id', 'number', 'figures']).execute();
  for (const report of reports) {
    const figures = JSON.parse(report.figures) as Record<string, unknown>;
    if ('earlierSalesRefundCount' in figures) continue;
    const earlier = await db
      .selectFrom('refunds')
      .innerJoin('payments', 'payments.id', 'refunds.payment_id')
      .where('refunds.merchant_id', '=', report.merchant_id)
      .where('refunds.z_number', '=', report.number)
      .where('payments.z_number', '<', report.number)
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(refunds.amount), 0)`.as('amount')])
      .executeTakeFirstOrThrow();
    const withThem = { ...figures, earlierSalesRefundCount: Number(earlier.n), earlierSalesRefunded: Number(earlier.amount) };
    await db.updateTable('z_reports').set({ figures: JSON.stringify(withThem) }).where('id', '=', report.id).execute();
  }
}

/**
 * Z reports closed before their figures counted apart the cash taken for declined sales of earlier periods
 * (`earlierSalesPaidInCashCount`, `earlierSalesPaidInCash`) get them, as 0008 gave them the refunds': the report's
 * cash settlements whose payment carries an earlier Z number, both stamped at those closes, so the figure is what the
 * report would have said. A report that has it already is left alone, so it may run again.
 */
export async function backfillZEarlierCash(db: Kysely<any>): Promise<void> {
  const reports = await db.selectFrom('z_reports').select(['id', 'merchant_id', 'number', 'figures']).execute();
  for (const report of reports) {
    const figures = JSON.parse(report.figures) as Record<string, unknown>;
    if ('earlierSalesPaidInCashCount' in figures) continue;
    const earlier = await db
      .selectFrom('cash_settlements')
      .innerJoin('payments', 'payments.id', 'cash_settlements.payment_id')
      .where('cash_settlements.merchant_id', '=', report.merchant_id)
      .where('cash_settlements.z_number', '=', report.number)
      .where('payments.z_number', '<', report.number)
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(cash_settlements.amount), 0)`.as('amount')])
      .executeTakeFirstOrThrow();
    const withThem = { ...figures, earlierSalesPaidInCashCount: Number(earlier.n), earlierSalesPaidInCash: Number(earlier.amount) };
    await db.updateTable('z_reports').set({ figures: JSON.stringify(withThem) }).where('id', '=', report.id).execute();
  }
}

/**
 * The new columns of refunds made before 0007. The coupon came back, as refund.ts decides, with the refund that
 * completed a payment with a coupon while its campaign still ran; an end moved since then is not known here.
 */
export async function backfillRefundHistory(db: Kysely<any>): Promise<void> {
  await sql`update refunds set customer_id = (select p.customer_id from payments p where p.id = refunds.payment_id) where customer_id is null`.execute(db);
  await sql`
    update refunds set coupon_returned = 1
    where refunds.id = (select max(r.id) from refunds r where r.payment_id = refunds.payment_id)
      and exists (
        select 1 from payments p join campaigns c on c.id = p.campaign_id
        where p.id = refunds.payment_id and p.status = 'refunded' and p.coupon_id is not null and c.valid_until > refunds.created_at
      )`.execute(db);
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`, { cause: error });
  }
}
