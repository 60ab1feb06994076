/**
 * The state machine definition exactly as CDK synthesized it, as a plain object: what the CDK assertion
 * tests check and what the local runner runs, so the two can never disagree.
 *
 * CloudFormation templates hold the definition as `DefinitionString`, usually an `Fn::Join` of literal
 * JSON text and resource references (`Ref`, `Fn::GetAtt`). Each reference becomes a placeholder:
 * pseudo parameters get local values (`AWS::Partition` -> `aws`, `AWS::Region` -> `local`,
 * `AWS::AccountId` -> `000000000000`, `AWS::URLSuffix` -> `amazonaws.com`), and any other reference
 * becomes `arn:aws:lambda:local:000000000000:function:<LogicalId>` (see `placeholderArn`). Task states
 * are bound by state name locally, so the placeholder only has to be a well-formed ARN.
 */

/** The ARN a reference to the resource `logicalId` resolves to. */
export const placeholderArn = (logicalId: string): string =>
  `arn:aws:lambda:local:000000000000:function:${logicalId}`;

const PSEUDO_PARAMETERS: Readonly<Record<string, string>> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'local',
  'AWS::AccountId': '000000000000',
  'AWS::URLSuffix': 'amazonaws.com',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One part of an `Fn::Join`: literal text as is, a reference as its placeholder. */
const resolvePart = (part: Json): string => {
  if (typeof part === 'string') return part;
  if (isObject(part)) {
    const ref = part.Ref;
    if (typeof ref === 'string') return PSEUDO_PARAMETERS[ref] ?? placeholderArn(ref);
    const getAtt = part['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return placeholderArn(getAtt[0]);
    if (typeof getAtt === 'string') return placeholderArn(getAtt.split('.')[0] ?? getAtt);
  }
  throw new Error(`state machine definition: cannot resolve ${JSON.stringify(part)}`);
};

const resolveDefinitionString = (value: Json | undefined): string => {
  if (typeof value === 'string') return value;
  const join = isObject(value) ? value['Fn::Join'] : undefined;
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map(resolvePart).join(join[0]);
  }
  throw new Error(`state machine definition: DefinitionString is neither text nor Fn::Join`);
};

/**
 * The definition of the template's single `AWS::StepFunctions::StateMachine`, references resolved to
 * placeholders, parsed. `template` is a CloudFormation template as JSON (`Template.toJSON()`, or a
 * `*.template.json` of `cdk.out`). Throws unless there is exactly one state machine.
 */
export const stateMachineDefinition = (template: object): object => {
  const resources = (template as { Resources?: Record<string, { Type?: string; Properties?: Json }> })
    .Resources;
  const machines = Object.entries(resources ?? {}).filter(
    ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
  );
  if (machines.length !== 1) {
    throw new Error(
      `expected one AWS::StepFunctions::StateMachine in the template, found ${machines.length}`,
    );
  }
  const [id, machine] = machines[0]!;
  const properties = isObject(machine.Properties) ? machine.Properties : {};
  if (properties.DefinitionString === undefined || properties.DefinitionSubstitutions !== undefined) {
    throw new Error(
      `state machine ${id}: only an inline DefinitionString without substitutions is supported`,
    );
  }
  return JSON.parse(resolveDefinitionString(properties.DefinitionString)) as object;
};
