import { readFile } from 'node:fs/promises';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from '../../domain/zod.js';
import type { Carrier } from '../../domain/carriers/carriers.js';
import type { CarrierSecrets } from '../../domain/ports.js';

/** How long a fetched Secrets Manager value is reused before it is read again (a rotation's delay). */
export const SECRETS_MAX_AGE_SECONDS = 300;

/** `{ "<carrier>": "<secret>" | ["<secret>", ...] }`; carriers the product does not know are ignored. */
const SecretsDocumentSchema = z.record(
  z.string(),
  z.union([
    z.string().check(z.minLength(1)),
    z.array(z.string().check(z.minLength(1))).check(z.minLength(1)),
  ]),
);

const secretsOf = (document: unknown, carrier: Carrier, source: string): string[] => {
  const parsed = SecretsDocumentSchema.safeParse(document);
  // Never echo the document: it holds the secrets.
  if (!parsed.success) throw new Error(`${source} is not a JSON object of carrier -> secret(s)`);
  const value = parsed.data[carrier];
  return value === undefined ? [] : [value].flat();
};

/** Local runs and tests: a JSON file (`.local/carriers.json`), read on every call so edits apply at once. */
export class FileCarrierSecrets implements CarrierSecrets {
  constructor(private readonly path: string) {}

  async secretsFor(carrier: Carrier): Promise<string[]> {
    const text = await readFile(this.path, 'utf8');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new Error(`carrier secrets file ${this.path} is not valid JSON`);
    }
    return secretsOf(document, carrier, `carrier secrets file ${this.path}`);
  }
}

/** Deployed: one Secrets Manager secret holding every carrier's, cached by Powertools for five minutes. */
export class SecretsManagerCarrierSecrets implements CarrierSecrets {
  constructor(private readonly secretArn: string) {}

  async secretsFor(carrier: Carrier): Promise<string[]> {
    const document = await getSecret(this.secretArn, { transform: 'json', maxAge: SECRETS_MAX_AGE_SECONDS });
    return secretsOf(document, carrier, 'the carrier secrets secret');
  }
}

/** `CARRIER_SECRETS_FILE` when set (local runs), else `CARRIER_SECRETS_ARN`; neither is a deploy error. */
export const carrierSecretsFromEnv = (): CarrierSecrets => {
  const file = process.env.CARRIER_SECRETS_FILE;
  if (file) return new FileCarrierSecrets(file);
  const arn = process.env.CARRIER_SECRETS_ARN;
  if (arn) return new SecretsManagerCarrierSecrets(arn);
  throw new Error('neither CARRIER_SECRETS_FILE nor CARRIER_SECRETS_ARN is set');
};
