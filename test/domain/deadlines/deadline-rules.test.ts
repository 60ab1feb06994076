import { describe, expect, it } from 'vitest';
import {
  DEADLINE_RULES,
  channelIssues,
  deadlineRuleProblems,
  defaultChannel,
} from '../../../domain/deadlines/deadline-rules.js';

describe('the deadline rules, as data', () => {
  it('hold their schema', () => {
    expect(deadlineRuleProblems(DEADLINE_RULES)).toEqual([]);
  });

  it('default a return to the marketplace’s first channel, and refuse one the marketplace lacks', () => {
    expect(defaultChannel('DE')).toBe('amazon');
    expect(channelIssues('JP', 'ebay')).toEqual([
      { field: 'channel', rule: 'must be one of amazon, own-store for marketplace JP' },
    ]);
    expect(channelIssues('UK', 'ebay')).toEqual([]);
  });
});
