import { labels } from '../shared/dependencies/carrier.js';
import { clock, policies, returns } from '../shared/dependencies/data.js';
import { pipeline } from '../shared/dependencies/pipeline.js';
import { issueLabel } from '../use-cases/issue-label.js';
import { IssueLabelInputSchema } from './pipeline-contract.js';
import { pipelineTask } from './pipeline-task.js';

/** IssueLabel (.waitForTaskToken): buy the label, mail it, leave the token for the carrier's delivery. */
export const handler = pipelineTask('IssueLabel', IssueLabelInputSchema, async (input) => {
  const deps = {
    returns,
    clock,
    policies,
    labels,
    pipeline,
  };
  await issueLabel(deps, input.sellerId, input.returnId, input.taskToken, input.shipBySeconds);
  return {};
});
