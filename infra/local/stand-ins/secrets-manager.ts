import { randomBytes, randomUUID } from 'node:crypto';
import { AwsJsonError, startAwsJsonServer, type AwsJsonOperations } from './aws-json-server.js';

export interface SecretsManagerStandIn {
  /** e.g. `http://127.0.0.1:41238`, for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
  endpoint: string;
  /** Creates a secret (as CreateSecret does) and gives its complete ARN. */
  create(name: string, value: string): string;
  stop(): Promise<void>;
}

interface StoredSecret {
  arn: string;
  name: string;
  value: string;
  versionId: string;
  createdDate: number;
}

/**
 * A local stand-in for AWS Secrets Manager, speaking its JSON API (`secretsmanager.<Operation>`), so the
 * real `@aws-sdk/client-secrets-manager` (and Powertools' getSecret on it) reads secrets in local runs
 * and tests exactly as deployed: CreateSecret and GetSecretValue (by name or complete ARN), in memory.
 * Requests are not signature-checked; it listens on 127.0.0.1 only.
 */
export const startSecretsManager = async (
  options: { port?: number; region?: string } = {},
): Promise<SecretsManagerStandIn> => {
  const region = options.region ?? process.env.AWS_REGION ?? 'us-east-1';
  const secrets = new Map<string, StoredSecret>();

  const create = (name: string, value: string): string => {
    if ([...secrets.values()].some((s) => s.name === name)) {
      throw new AwsJsonError('ResourceExistsException', `the secret ${name} already exists`);
    }
    const arn = `arn:aws:secretsmanager:${region}:000000000000:secret:${name}-${randomBytes(3).toString('hex')}`;
    secrets.set(arn, { arn, name, value, versionId: randomUUID(), createdDate: Date.now() / 1000 });
    return arn;
  };

  const find = (id: unknown): StoredSecret => {
    const found = secrets.get(String(id)) ?? [...secrets.values()].find((s) => s.name === id);
    if (!found) {
      throw new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    return found;
  };

  const operations: AwsJsonOperations = {
    'secretsmanager.CreateSecret': (request) => {
      const arn = create(String(request.Name), String(request.SecretString ?? ''));
      const stored = find(arn);
      return { ARN: arn, Name: stored.name, VersionId: stored.versionId };
    },
    'secretsmanager.GetSecretValue': (request) => {
      const stored = find(request.SecretId);
      return {
        ARN: stored.arn,
        Name: stored.name,
        SecretString: stored.value,
        VersionId: stored.versionId,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: stored.createdDate,
      };
    },
  };

  const server = await startAwsJsonServer(operations, {
    port: options.port,
    invalid: 'InvalidRequestException',
  });
  return { ...server, create };
};
