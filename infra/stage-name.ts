import { NamedError } from '../domain/errors.js';

/** The default stage: `cdk synth` without `-c stage=...` builds production. */
export const DEFAULT_STAGE = 'prod';

/** A `-c stage=...` value that cannot be used. */
export class InvalidStageError extends NamedError {}

/**
 * Validates `-c stage=<name>`: it prefixes stack ids and names and becomes the API stage name, so it
 * must be short and safe in all of them.
 */
export const parseStageName = (value: unknown): string => {
  const stage = value === undefined ? DEFAULT_STAGE : String(value);
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new InvalidStageError(
      `stage: "${stage}" must start with a lowercase letter and hold only lowercase letters, digits and "-" (at most 20)`,
    );
  }
  return stage;
};
