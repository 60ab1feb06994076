import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from '../../domain/ports.js';
import { traceSdkClient } from '../shared/xray.js';

export interface SesMailerOptions {
  /** The verified sender identity, e.g. `Returns <returns@example.com>`. */
  from: string;
  /** SES configuration set for event publishing (bounces, complaints, deliveries). */
  configurationSet?: string;
  client?: SESv2Client;
}

/**
 * One client per Lambda container, created at module scope and reused. No endpoint is set: this SDK version
 * reads `AWS_ENDPOINT_URL_SESV2` (service-specific endpoint configuration) on the first request, so local
 * runs point it at aws-ses-v2-local through the environment alone. Region and credentials come from there too.
 * Traced: an X-Ray subsegment per call in Lambda (functions/shared/xray.ts), nothing elsewhere.
 */
const sharedClient = traceSdkClient(new SESv2Client({}));

const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });

/** Sends each message as one SES v2 simple e-mail with a text and an HTML part. */
export class SesMailer implements Mailer {
  private readonly from: string;
  private readonly configurationSet: string | undefined;
  private readonly client: SESv2Client;

  constructor(options: SesMailerOptions) {
    this.from = options.from;
    this.configurationSet = options.configurationSet;
    this.client = options.client ?? sharedClient;
  }

  async send(message: EmailMessage): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: [message.to] },
        Content: {
          Simple: {
            Subject: utf8(message.subject),
            Body: { Text: utf8(message.text), Html: utf8(message.html) },
          },
        },
        ...(this.configurationSet ? { ConfigurationSetName: this.configurationSet } : {}),
      }),
    );
  }
}

/** A mailer configured from `SENDER_EMAIL` (required) and `SES_CONFIGURATION_SET` (optional). */
export const mailerFromEnv = (env: NodeJS.ProcessEnv = process.env): SesMailer => {
  const from = env.SENDER_EMAIL?.trim();
  if (!from) throw new Error('SENDER_EMAIL is not set');
  const configurationSet = env.SES_CONFIGURATION_SET?.trim() || undefined;
  return new SesMailer({ from, configurationSet, client: sharedClient });
};
