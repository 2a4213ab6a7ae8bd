import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { code128cBars, code128cModules, code128cSymbols, QUIET_ZONE_MODULES } from '../../../src/lib/ui/barcode/code128';

// jsbarcode is installed (not shipped): an independent encoder to compare ours with.
const require = createRequire(import.meta.url);
const jsbarcode = require('jsbarcode/bin/barcodes/CODE128/CODE128C.js');
const JsCode128C = jsbarcode.default ?? jsbarcode;

describe('our Code 128 set C barcode', () => {
	it('matches jsbarcode module for module', () => {
		for (const digits of ['881234567890123456', '000000000000000000', '999999999999999999', '120000000000000034']) {
			expect(code128cModules(digits)).toBe(new JsCode128C(digits, {}).encode().data);
		}
	});

	it('has start C, nine digit pairs, the mod-103 checksum and stop', () => {
		const symbols = code128cSymbols('010203040506070809');
		expect(symbols[0]).toBe(105);
		expect(symbols.slice(1, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		const sum = 105 + [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, v, i) => s + v * (i + 1), 0);
		expect(symbols[10]).toBe(sum % 103);
		expect(symbols[11]).toBe(106);
	});

	it('draws bars inside the quiet zones', () => {
		const { bars, width } = code128cBars('881234567890123456');
		expect(bars[0][0]).toBe(QUIET_ZONE_MODULES);
		const [lastX, lastW] = bars.at(-1)!;
		expect(width - (lastX + lastW)).toBe(QUIET_ZONE_MODULES);
	});

	it('refuses an odd number of digits', () => {
		expect(() => code128cModules('123')).toThrow();
	});
});
