import { join } from 'node:path';

/** The repository root (bench/lib is two levels down). */
export const ROOT = join(import.meta.dirname, '../..');
