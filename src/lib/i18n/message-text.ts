/**
 * A message key of the app's dictionaries and its values: what a screen turns into words with i18n.t. Refusals are
 * kept in this form (by the error's stable code), never as the server's English message.
 */
import type { MessageKey } from './en';

export type MessageText = [MessageKey, Record<string, string | number>?];
