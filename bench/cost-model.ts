/**
 * The cost model: one happy-path return through the real local stack (`npm start`'s runtime), counted
 * from outside (a counting DynamoDB proxy, a probe loaded into the process, the stand-ins' stores), and
 * priced per million returns at list prices (bench/cost-prices.ts), side by side with the baseline
 * commit, driven and counted the same way in the same run.
 *
 * `npx tsx bench/cost-model.ts`, or part of `npm run bench`. COST_BASELINE picks the commit to compare
 * with (default 1ca9778, main before the work on issue 9).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dollarsPerMillionReturns, PRICES } from './cost-prices.js';
import { measureTree, type Measurement } from './cost-measurement.js';
import { amortised } from './background-work.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_BASELINE = '1ca9778';
const BASELINE = process.env.COST_BASELINE ?? DEFAULT_BASELINE;
/**
 * The default baseline as measured by this model on 2026-12-01, for when it can no longer run here
 * (this tree's node_modules, which it borrows, may lack a package it imports).
 */
const RECORDED_BASELINE = new URL(`./cost-baseline-${DEFAULT_BASELINE}.json`, import.meta.url);
const GOALS = { dynamoDbCalls: 25, wru: 80, states: 5, dollarsExcludingMail: 150 };
const STRETCH = 100;

/** The baseline's files, unpacked from git, sharing this tree's node_modules. */
const unpackBaseline = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), `returns-cost-${BASELINE}-`));
  execFileSync('sh', ['-c', `git archive ${BASELINE} | tar -x -C "${dir}"`], { cwd: ROOT });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
};

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const wruOf = (m: Measurement, part: 'table' | 'indexes') =>
  sum(m.calls.map((c) => (part === 'table' ? c.wru.table : sum(Object.values(c.wru.indexes)))));
const excludingMail = (m: Measurement) =>
  sum(
    Object.entries(m.dollars)
      .filter(([line]) => line !== 'SES (e-mail)')
      .map(([, d]) => d),
  );
const money = (d: number) => `$${d.toFixed(2)}`;

const operations = (ms: Measurement[]) =>
  [...new Set(ms.flatMap((m) => m.calls.map((c) => c.operation)))].sort();

/** One column of the table; `ops` are the operations of every column, so each lists them in one order. */
const figures = (m: Measurement, ops: string[]): Record<string, string | number> => {
  const count = (op: string) => m.calls.filter((c) => c.operation === op).length;
  return {
    'API requests': m.usage.apiRequests,
    'Lambda invocations': m.usage.invocations.length,
    'Lambda GB-s (local durations)': sum(
      m.usage.invocations.map((i) => (i.memoryMb / 1024) * (Math.ceil(i.ms) / 1000)),
    ).toFixed(3),
    'Step Functions states entered': m.usage.stateTransitions,
    'DynamoDB calls': m.calls.length,
    ...Object.fromEntries(ops.map((op) => [`  ${op}`, count(op)])),
    'WRU (table + GSI)': `${m.usage.wru} (${wruOf(m, 'table')} + ${wruOf(m, 'indexes')})`,
    RRU: m.usage.rru,
    'SQS requests': m.usage.sqsRequests,
    'Mails sent': m.usage.mails,
    'Log bytes': m.usage.logBytes,
    ...Object.fromEntries(Object.entries(m.dollars).map(([line, d]) => [`$/M ${line}`, money(d)])),
    '$/M total excluding e-mail': money(excludingMail(m)),
    '$/M total with e-mail': money(sum(Object.values(m.dollars))),
  };
};

const sideBySide = (ms: Measurement[]) => {
  const columns = ms.map((m) => figures(m, operations(ms)));
  const rows = [...new Set(columns.flatMap((c) => Object.keys(c)))];
  return Object.fromEntries(
    rows.map((row) => [row, Object.fromEntries(ms.map((m, i) => [m.label, columns[i]![row] ?? 0]))]),
  );
};

