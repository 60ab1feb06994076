import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { addAlarms } from './observability/alarms.js';
import { addDashboard } from './observability/dashboard.js';
import { addAlarmTopicKey } from './observability/key.js';
import type { MetricsTarget } from './observability/metrics.js';
import { addAlarmTopic } from './observability/topic.js';

export interface ObservabilityProps {
  alarmEmail: string;
  api: RestApi;
  /** Every function to watch, by a short label (the route name). */
  functions: ReadonlyMap<string, IFunction>;
  /**
   * Labels of functions that refuse by throwing, so Lambda counts every refusal as an error: a TOKEN
   * authorizer answers 401 only by throwing "Unauthorized". They are graphed, not alarmed per function;
   * when they really fail, API Gateway answers 5xx and the 5xx-rate alarm fires.
   */
  refuseByThrowing?: readonly string[];
  /** Where the functions' Powertools metrics go (the business metrics' namespace and service). */
  metrics: MetricsTarget;
  table: ITable;
  /** The return pipeline: its failed and timed-out runs alarm; its tasks are graphed, not alarmed per function. */
  pipeline?: { stateMachine: IStateMachine; functions: ReadonlyMap<string, IFunction> };
  /** The inspection queue: its dead-letter queue and its consumer's errors alarm; all three are graphed. */
  inspectionQueue?: { queue: IQueue; deadLetterQueue: IQueue; consumer: IFunction };
}

/**
 * Alarms to one encrypted, TLS-only SNS topic with the region's alarm e-mail subscribed, and a
 * dashboard: the key (observability/key.ts), the topic (topic.ts), the alarms (alarms.ts) and the
 * dashboard (dashboard.ts), each built in this construct's scope.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: IAlarm[];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    this.topic = addAlarmTopic(this, addAlarmTopicKey(this), props.alarmEmail);
    this.alarms = addAlarms(this, this.topic, props);
    addDashboard(this, props, this.alarms);
  }
}
