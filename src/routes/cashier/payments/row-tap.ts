/**
 * A tap anywhere on a payment's row opens or closes its detail, as the row's own button does: the button was a
 * small target at the row's end, and a tap on the customer or the amount did nothing. The button stays the
 * control the keyboard and a screen reader reach; this is only a bigger target for a finger or a mouse. A click
 * on a control inside the row is that control's (the button toggles once, not twice), and a drag that selected
 * text (a handle copied) is not a tap. Pure: the row gives it the click's target and the text selected.
 */

/** What inside a row is a control of its own: a click on it is not the row's. */
export const ROW_CONTROLS = 'a, button, input, select, textarea, label, summary, [role="button"]';

/** Whether a click on a row (on `target`, an element or null) with `selectedText` selected toggles its detail. */
export function isRowTap(target: Pick<Element, 'closest'> | null, selectedText: string): boolean {
	if (target?.closest(ROW_CONTROLS)) return false;
	return selectedText === '';
}
