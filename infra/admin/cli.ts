/**
 * `npm run admin -- <command> [flags]`: sellers and API keys, on the local runtime or a deployed region.
 * Exit codes: 0 done, 1 the operation failed (unknown seller or key, unreachable table...), 2 the command
 * line is wrong (each problem names the flag and the rule).
 */
import { parseArgs } from 'node:util';
import { CONFIGURED_REGIONS } from '../config/index.js';
import type { AdminCommand, FlagOptions, FlagValues } from './admin-command.js';
import { createSeller } from './commands/create-seller.js';
import { listSellers } from './commands/list-sellers.js';
import { revokeKey } from './commands/revoke-key.js';
import { rotateKey } from './commands/rotate-key.js';
import { connectTarget, LOCAL_TABLE_NAME, TARGET_OPTIONS, targetScope, type AdminTarget } from './target.js';
import { UsageError } from './usage-error.js';

const COMMANDS: readonly AdminCommand[] = [createSeller, rotateKey, revokeKey, listSellers];

const COMMON_OPTIONS = {
  ...TARGET_OPTIONS,
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies FlagOptions;

const COMMON_HELP = `Target (default: the local runtime of \`npm start\`, found through
<LOCAL_DATA_DIR or .local>/endpoints.json, table ${LOCAL_TABLE_NAME}, dummy credentials):
  --region <region>  a deployed region (${CONFIGURED_REGIONS.join(', ')}), with your AWS credentials
  --stage <stage>    the deployed stage (default prod); its data stack is <stage>-returns-<region>-data
  --table <name>     the deployed table (default: the data stack's TableName output). Find it with:
                       aws cloudformation describe-stacks --region <region> \\
                         --stack-name <stage>-returns-<region>-data --query "Stacks[0].Outputs"
Output:
  --json             print the result as JSON
  -h, --help         show help

API keys are shown once, when created; only a hash of each is stored.`;

const COMMAND_LIST = `Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}`;

const HELP = `Usage: npm run admin -- <command> [flags]

${COMMAND_LIST}

${COMMANDS.map((c) => `${c.synopsis}\n${c.flagHelp}`).join('\n\n')}

${COMMON_HELP}`;

const commandHelp = (command: AdminCommand): string =>
  `Usage: npm run admin -- ${command.synopsis}\n${command.flagHelp}\n\n${COMMON_HELP}`;

/** Checks the flags against the command's own and the common ones; returns their values. */
const parseFlags = (command: AdminCommand, args: string[]): FlagValues => {
  const options: FlagOptions = { ...COMMON_OPTIONS, ...command.options };
  const { values, tokens } = parseArgs({
    args,
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const problems: string[] = [];
  let afterUnknownFlag = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // The value of an unknown flag is not a second problem.
      if (!afterUnknownFlag) {
        problems.push(`unexpected argument "${token.value}"; every value follows its flag`);
      }
      afterUnknownFlag = false;
    } else if (token.kind === 'option') {
      const type = Object.hasOwn(options, token.name) ? options[token.name]!.type : undefined;
      afterUnknownFlag = type === undefined && token.value === undefined;
      if (type === undefined) {
        problems.push(`${token.rawName}: is not a flag of ${command.name} (see ${command.name} --help)`);
      } else if (type === 'boolean' && token.value !== undefined) {
        problems.push(`${token.rawName}: takes no value`);
      } else if (
        type === 'string' &&
        (token.value === undefined || (!token.inlineValue && /^-./.test(token.value)))
      ) {
        problems.push(`${token.rawName}: needs a value`);
      }
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
  return values;
};

export const main = async (argv: string[]): Promise<number> => {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(HELP);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const problem = name === undefined ? 'a command is required' : `unknown command "${name}"`;
    console.error(`error: ${problem}\n\n${COMMAND_LIST}\n\nRun \`npm run admin -- --help\` for every flag.`);
    return 2;
  }
  let target: AdminTarget | undefined;
  try {
    const flags = parseFlags(command, args);
    if (flags.help) {
      console.log(commandHelp(command));
      return 0;
    }
    const scope = targetScope(flags as { region?: string; stage?: string; table?: string });
    const result = await command.run(flags, {
      scope,
      connect: async () => (target ??= await connectTarget(scope)),
      now: () => new Date(),
    });
    console.log(flags.json ? JSON.stringify(result.json, null, 2) : result.text);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(
        `${error.problems.map((p) => `error: ${p}`).join('\n')}\n\n` +
          `Usage: npm run admin -- ${command.synopsis}\nRun \`npm run admin -- ${command.name} --help\` for every flag.`,
      );
      return 2;
    }
    // A domain error (unknown seller or key) or a failed call: the message says which; no stack trace.
    if (error instanceof Error) {
      console.error(`error: ${error.message}`);
      if (process.env.ADMIN_DEBUG && error.stack) console.error(error.stack);
      return 1;
    }
    throw error;
  } finally {
    target?.close();
  }
};

process.exitCode = await main(process.argv.slice(2));
