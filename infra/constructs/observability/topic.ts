import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

/** The alarm topic: encrypted with `key`, TLS only, open to this account's alarms, the e-mail subscribed. */
export const addAlarmTopic = (scope: Construct, key: IKey, alarmEmail: string): Topic => {
  const topic = new Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
  // A topic policy replaces the default one, so allow CloudWatch alarms of this account explicitly.
  topic.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
  );
  topic.addSubscription(new EmailSubscription(alarmEmail));
  NagSuppressions.addResourceSuppressions(
    topic,
    [
      {
        id: 'Serverless-SNSRedrivePolicy',
        reason:
          'The only subscription is the alarm e-mail: a bounced alarm e-mail cannot usefully be replayed from a DLQ, and the alarm state stays in CloudWatch',
      },
    ],
    true,
  );
  return topic;
};
