import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/** The rotated KMS key of the alarm topic, usable by CloudWatch so alarms can publish to it. */
export const addAlarmTopicKey = (scope: Construct): Key => {
  const key = new Key(scope, 'AlarmTopicKey', {
    description: 'Encrypts the returns alarm topic',
    enableKeyRotation: true,
    // It encrypts transient alarm notifications only, no data at rest worth keeping.
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  // CloudWatch alarms publish to an encrypted topic only if the key lets the service use it.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
  );
  return key;
};