/** Where to look to cut a call: its use case (or else the project code that made it) and its adapter. */
const whereFrom = (stack: string[]): string => {
  // Powertools' own calls name the feature making them (idempotency), not the commons under it.
  const adapter =
    stack.find((f) => f.includes('functions/adapters/')) ??
    stack.find((f) => f.startsWith('@aws-lambda-powertools/') && !f.endsWith('/commons')) ??
    stack[0];
  const from =
    stack.find((f) => f.includes('functions/use-cases/')) ??
    stack.find((f) => f !== adapter && f.includes('functions/'));
  return [from, adapter].filter(Boolean).join(' ← ') || '-';
};

const byCaller = (m: Measurement) => {
  const rows: Record<string, Record<string, number>> = {};
  for (const c of m.calls) {
    const row = (rows[c.caller] ??= { calls: 0, WRU: 0, RRU: 0 });
    row.calls! += 1;
    row[c.operation] = (row[c.operation] ?? 0) + 1;
    row.WRU! += c.wru.table + sum(Object.values(c.wru.indexes));
    row.RRU! += c.rru;
  }
  return rows;
};

const callList = (m: Measurement) =>
  m.calls.map((c) => ({
    caller: c.caller,
    op: c.operation + (c.index ? ` ${c.index}` : '') + (c.status === 200 ? '' : ` (${c.status})`),
    KB: (c.itemBytes / 1024).toFixed(1),
    WRU: `${c.wru.table}${Object.entries(c.wru.indexes)
      .map(([i, w]) => ` +${w} ${i}`)
      .join('')}`,
    RRU: c.rru,
    'use case ← adapter': whereFrom(c.stack),
  }));

const lambdaTable = (m: Measurement) => {
  const rows: Record<
    string,
    { invocations: number; 'memory MB': number; 'ms (local)': number; 'log bytes': number }
  > = {};
  for (const i of m.invocations) {
    const row = (rows[i.fn] ??= { invocations: 0, 'memory MB': i.memoryMb, 'ms (local)': 0, 'log bytes': 0 });
    row.invocations += 1;
    row['ms (local)'] += Math.ceil(i.ms);
    row['log bytes'] += i.logBytes;
  }
  return rows;
};

/**
 * What reaching STRETCH would take: the total once the states and WRU goals are met with everything
 * else unchanged, and what that leaves for states and writes together.
 */
const stretchLine = (m: Measurement): string => {
  const perState = (PRICES.stepFunctionsStandardPer1000Transitions / 1000) * 1_000_000;
  const perWru = PRICES.dynamoDbPerMillionWru;
  const states = Math.min(m.usage.stateTransitions, GOALS.states);
  const wru = Math.min(m.usage.wru, GOALS.wru);
  const atGoals =
    excludingMail(m) - (m.usage.stateTransitions - states) * perState - (m.usage.wru - wru) * perWru;
  if (atGoals <= STRETCH)
    return `At ${states} states and ${wru} WRU: ${money(atGoals)}/M, within $${STRETCH}.`;
  const rest = atGoals - states * perState - wru * perWru;
  const budget = STRETCH - rest;
  const at =
    `To reach $${STRETCH}/M: at ${states} states and ${wru} WRU a return costs ${money(atGoals)} ` +
    `(states ${money(states * perState)}, writes ${money(wru * perWru)}, the rest ${money(rest)})`;
  if (budget < 0) return `${at}; the rest alone is over $${STRETCH}.`;
  const options = [0, 1, 2]
    .filter((n) => n * perState <= budget)
    .map((n) => `${n} state${n === 1 ? '' : 's'} and ${Math.floor((budget - n * perState) / perWru)} WRU`);
  return (
    `${at}; $${STRETCH} leaves ${money(budget)} for states and writes together: ${options.join(', or ')} ` +
    `(${money(perState)}/M a state, ${money(perWru)}/M a WRU). So few Standard states means the steps ` +
    'between the waits run elsewhere: in the handler that ends each wait, or an Express workflow (which ' +
    'has no .waitForTaskToken).'
  );
};

