import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';

/**
 * Bundled in place of `@aws-sdk/credential-provider-node` (see infra/constructs/lambda-bundling.ts): the
 * SDK's default chain also carries SSO, STS, process, INI and instance-metadata providers, about 90 KB
 * minified, and Lambda only ever hands a function its role's credentials in the environment. Local runs
 * and tests import the sources, not bundles, and keep the full chain.
 */
export const defaultProvider = (init?: FromEnvInit): ReturnType<typeof fromEnv> => fromEnv(init);
