/**
 * `npm run bench`: two benchmarks in one run, each against an in-memory dynalite and the recording Step
 * Functions API (bench/environment.ts): POST /v1/returns with and without idempotency, and the inspection
 * results consumer per record, in batches and on duplicates. It prints figures only; nothing is asserted
 * beyond every request and record succeeding.
 */
import { printBundleBench } from './bundles.js';
import { startBenchEnvironment } from './environment.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
if (!Number.isInteger(REQUESTS) || REQUESTS < 1) {
  throw new Error(`BENCH_REQUESTS must be a whole number above 0, not ${process.env.BENCH_REQUESTS}`);
}

await (await import('./key-heat.js')).printKeyHeat();

const environment = await startBenchEnvironment();
try {
  // Imported after the environment is set, as a Lambda container would be: handlers read it at import.
  const { benchCreateReturn } = await import('./create-return.bench.js');
  const { benchInspectionConsumer } = await import('./inspection-consumer.bench.js');

  console.log(`POST /v1/returns handler on dynalite (in memory), ${REQUESTS} sequential requests each:`);
  console.table(await benchCreateReturn(REQUESTS));

  console.log(
    `Inspection results consumer on dynalite (in memory), ${REQUESTS} results each, in sequential ` +
      'invocations; per record = invocation time / records in it:',
  );
  console.table(await benchInspectionConsumer(REQUESTS));

  await (await import('./cost-model.js')).benchCostModel();
} finally {
  await environment.stop();
}

await printBundleBench();
