import { fileURLToPath } from 'node:url';

/** The repository root: route entries and the lockfile are resolved against it, whatever the cwd. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
