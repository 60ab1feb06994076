import type { ParseArgsConfig } from 'node:util';
import type { AdminTarget, TargetScope } from './target.js';

/** The flag declarations node:util parseArgs takes. */
export type FlagOptions = NonNullable<ParseArgsConfig['options']>;

/** Flag values as node:util parseArgs returns them (no repeated flags). */
export type FlagValues = Record<string, string | boolean | undefined>;

export interface CommandContext {
  /** The target the flags chose, known before any network call (create-seller reads its region config). */
  scope: TargetScope;
  /** Connects to the target's table; call it after validating the flags, so bad input fails fast. */
  connect(): Promise<AdminTarget>;
  now(): Date;
}

export interface CommandResult {
  /** What a person reads. */
  text: string;
  /** What `--json` prints. */
  json: unknown;
}

/** One admin CLI command: its flags, its help, and what it does. */
export interface AdminCommand {
  name: string;
  summary: string;
  /** The command line, e.g. `revoke-key --key-id <keyId>`: shown with every usage error. */
  synopsis: string;
  /** One line (or more) per flag, for `--help`. */
  flagHelp: string;
  options: FlagOptions;
  run(flags: FlagValues, context: CommandContext): Promise<CommandResult>;
}
