import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
  devDependencies: { node: string; '@types/node': string };
};
const major = (version: string): string => /(\d+)\./.exec(version)?.[1] ?? '';

/**
 * Every npm script runs on the `node` package the lockfile pins (node_modules/.bin comes first on an
 * npm script's PATH), which is the runtime the stack deploys, whatever Node the machine has.
 */
describe('the Node.js the project runs on', () => {
  it('is the pinned node package, under npm test', () => {
    expect(process.version).toBe(`v${pkg.devDependencies.node}`);
  });

  it('is the major of the Lambda runtime the functions deploy on, and what engines and @types/node say', () => {
    const lambdaMajor = /nodejs(\d+)\.x/.exec(Runtime.NODEJS_22_X.name)?.[1];
    expect(major(pkg.devDependencies.node)).toBe(lambdaMajor);
    expect(pkg.engines.node).toBe(`>=${lambdaMajor}`);
    expect(major(pkg.devDependencies['@types/node'])).toBe(lambdaMajor);
  });

  it('is what `node --version` prints inside an npm script', () => {
    const printed = execFileSync('npm', ['exec', '--', 'node', '--version'], { encoding: 'utf8' });
    expect(printed.trim()).toBe(`v${pkg.devDependencies.node}`);
  });
});
