import { NamedError } from '../../domain/errors.js';

/**
 * A command line the admin CLI cannot run: an unknown command or flag, or a flag that breaks a rule.
 * Each problem names the flag and the rule (`--email: must be an e-mail address`); the CLI exits 2.
 */
export class UsageError extends NamedError {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}
