import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CARRIERS, type Carrier } from '../../domain/carriers/carriers.js';

export const CARRIER_SECRETS_FILE_NAME = 'carriers.json';

const newSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;

const readExisting = async (path: string): Promise<Partial<Record<Carrier, string>>> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error(`${path} must be a JSON object of carrier -> secret`);
  }
  return Object.fromEntries(
    Object.entries(document).filter(
      (entry): entry is [Carrier, string] =>
        (CARRIERS as readonly string[]).includes(entry[0]) && typeof entry[1] === 'string' && entry[1] !== '',
    ),
  );
};

/**
 * `<dataDir>/carriers.json`: each carrier's local webhook signing secret (docs/design.md §9). Made with random
 * secrets on the first run and kept across restarts, so a simulator or a test that read it stays valid;
 * a carrier missing from an older file gets a secret of its own. Point the webhook at it with
 * `CARRIER_SECRETS_FILE=<path>`.
 */
export const ensureCarrierSecrets = async (
  dataDir: string,
): Promise<{ path: string; secrets: Record<Carrier, string> }> => {
  const dir = resolve(dataDir);
  const path = join(dir, CARRIER_SECRETS_FILE_NAME);
  const existing = await readExisting(path);
  const secrets = Object.fromEntries(
    CARRIERS.map((carrier) => [carrier, existing[carrier] ?? newSecret()]),
  ) as Record<Carrier, string>;
  if (CARRIERS.some((carrier) => existing[carrier] === undefined)) {
    await mkdir(dir, { recursive: true });
    await writeFile(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return { path, secrets };
};
