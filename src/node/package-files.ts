/** Files that ship with parley, found from this module (two folders up from src/node/ and dist/node/ alike). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** parley's version, from its package.json. */
export const PARLEY_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The default scenario (the 2025 Ukraine ceasefire talks): models/ukraine-2025.yaml. */
export const DEFAULT_MODEL: string = fileURLToPath(new URL('../../models/ukraine-2025.yaml', import.meta.url));
