/** The payment routes' requests, and the offline sync's answer: the contract the sale's and the batch's routes share. */
import { z } from '@hono/zod-openapi';
import { IdempotencyHeaders, IdSchema, IsoTimeSchema } from '../http/schemas.js';
import { MoneySchema } from '../money.js';
import { PAYCODE_PATTERN } from '../paycodes/codes.js';
import { PaymentSchema } from './view.js';

export const CodeSchema = z.string().regex(PAYCODE_PATTERN, 'a payment code is 18 digits').openapi({ example: '881234567890123456' });
const TerminalIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const TakenBySchema = IdSchema.openapi({
  description:
    "The id of the shop's cashier who took the sale, when it is not the one signed in: a sale queued offline on a tablet and sent after a colleague signed in there is recorded under its own cashier. A colleague is named only with the scan's time (scannedAt), for a scan made while they worked at this shop (one removed since keeps the sales they took); the default is the signed-in cashier.",
});

const SequenceSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * A sale's own fields, the same in a payment request and in an offline sync's item: a new field of a sale is added
 * here once (and then to route-helpers.ts toRequest, which the compiler points to through SaleFields' type).
 */
const SaleFields = z.object({
  code: CodeSchema,
  amount: MoneySchema,
  scannedAt: IsoTimeSchema.optional(),
  sequence: SequenceSchema.optional(),
  takenBy: TakenBySchema.optional(),
});
export type SaleFields = z.infer<typeof SaleFields>;

export const PaymentBody = SaleFields.extend({ terminalId: TerminalIdSchema.optional() })
  .strict()
  .openapi('PaymentRequest');

/** What an offline sync answers: per item, in the order sent, its payment or why it was not settled. */
export const BatchAnswer = z
  .object({
    results: z.array(
      z
        .object({
          idempotencyKey: z.string(),
          status: z.enum(['succeeded', 'declined', 'error']).openapi({ description: 'error: not settled (send it again with its key when the code says so)' }),
          payment: PaymentSchema.optional(),
          error: z.object({ code: z.string(), message: z.string() }).optional(),
        })
        .openapi('BatchItemResult'),
    ),
    gaps: z
      .array(z.object({ from: z.number().int(), to: z.number().int() }))
      .openapi({ description: "Ranges (from and to included) of this terminal's sequence numbers the server has never received, below the batch's highest: a lost outbox shows here (at most 100)" }),
  })
  .openapi('PaymentBatchResult');

/** At most this many payments in one offline sync request: bounds the request's work and the answer's size. */
export const BATCH_ITEMS_MAX = 500;

export const BatchBody = z
  .object({
    // Optional, as in DESIGN.md's v1 contract ({items:[…]}): it only serves the report of lost sequence numbers
    // (`gaps`), which needs both it and the items' `sequence`.
    terminalId: TerminalIdSchema.optional().openapi({ description: "The till's own id, with each item's `sequence`: the answer's `gaps` then shows sequence numbers that never arrived" }),
    items: z
      .array(
        // An item queued offline always carries its scan's time: the sale happened then, not when it is sent.
        SaleFields.extend({ idempotencyKey: IdempotencyHeaders.shape['idempotency-key'], scannedAt: IsoTimeSchema }).strict(),
      )
      .min(1)
      .max(BATCH_ITEMS_MAX),
  })
  .strict()
  // A sequence number counts within one till: without the till's id it could only be stored as nobody's.
  .refine((b) => b.terminalId !== undefined || b.items.every((i) => i.sequence === undefined), { message: 'terminalId is required when items carry a sequence', path: ['terminalId'] })
  .openapi('PaymentBatch');
