import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type RunningStack } from './support/local-stack.js';

const README = resolve('README.md');
/** `<!-- walkthrough: skip (why) -->` on the last non-blank line before a block keeps it out of the run. */
const SKIP_MARKER = /^<!-- walkthrough: skip \((.+)\) -->$/;
/** The variables the README's commands set, printed at the end of the run for the checks below. */
const VARIABLES = [
  ...['R1', 'R1_AGAIN', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R12', 'R13', 'R14', 'R15'],
  ...['TRACKING', 'GLOBEX'],
];
/** Generous: the pipeline moves a dozen returns on a machine that may be busy. */
const RUN_LIMIT_MS = 420_000;

interface Block {
  /** The README line of its opening fence. */
  line: number;
  code: string;
  skip?: string;
}

/** The README's ```sh and ```bash blocks, in order, each with its skip reason if it has one. */
const shellBlocks = (markdown: string): Block[] => {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  let lastText = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^```(sh|bash)\s*$/.test(line)) {
      const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
      if (end < 0) throw new Error(`README.md:${i + 1}: the block never closes`);
      const skip = SKIP_MARKER.exec(lastText)?.[1];
      blocks.push({ line: i + 1, code: lines.slice(i + 1, end).join('\n'), ...(skip ? { skip } : {}) });
      i = end;
      lastText = '';
    } else if (line.trim()) {
      lastText = line.trim();
    }
  }
  return blocks;
};

/**
 * A copy of the repository made of links, whose `.local` is the running stack's data directory, so the
 * README's commands (`./.local/sellers.json`, `npm run carrier`, `npm run admin`) run exactly as written.
 */
const workspaceFor = async (stack: RunningStack): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'returns-readme-'));
  for (const entry of await readdir('.')) {
    if (entry === '.local' || entry === '.git') continue;
    await symlink(resolve(entry), join(dir, entry));
  }
  await symlink(stack.dataDir, join(dir, '.local'));
  return dir;
};

interface Run {
  code: number | null;
  output: string;
  variables: Record<string, string>;
}

/** Runs the blocks in one bash session, stopping at the first command that fails. */
const runInBash = (cwd: string, blocks: Block[]): Promise<Run> => {
  const script = [
    'set -eo pipefail',
    // A command's output may not end its line (curl -s): each marker starts on a line of its own.
    ...blocks.map((b) => `printf '\\n::block README.md:${b.line}::\\n'\n${b.code}`),
    `echo; for v in ${VARIABLES.join(' ')}; do echo "::var $v=\${!v}"; done`,
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LOCAL_DATA_DIR;
  return new Promise((done) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), RUN_LIMIT_MS - 20_000);
    child.once('exit', (code) => {
      clearTimeout(limit);
      const variables = Object.fromEntries(
        [...output.matchAll(/^::var (\w+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
      );
      done({ code, output, variables });
    });
  });
};

const failedBlock = (output: string): string =>
  [...output.matchAll(/^::block (README\.md:\d+)::$/gm)].at(-1)?.[1] ?? 'before the first block';

describe('the README, run verbatim against npm start', () => {
  let stack: RunningStack;
  let workspace: string;
  let blocks: Block[];
  let run: Run;

  beforeAll(async () => {
    blocks = shellBlocks(await readFile(README, 'utf8'));
    stack = await startLocalStack();
    workspace = await workspaceFor(stack);
    run = await runInBash(
      workspace,
      blocks.filter((b) => !b.skip),
    );
  }, RUN_LIMIT_MS);

  afterAll(async () => {
    await stack?.stop();
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  const returnOf = async (id: string | undefined): Promise<Record<string, unknown>> => {
    const response = await fetch(`${stack.api}/v1/returns/${id}`, {
      headers: { authorization: `Bearer ${stack.sellers[0]!.apiKey}` },
    });
    expect(response.status, `GET /v1/returns/${id}`).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };

  it('skips only the blocks that need AWS, install, or restart npm start, each saying why', () => {
    const skipped = blocks.filter((b) => b.skip);
    expect(skipped.map((b) => b.skip)).toEqual([
      'installs, then runs forever; npm test runs this walkthrough',
      'restarts npm start in the other terminal',
      ...Array<string>(7).fill('needs AWS'),
    ]);
    for (const b of blocks.filter((x) => !x.skip)) {
      expect(b.code, `README.md:${b.line}`).not.toMatch(/\bcdk\b|^aws |--region|<[a-zA-Z]+>/m);
    }
  });

  it('runs every other block, command by command, without a failure', () => {
    const where = `failed in the block at ${failedBlock(run.output)}:\n${run.output.slice(-4000)}`;
    expect(run.code, where).toBe(0);
    expect(run.output.match(/^::block /gm)).toHaveLength(blocks.filter((b) => !b.skip).length);
  });

  it('replays the create with the same Idempotency-Key and body: the same return, nothing new', () => {
    expect(run.variables.R1).toMatch(/^[0-9A-Z]{26}$/);
    expect(run.variables.R1_AGAIN).toBe(run.variables.R1);
  });

  it('shows the carrier moving the return: IN_TRANSIT, then DELIVERED', () => {
    const r2 = run.variables.R2;
    expect(run.output).toContain(`accepted: return ${r2} is now IN_TRANSIT`);
    expect(run.output).toContain(`accepted: return ${r2} is now DELIVERED`);
  });

  it('delivers the events of a request closed while the receiver was down, in order, once it is back', () => {
    const r15 = run.variables.R15;
    expect(run.output).toMatch(
      new RegExp(`#1 return\\.created +return ${r15}[\\s\\S]*#2 return\\.closed +return ${r15}`),
    );
  });

  it('leaves each return where the README says', async () => {
    const expected: Record<string, string> = {
      R1: 'CANCELLED',
      R2: 'COMPLETED',
      R3: 'CLOSED',
      R4: 'LABEL_ISSUED',
      R5: 'COMPLETED',
      R6: 'COMPLETED',
      R7: 'COMPLETED',
      R8: 'COMPLETED',
      R12: 'COMPLETED',
      R13: 'COMPLETED',
      R14: 'COMPLETED',
      R15: 'CLOSED',
    };
    for (const [name, status] of Object.entries(expected)) {
      expect((await returnOf(run.variables[name])).status, name).toBe(status);
    }
    const r2 = await returnOf(run.variables.R2);
    expect(r2.trackingNumber).toBe(run.variables.TRACKING);
    expect(r2.refund).toMatchObject({ status: 'COMPLETED', amount: { amount: 3450, currency: 'USD' } });
    expect(r2.inventoryAdjustments).toMatchObject([{ disposition: 'RESELL_AS_RENEWED' }]);
  });

  it('replaces R12 (shipped, no refund) and refunds R13 instead, once', async () => {
    const r12 = await returnOf(run.variables.R12);
    expect(r12).toMatchObject({
      replacement: { status: 'SHIPPED', shipment: { trackingNumber: '1ZREPLACE12', carrier: 'ups' } },
    });
    expect(r12.refund).toBeUndefined();
    const r13 = await returnOf(run.variables.R13);
    expect(r13).toMatchObject({
      replacement: { status: 'REFUNDED_INSTEAD' },
      refund: { status: 'COMPLETED', amount: { amount: 1999 } },
    });
    expect(run.output).toContain(`${run.variables.R13}-refund 1999`);
  });

  it('keeps a thread with the buyer and pays the offer the buyer accepted from the mail, once', async () => {
    const r14 = await returnOf(run.variables.R14);
    expect(r14).toMatchObject({
      returnless: true,
      refund: { status: 'COMPLETED', amount: { amount: 1500, currency: 'USD' } },
      offers: [{ status: 'ACCEPTED', answeredVia: 'LINK' }],
      messages: [
        { from: 'SELLER', via: 'API' },
        { from: 'BUYER', via: 'REPLY_LINK', body: 'Ja, gern.' },
      ],
    });
    expect(run.output).toMatch(/^Vielen Dank: Ihre Antwort wurde an den Verkäufer gesendet\.$/m);
    expect(run.output).toMatch(/^409$/m);
  });

  it('shows a return’s next deadline, mails its reminder once and marks it overdue', async () => {
    const r9 = await returnOf(run.variables.R9);
    expect(r9).toMatchObject({
      status: 'AUTHORIZATION_REQUIRED',
      nextDeadline: { action: 'RESPOND_TO_REQUEST', rule: { id: 'AMAZON_AUTHORIZATION_24_HOURS' } },
    });
    const deadline = r9.nextDeadline as { remindedAt?: string; overdueAt?: string };
    expect(deadline.remindedAt).toBeDefined();
    expect(deadline.overdueAt).toBeDefined();
    expect(run.output).toMatch(new RegExp(`^Reminder: return ${String(r9.rma)} is due by `, 'm'));
    expect(run.output).toMatch(/^REMIND_DEADLINE the seller was reminded/m);
    expect(run.output).toMatch(/^MARK_OVERDUE overdue: /m);
  });

  it("buys Acme's labels through EasyPost, prints a PDF, tracks through EasyPost's webhook and voids the cancelled one", async () => {
    expect(run.output).toMatch(/^%PDF-$/m);
    const r1 = await returnOf(run.variables.R1);
    expect(r1.label).toMatchObject({
      provider: 'easypost',
      carrier: 'ups',
      service: 'Ground',
      cost: { amount: 799, currency: 'USD' },
      void: { status: 'REFUNDED' },
    });
    expect(stack.output()).toMatch(/^POST \/v1\/webhooks\/labels\/easypost\/conn_[\w-]+ 200 \d+ ms$/m);
  });

  it('rotates and revokes a new seller key: 200 before the revocation, 401 after', () => {
    expect(run.variables.GLOBEX).toMatch(/^seller-/);
    expect(run.output).toMatch(/^200\n[\s\S]*^401$/m);
  });

  it('has npm start print its start-up steps and one line per request', () => {
    const log = stack.output();
    expect(log).toMatch(/^\s*[\d.]+ s {2}the pipeline: /m);
    expect(log).toMatch(/^POST \/v1\/returns 201 \d+ ms$/m);
    expect(log).toMatch(/^POST \/v1\/webhooks\/carriers\/ups 200 \d+ ms$/m);
    expect(log).toMatch(/^GET \/v1\/returns 401 \d+ ms$/m);
  });
});
