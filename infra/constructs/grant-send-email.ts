import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ReturnsFunction } from './returns-function.js';

export interface EmailSender {
  /** The From address. */
  senderEmail: string;
  /** The verified SES identity (the address or its domain); @default senderEmail */
  identity?: string;
  /** An SES configuration set every message is sent with. */
  configurationSetName?: string;
}

/**
 * Lets a function send e-mail as one sender and sets SENDER_EMAIL (and SES_CONFIGURATION_SET) in the
 * same call. `ses:SendEmail` (SES v1 and v2 share the action) is granted on the identity's ARN and the
 * configuration set's ARN only, and only From the sender address, so the function cannot send as anyone
 * else.
 */
export const grantSendEmail = (fn: ReturnsFunction, sender: EmailSender): void => {
  const stack = Stack.of(fn);
  const resources = [
    stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: sender.identity ?? sender.senderEmail,
    }),
  ];
  fn.function.addEnvironment('SENDER_EMAIL', sender.senderEmail);
  if (sender.configurationSetName) {
    fn.function.addEnvironment('SES_CONFIGURATION_SET', sender.configurationSetName);
    resources.push(
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: sender.configurationSetName,
      }),
    );
  }
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources,
      // A domain identity would allow any address at the domain; pin the From address too.
      conditions: { StringEquals: { 'ses:FromAddress': sender.senderEmail } },
    }),
  );
};
