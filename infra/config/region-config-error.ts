import { NamedError } from '../../domain/errors.js';
import type { z } from 'zod';

/** A region config that cannot be deployed; the message lists every failing key and its rule. */
export class RegionConfigError extends NamedError {
  constructor(
    readonly region: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid region config "${region}":\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }

  /** One line per zod issue: `marketplaces[1].defaultPolicy.returnWindowDays.default: <rule>`. */
  static fromZod(region: string, error: z.ZodError): RegionConfigError {
    return new RegionConfigError(
      region,
      error.issues.map((issue) => `${keyPath(issue.path) || '(config)'}: ${issue.message}`),
    );
  }
}

const keyPath = (path: readonly PropertyKey[]): string =>
  path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
