/**
 * Code 128, set C only: the payment code is 18 digits, which set C packs two to a symbol, so the
 * barcode stays short enough for a phone held sideways to a laser scanner. Drawing it ourselves
 * costs ~2 KB where jsbarcode would cost ~15 KB on the customer's code screen.
 *
 * Each pattern is 11 modules (the stop symbol 13), '1' a bar and '0' a space.
 */
const PATTERNS = [
	'11011001100', '11001101100', '11001100110', '10010011000', '10010001100', '10001001100', '10011001000', '10011000100',
	'10001100100', '11001001000', '11001000100', '11000100100', '10110011100', '10011011100', '10011001110', '10111001100',
	'10011101100', '10011100110', '11001110010', '11001011100', '11001001110', '11011100100', '11001110100', '11101101110',
	'11101001100', '11100101100', '11100100110', '11101100100', '11100110100', '11100110010', '11011011000', '11011000110',
	'11000110110', '10100011000', '10001011000', '10001000110', '10110001000', '10001101000', '10001100010', '11010001000',
	'11000101000', '11000100010', '10110111000', '10110001110', '10001101110', '10111011000', '10111000110', '10001110110',
	'11101110110', '11010001110', '11000101110', '11011101000', '11011100010', '11011101110', '11101011000', '11101000110',
	'11100010110', '11101101000', '11101100010', '11100011010', '11101111010', '11001000010', '11110001010', '10100110000',
	'10100001100', '10010110000', '10010000110', '10000101100', '10000100110', '10110010000', '10110000100', '10011010000',
	'10011000010', '10000110100', '10000110010', '11000010010', '11001010000', '11110111010', '11000010100', '10001111010',
	'10100111100', '10010111100', '10010011110', '10111100100', '10011110100', '10011110010', '11110100100', '11110010100',
	'11110010010', '11011011110', '11011110110', '11110110110', '10101111000', '10100011110', '10001011110', '10111101000',
	'10111100010', '11110101000', '11110100010', '10111011110', '10111101110', '11101011110', '11110101110', '11010000100',
	'11010010000', '11010011100', '1100011101011',
];

const START_C = 105;
const STOP = 106;
const CHECKSUM_MODULO = 103;
/** Quiet zone each side, in modules: the standard asks for at least 10. */
export const QUIET_ZONE_MODULES = 10;

/** The symbol values for an even-length digit string: start C, pairs, checksum, stop. */
export function code128cSymbols(digits: string): number[] {
	if (!/^(\d\d)+$/.test(digits)) throw new Error('Code 128 set C needs an even number of digits');
	const values = [START_C];
	for (let i = 0; i < digits.length; i += 2) values.push(Number(digits.slice(i, i + 2)));
	let sum = START_C;
	for (let i = 1; i < values.length; i++) sum += values[i] * i;
	values.push(sum % CHECKSUM_MODULO, STOP);
	return values;
}

/** The module string ('1101…') without quiet zones. */
export function code128cModules(digits: string): string {
	return code128cSymbols(digits)
		.map((v) => PATTERNS[v])
		.join('');
}

/** Bars as [x, width] runs in modules, offset by the quiet zone, for drawing as SVG rects. */
export function code128cBars(digits: string): { bars: [number, number][]; width: number } {
	const modules = code128cModules(digits);
	const bars: [number, number][] = [];
	let i = 0;
	while (i < modules.length) {
		if (modules[i] === '1') {
			let j = i;
			while (j < modules.length && modules[j] === '1') j++;
			bars.push([QUIET_ZONE_MODULES + i, j - i]);
			i = j;
		} else i++;
	}
	return { bars, width: modules.length + 2 * QUIET_ZONE_MODULES };
}