const goalLine = (m: Measurement): string => {
  const check = (name: string, value: number, goal: number, unit = '') =>
    `${name} ${unit}${Number.isInteger(value) ? value : value.toFixed(2)} ${value <= goal ? '≤' : '>'} ${unit}${goal}`;
  return [
    check('DynamoDB calls', m.calls.length, GOALS.dynamoDbCalls),
    check('WRU', m.usage.wru, GOALS.wru),
    check('states', m.usage.stateTransitions, GOALS.states),
    check('excluding e-mail', excludingMail(m), GOALS.dollarsExcludingMail, '$'),
  ].join('; ');
};

const measureBaseline = async (): Promise<Measurement> => {
  const tree = await unpackBaseline();
  try {
    return await measureTree(tree, `before (${BASELINE})`);
  } catch (error) {
    if (BASELINE !== DEFAULT_BASELINE) throw error;
    console.log(`WARNING: ${BASELINE} did not run here (${String(error)}); its column is the recorded one.`);
    const recorded = JSON.parse(await readFile(RECORDED_BASELINE, 'utf8')) as Omit<
      Measurement,
      'dollars' | 'background'
    >;
    return {
      ...recorded,
      // It had no schedule: nothing ran in the background.
      background: [],
      label: `before (${BASELINE}, recorded)`,
      dollars: dollarsPerMillionReturns(recorded.usage),
    };
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
};

/** The schedules' work, apart from the per-return figures: per run as measured, per region deployed. */
const printBackground = (ms: Measurement[]) => {
  console.log(
    '\nBackground work, left out of every per-return figure above: what a schedule runs whatever the ' +
      "traffic, per region (its polling only; what it does for a return it finds due stays that return's):",
  );
  for (const m of ms) {
    if (m.background.length === 0) console.log(`${m.label}: none ran.`);
    for (const b of m.background) {
      const ops = Object.entries(b.perRun.byOperation)
        .map(([op, n]) => `${n.toFixed(1)} ${op}`)
        .join(', ');
      console.log(
        `${m.label}: ${b.fn}, the ${b.what}: per run (mean of ${b.runsMeasured} measured) ` +
          `${b.perRun.calls.toFixed(1)} DynamoDB calls (${ops}), ${b.perRun.rru.toFixed(1)} RRU, ` +
          `${b.perRun.wru.toFixed(1)} WRU, ${Math.ceil(b.perRun.ms)} ms. Deployed: ${b.callsPerMinute.toFixed(1)} ` +
          `calls a minute a region, ${money(b.dollarsPerMonth)} a month a region whatever the volume: ` +
          `${amortised(b.dollarsPerMonth)}.`,
      );
    }
  }
};

/** Measures the baseline and this tree, one after the other, and prints them side by side. */
export const benchCostModel = async (): Promise<void> => {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const measurements = [await measureBaseline(), await measureTree(ROOT, `this tree (${head})`)];

  console.log(
    'Cost model: one happy-path return (the second on a warm stack) through the local stack, counted from outside, per million returns:',
  );
  console.table(sideBySide(measurements));
  for (const m of measurements) {
    console.log(`\n${m.label}: Lambda invocations (memory: ${m.memoryNote})`);
    console.table(lambdaTable(m));
    console.log(`${m.label}: states entered: ${m.states.join(' → ')}`);
    console.log(`${m.label}: DynamoDB calls by the function making them`);
    console.table(byCaller(m));
    console.log(`${m.label}: every DynamoDB call, in order`);
    console.table(callList(m));
  }
  for (const m of measurements) {
    const unsized = m.calls.filter((c) => c.unsized).map((c) => c.operation);
    if (unsized.length)
      console.log(`WARNING ${m.label}: not sized, counted as 0 WRU/RRU: ${unsized.join(', ')}`);
  }
  printBackground(measurements);
  const current = measurements.at(-1)!;
  console.log(`\nGoals (${current.label}): ${goalLine(current)}.`);
  console.log(stretchLine(current));
};

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await benchCostModel();
