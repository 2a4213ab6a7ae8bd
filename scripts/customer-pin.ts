/**
 * `npm run customer-pin -- --handle alice` (or `--pin 482913` to choose the new PIN)
 *
 * For the platform's support, when a customer forgot their PIN: once you have made sure who is asking (outside
 * this system), this sets a new PIN in the database the server uses (DATABASE_URL, as `npm start` reads it; the
 * server may be running) and prints it. The customer's devices are all signed out and the handle's wrong tries
 * forgotten; they sign in with the new PIN and change it under Wallet history, Change PIN (api/auth/pin-reset.ts).
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { resetCustomerPin } from '../api/auth/pin-reset.js';
import { hashPin } from '../api/auth/pins.js';
import { loadConfig } from '../api/config.js';
import { openDatabase } from '../api/db/connect.js';
import { HandleSchema, PinSchema } from '../api/http/schemas.js';

const Args = z.object({ handle: HandleSchema, pin: PinSchema.optional() });

/** Six digits, from the system's secure random source: a PIN read out or sent once, then changed by its owner. */
const newPin = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { handle: { type: 'string' }, pin: { type: 'string' } } });
  const args = Args.safeParse(values);
  if (!args.success) {
    console.error('Usage: npm run customer-pin -- --handle <customer handle> [--pin <4–12 digits>]');
    for (const issue of args.error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`);
    return 2;
  }
  const { handle } = args.data;
  const pin = args.data.pin ?? newPin();
  const config = loadConfig(process.env);
  const db = await openDatabase(config.databaseUrl);
  try {
    const reset = await resetCustomerPin(db, { handle, pinHash: await hashPin(pin), now: Date.now() });
    if (!reset) {
      console.error(`No customer has the handle "${handle}"; nothing was changed.`);
      return 1;
    }
    console.log(`The PIN of ${handle} is now ${pin} (${db.dialect}). ${reset.signedOut} signed-in device(s) signed out.`);
    console.log('Ask them to sign in with it and choose their own under Wallet history, Change PIN.');
    return 0;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
