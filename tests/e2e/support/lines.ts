import type { Locator } from '@playwright/test';

/**
 * Every place where a line of `el`'s text ends inside a word: two letters or digits, one at the end of a line and
 * the next at the start of the following one, with no space between them ("日|结").
 */
export async function wordsBroken(el: Locator): Promise<string[]> {
	return el.evaluate((root) => {
		const broken: string[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent ?? '';
			let prev: { ch: string; top: number } | null = null;
			for (let i = 0; i < text.length; i++) {
				const ch = text[i]!;
				range.setStart(node, i);
				range.setEnd(node, i + 1);
				const rect = range.getClientRects()[0];
				if (!rect || /\s/.test(ch)) {
					prev = null;
					continue;
				}
				if (prev && rect.top > prev.top + 2 && /[\p{L}\p{N}]/u.test(prev.ch) && /[\p{L}\p{N}]/u.test(ch)) broken.push(`${prev.ch}|${ch}`);
				prev = { ch, top: rect.top };
			}
		}
		return broken;
	});
}

/** `el`'s text as the browser sets it, one string a line (its spaces kept, each line trimmed). */
export async function renderedLines(el: Locator): Promise<string[]> {
	return el.evaluate((root) => {
		const lines: { top: number; text: string }[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		const range = document.createRange();
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent ?? '';
			for (let i = 0; i < text.length; i++) {
				range.setStart(node, i);
				range.setEnd(node, i + 1);
				const rect = range.getClientRects()[0];
				if (!rect) continue;
				const last = lines[lines.length - 1];
				if (last && Math.abs(rect.top - last.top) <= 2) last.text += text[i];
				else if (!last || rect.top > last.top + 2) lines.push({ top: rect.top, text: text[i]! });
				else last.text += text[i];
			}
		}
		return lines.map((l) => l.text.replace(/\s+/g, ' ').trim()).filter((l) => l !== '');
	});
}
