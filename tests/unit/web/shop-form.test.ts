import { describe, expect, it } from 'vitest';
import type { Shop } from '../../../src/lib/api/shop';
import { changedLines, shopForm, timeZoneChoices, toShopChange } from '../../../src/routes/cashier/shop/shop-form';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const SHOP: Shop = { handle: 'demo-cafe', name: 'Demo Café', currency: 'CNY', timeZone: 'UTC', offlineLimits: { paymentMax: cny(50_000), totalMax: cny(200_000), countMax: 50 } };

describe('the shop settings form', () => {
	it('shows the limits as money in the major unit, exactly, and sends nothing when nothing changed', () => {
		expect(shopForm(SHOP)).toEqual({ name: 'Demo Café', timeZone: 'UTC', paymentMax: '500.00', totalMax: '2000.00', countMax: '50' });
		expect(toShopChange(shopForm(SHOP), SHOP)).toEqual({ change: {}, errors: {} });
		// Written another way, the same amounts are no change either.
		expect(toShopChange({ ...shopForm(SHOP), paymentMax: '500', totalMax: '¥2,000.0' }, SHOP).change).toEqual({});
	});

	it('sends only what the manager changed, amounts in integer minor units', () => {
		const { change } = toShopChange({ name: ' Corner Café ', timeZone: 'UTC', paymentMax: '100.1', totalMax: '2000', countMax: '20' }, SHOP);
		expect(change).toEqual({ name: 'Corner Café', offlineLimits: { paymentMax: cny(10_010), countMax: 20 } });
		// 0.29 is not 28.999… fen here: string arithmetic, no float.
		expect(toShopChange({ ...shopForm(SHOP), paymentMax: '0.29' }, SHOP).change).toEqual({ offlineLimits: { paymentMax: cny(29) } });
	});

	it('names each mistake at its field before anything is sent', () => {
		const errorsOf = (f: Partial<ReturnType<typeof shopForm>>) => toShopChange({ ...shopForm(SHOP), ...f }, SHOP);
		expect(errorsOf({ name: '   ' })).toEqual({ change: null, errors: { name: 'nameRequired' } });
		expect(errorsOf({ name: 'x'.repeat(61) }).errors).toEqual({ name: 'nameLong' });
		for (const paymentMax of ['', '0', '-5', 'abc', '1.234', '5,5']) expect(errorsOf({ paymentMax }).errors, paymentMax).toEqual({ paymentMax: 'amount' });
		expect(errorsOf({ totalMax: '1000000.01' }).errors).toEqual({ totalMax: 'amountMax' });
		expect(errorsOf({ paymentMax: '2000.01' }).errors).toEqual({ paymentMax: 'paymentOverTotal' });
		expect(errorsOf({ paymentMax: '2000' }).errors).toEqual({});
		for (const countMax of ['0', '501', '2.5', '', 'ten']) expect(errorsOf({ countMax }).errors, countMax).toEqual({ countMax: 'count' });
	});

	it('says what a save changed, from the answer before and after', () => {
		const after: Shop = { ...SHOP, name: 'Corner Café', offlineLimits: { ...SHOP.offlineLimits, paymentMax: cny(10_000), countMax: 20 } };
		expect(changedLines(SHOP, after)).toEqual([
			{ field: 'name', from: 'Demo Café', to: 'Corner Café' },
			{ field: 'paymentMax', from: cny(50_000), to: cny(10_000) },
			{ field: 'countMax', from: 50, to: 20 }
		]);
		expect(changedLines(SHOP, SHOP)).toEqual([]);
		expect(changedLines(SHOP, { ...SHOP, timeZone: 'Asia/Shanghai' })).toEqual([{ field: 'timeZone', from: 'UTC', to: 'Asia/Shanghai' }]);
	});

	it('sends the time zone only when another is chosen, from the zones the browser knows', () => {
		expect(toShopChange({ ...shopForm(SHOP), timeZone: 'Asia/Shanghai' }, SHOP).change).toEqual({ timeZone: 'Asia/Shanghai' });
		const choices = timeZoneChoices('UTC');
		expect(choices[0]).toBe('UTC');
		expect(choices).toContain('Asia/Shanghai');
		expect(choices).toContain('Europe/Berlin');
		// A zone set elsewhere that this browser does not list stays choosable, so the form does not change it unasked.
		expect(timeZoneChoices('Mars/Olympus_Mons')).toContain('Mars/Olympus_Mons');
	});
});
