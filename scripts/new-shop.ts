/**
 * `npm run shop -- --handle corner-cafe --name "Corner Café" --manager ana --pin 482913 [--time-zone Europe/Berlin]`
 *
 * Opens a shop in the database the server uses (DATABASE_URL, as `npm start` reads it; the server may be
 * running), with its first manager, who then adds the rest of the staff on the Staff page. This is how a real
 * shop starts on a database begun with DEMO=0. The shop keeps a time zone of its own, where its day starts: the one
 * given with --time-zone, else the one in effect when it is opened (TIME_ZONE if set, else this machine's). Saved,
 * not followed: a shop that followed the server's zone had its midnight, and its closed Z reports' days, moved by
 * a move of the server or a TIME_ZONE set later (several processes on one PostgreSQL, one database for shops in
 * several zones). The shop is made by the same code as the demo's (api/staff/shops.ts).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPin } from '../api/auth/pins.js';
import { canonicalTimeZone, isTimeZone, loadConfig, machineTimeZone } from '../api/config.js';
import { openDatabase } from '../api/db/connect.js';
import { inTransaction } from '../api/db/tx.js';
import { HandleSchema, PinSchema, textLine } from '../api/http/schemas.js';
import { assertLedgerCurrency, ensureSystemAccounts } from '../api/ledger/system-accounts.js';
import { addCashier, openShop } from '../api/staff/shops.js';

const Args = z.object({
  handle: HandleSchema,
  name: textLine(80),
  manager: HandleSchema,
  pin: PinSchema,
  'time-zone': z
    .string()
    .refine((zone) => isTimeZone(zone), 'not an IANA time zone (e.g. Asia/Shanghai, Europe/Berlin)')
    .transform((zone) => canonicalTimeZone(zone)!)
    .optional(),
});

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { handle: { type: 'string' }, name: { type: 'string' }, manager: { type: 'string' }, pin: { type: 'string' }, 'time-zone': { type: 'string' } } });
  // Handles typed as the sign-in screen and the Staff page take them, which lowercase them: "--manager Ana" is ana
  // there, and was refused here as not a handle.
  const handles = { handle: values.handle?.trim().toLowerCase(), manager: values.manager?.trim().toLowerCase() };
  const args = Args.safeParse({ ...values, ...handles });
  if (!args.success) {
    console.error('Usage: npm run shop -- --handle <shop-handle> --name "<shop name>" --manager <handle> --pin <4–12 digits> [--time-zone <IANA zone>]');
    for (const issue of args.error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const { handle, name, manager, pin, 'time-zone': given } = args.data;
  const config = loadConfig(process.env, machineTimeZone());
  // Spelt as the tablets list zones (TIME_ZONE=asia/shanghai is Asia/Shanghai), as a zone given with --time-zone is.
  const timeZone = given ?? canonicalTimeZone(config.timeZone) ?? config.timeZone;
  const db = await openDatabase(config.databaseUrl);
  try {
    const now = Date.now();
    await assertLedgerCurrency(db.kysely, config.currency);
    await ensureSystemAccounts(db.kysely, config.currency, now);
    const pinHash = await hashPin(pin);
    const opened = await inTransaction(db.kysely, async (trx) => {
      if (await trx.selectFrom('merchants').select('id').where('handle', '=', handle).executeTakeFirst()) return false;
      const merchantId = await openShop(trx, { handle, name, currency: config.currency, timeZone, now });
      await addCashier(trx, { merchantId, handle: manager, pinHash, canManage: true, now });
      return true;
    });
    if (!opened) {
      console.error(`A shop with the handle "${handle}" exists already; nothing was changed.`);
      return 1;
    }
    const zoneSource = given ? 'given with --time-zone' : process.env.TIME_ZONE ? 'TIME_ZONE here' : "this machine's clock";
    console.log(`Shop "${name}" opened (${db.dialect}). Sign in at /cashier with shop ${handle}, handle ${manager} and the PIN given.`);
    console.log(`Its day (Today, the Day report, the Z close) starts at midnight in ${timeZone} (${zoneSource}), saved as the shop's own: moving the server or setting TIME_ZONE later does not move it.`);
    console.log('If that is not where the shop is, change it under Manage → Shop settings before making campaigns.');
    console.log('Add cashiers under Manage → Staff and PINs, and campaigns under Manage → Campaigns.');
    // The PIN was typed on the command line, where the shell's history keeps it.
    console.log(`The PIN given stays in this shell's history: once signed in, ${manager} chooses their own under Manage → Staff and PINs → New PIN.`);
    return 0;
  } finally {
    await db.close();
  }
}

// An expected failure (no database there, a currency the ledger does not hold) is said in a line, without a stack.
process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
});
