/**
 * After the form's own check refused it: the first field at fault takes the focus, and so is scrolled to, once the
 * errors are on screen (the next tick). These forms can be taller than the screen, and a fault said at a field out
 * of sight looked like nothing happening. Says whether a field took it, for a form that then focuses its message
 * instead (CampaignForm). Shop settings (../shop) checks its fields the same way and uses it too.
 */
import { tick } from 'svelte';

export async function focusFirstInvalid(form: HTMLElement | null): Promise<boolean> {
	await tick();
	const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
	invalid?.focus();
	return invalid != null;
}
