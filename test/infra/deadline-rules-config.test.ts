import { describe, expect, it } from 'vitest';
import { DEADLINE_RULES } from '../../domain/deadlines/deadline-rules.js';
import { checkDeadlineRules, loadRegionConfig } from '../../infra/config/index.js';

describe('the deadline rules at synth', () => {
  it('load with every region config', () => {
    expect(() => loadRegionConfig('eu-west-1')).not.toThrow();
  });

  it('stop the synth on a broken rule or calendar, naming its key', () => {
    const broken = structuredClone(DEADLINE_RULES);
    broken.platforms.amazon[2]!.period = { unit: 'businessDays', count: 0 };
    broken.marketplaces.JP.calendar.timeZone = 'Asia/Atlantis';
    expect(() => checkDeadlineRules('eu-west-1', broken)).toThrow(
      /deadlineRules\.platforms\.amazon\.2\.period\.count: [^\n]*>=1[\s\S]*deadlineRules\.marketplaces\.JP\.calendar\.timeZone: must be an IANA time zone/,
    );
  });
});
