import { describe, expect, it } from 'vitest';
import { isRowTap, ROW_CONTROLS } from '../../../src/routes/cashier/payments/row-tap';

/** A tap on a payment's row opens its detail, but not a tap on a control in it, nor a drag that selected text. */
describe("a tap on a Today's row", () => {
	/** An element that is (or is inside) a control, or not. */
	const element = (inControl: boolean) => ({ closest: (selector: string) => (inControl && selector === ROW_CONTROLS ? ({} as Element) : null) });

	it('toggles the detail from anywhere on the row', () => {
		expect(isRowTap(element(false), '')).toBe(true);
		// Not an element (a text node's click): the row's too.
		expect(isRowTap(null, '')).toBe(true);
	});

	it("leaves a click on a control in the row to that control (the Details button toggles once, not twice)", () => {
		expect(isRowTap(element(true), '')).toBe(false);
	});

	it('is no tap when the click ended a drag that selected text (a handle copied)', () => {
		expect(isRowTap(element(false), 'alice')).toBe(false);
	});
});
