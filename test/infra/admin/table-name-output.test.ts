import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { StatefulStack } from '../../../infra/stacks/stateful-stack.js';
import { TABLE_NAME_OUTPUT, dataStackName } from '../../../infra/admin/target.js';

describe('what the admin CLI reads from a deployed region', () => {
  it("the data stack outputs its table's generated name", () => {
    const app = new App();
    const stack = new StatefulStack(app, dataStackName('prod', 'eu-west-1'), {
      env: { region: 'eu-west-1' },
    });
    const template = Template.fromStack(stack);

    const [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
    template.hasOutput(TABLE_NAME_OUTPUT, { Value: { Ref: tableId } });
    expect(stack.stackName).toBe('prod-returns-eu-west-1-data');
  });
});
