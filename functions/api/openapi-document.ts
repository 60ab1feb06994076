import * as z from '../../domain/zod.js';
import { SIGNATURE_TOLERANCE_SECONDS } from '../webhooks/signature.js';
import { API_ROUTES, type ApiRoute } from './api-routes.js';
import { ANSWER_COMPONENTS } from './openapi/answers.js';
import { edgeProblems } from './openapi/edge-problems.js';
import { OPERATIONS, TAGS, type OperationDoc } from './openapi/operations.js';
import { webhooksSection } from './openapi/webhook-operations.js';

type JsonSchema = Record<string, unknown>;

const CONVERSION = { target: 'draft-2020-12', unrepresentable: 'any' } as const;
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Converts schemas together, so that each refers to another by its component name. */
const components = (
  schemas: Record<string, z.ZodMiniType>,
  io: 'input' | 'output',
): Record<string, JsonSchema> => {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const converted = z.toJSONSchema(registry, { ...CONVERSION, io, uri: (id) => ref(id).$ref }).schemas;
  // `$id` and `$schema` belong to a standalone document, not to a component.
  return Object.fromEntries(
    Object.entries(converted).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema]),
  );
};

const requestComponent = (route: ApiRoute) => `${route.name}Request`;

/** One parameter per property of a path or query schema, as the edge parses it. */
const parametersOf = (schema: z.ZodMiniType | undefined, where: 'path' | 'query') => {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { ...CONVERSION, io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
};

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Same key and body within 24 h: the first answer again, and nothing done twice',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
};

const requestBodyOf = (route: ApiRoute, doc: OperationDoc) => {
  const schema = route.body
    ? ref(requestComponent(route))
    : doc.bodies && oneOf(Object.keys(doc.bodies).map(ref));
  if (!schema) return {};
  const content = { schema, ...(doc.requestExample !== undefined && { example: doc.requestExample }) };
  // A buyer page's form is posted by the browser.
  const type = route.html ? 'application/x-www-form-urlencoded' : 'application/json';
  return { requestBody: { required: route.body?.required ?? true, content: { [type]: content } } };
};

/** One schema as itself; several as a `oneOf` (a `oneOf` of one is illogical, says redocly). */
function oneOf<T>(schemas: T[]): T | { oneOf: T[] } {
  return schemas.length === 1 ? schemas[0]! : { oneOf: schemas };
}

/** A buyer page answers, and refuses, with an HTML page. */
const HTML_PAGE = { content: { 'text/html': { schema: { type: 'string' } } } };

const responsesOf = (route: ApiRoute, doc: OperationDoc) => {
  const answers = Object.entries(doc.answers).map(([status, answer]) => [
    status,
    {
      description: answer.description,
      ...(status === '201' && {
        headers: { Location: { description: 'Where to read the return', schema: { type: 'string' } } },
      }),
      ...(answer.component && {
        content: { 'application/json': { schema: ref(answer.component), example: answer.example } },
      }),
      ...(route.html && {
        content: { 'text/html': { ...HTML_PAGE.content['text/html'], example: answer.example } },
      }),
    },
  ]);
  const edge = edgeProblems(route);
  const refusals: Record<string, string | undefined> = doc.refusals ?? {};
  const statuses = [...new Set([...Object.keys(refusals), ...Object.keys(edge)])].sort();
  const problems = statuses.map((status) => {
    const causes = [refusals[status], edge[Number(status)]].filter((cause) => cause !== undefined);
    return [
      status,
      {
        description: causes.length === 1 ? causes[0] : causes.map((cause) => `- ${cause}`).join('\n'),
        ...(route.html ? HTML_PAGE : { content: { 'application/problem+json': { schema: ref('Problem') } } }),
      },
    ];
  });
  return Object.fromEntries([...answers, ...problems]);
};

const operationOf = (route: ApiRoute) => {
  const doc = OPERATIONS[route.name as keyof typeof OPERATIONS];
  return {
    operationId: route.name,
    summary: doc.summary,
    ...(doc.description && { description: doc.description }),
    tags: [doc.tag],
    ...(route.auth === 'public' && { security: doc.security ?? [] }),
    parameters: [
      ...parametersOf(route.params ?? doc.params, 'path'),
      ...parametersOf(route.query, 'query'),
      ...(route.auth === 'seller' && route.method === 'POST' ? [IDEMPOTENCY_KEY] : []),
    ],
    ...requestBodyOf(route, doc),
    responses: responsesOf(route, doc),
  };
};

const paths: Record<string, Record<string, unknown>> = {};
for (const route of API_ROUTES) (paths[route.path] ??= {})[route.method.toLowerCase()] = operationOf(route);

const requestSchemas = Object.fromEntries([
  ...API_ROUTES.flatMap((route) => (route.body ? [[requestComponent(route), route.body.schema]] : [])),
  ...Object.values(OPERATIONS).flatMap((doc) => Object.entries(doc.bodies ?? {})),
]) as Record<string, z.ZodMiniType>;

/** The OpenAPI 3.1 document: generated from the route table, its zod schemas and operations.ts. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Returns & refunds API',
    version: '1.0.0',
    description:
      'Returns and refunds for marketplace sellers. Errors are `application/problem+json` (RFC 9457) with a stable `type`; unknown fields are refused; every POST takes an `Idempotency-Key`.',
    license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
  },
  servers: [
    {
      url: 'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
      description: 'A deployed stack, one per region',
      variables: {
        apiId: { default: 'abcdef1234', description: 'The REST API id the stack outputs' },
        region: { default: 'us-east-1', description: 'The region the stack is deployed in' },
        stage: { default: 'prod', description: 'The stage (`cdk deploy -c stage=...`)' },
      },
    },
    { url: 'http://127.0.0.1:3000', description: 'The local system (`npm start`)' },
  ],
  tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
  security: [{ apiKey: [] }],
  paths,
  webhooks: webhooksSection(ref),
  components: {
    securitySchemes: {
      apiKey: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'rk_<keyId>_<secret>',
        description: "A seller's API key: `Authorization: Bearer rk_<keyId>_<secret>`",
      },
      easypostSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Hmac-Signature',
        description:
          "`hmac-sha256-hex=<hex HMAC-SHA256 of the raw body>` under the EasyPost connection's webhook secret.",
      },
      carrierSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'X-Signature',
        description: `\`t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + rawBody>\` under the carrier's signing secret; the timestamp within ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes of ours; one or more \`v1\` (two while a secret rotates).`,
      },
      stripeSignature: {
        type: 'apiKey',
        in: 'header',
        name: 'Stripe-Signature',
        description:
          '`t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + rawBody>`, made by Stripe with the connection\'s webhook signing secret; within 300 s.',
      },
    },
    schemas: { ...components(requestSchemas, 'input'), ...components(ANSWER_COMPONENTS, 'output') },
  },
};
