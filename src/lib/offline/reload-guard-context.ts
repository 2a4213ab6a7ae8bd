// The app's one ReloadGuard, made by the root layout and handed down by context.
import { getContext, setContext } from 'svelte';
import { ReloadGuard } from './reload-guard';

const KEY = Symbol('reload-guard');
export const setReloadGuard = (guard: ReloadGuard = new ReloadGuard()) => setContext(KEY, guard);
/** Undefined outside the root layout (component tests): nothing then holds an update back. */
export const getReloadGuard = () => getContext<ReloadGuard | undefined>(KEY);
