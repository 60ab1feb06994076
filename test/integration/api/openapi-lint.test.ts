import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../functions/api/openapi-document.js';

const run = promisify(execFile);
const REDOCLY = resolve('node_modules/.bin/redocly');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; message: string }[];
}

/**
 * Redocly's recommended rules over the served document, with the pinned local CLI. Offline: no
 * telemetry, no update check (the CLI otherwise asks the registry for its latest version).
 */
describe('the OpenAPI document under redocly lint (recommended)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
    await writeFile(join(dir, 'openapi.json'), JSON.stringify(openApiDocument));
    await writeFile(join(dir, 'redocly.yaml'), 'extends:\n  - recommended\ntelemetry: off\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has no error and no warning', { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      REDOCLY,
      ['lint', 'openapi.json', '--config', 'redocly.yaml', '--format', 'json'],
      {
        cwd: dir,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
          CI: 'true',
        },
      },
    );
    const report = JSON.parse(stdout) as LintReport;
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });
});
