import { useState } from 'preact/hooks';
import { PolicyBodySchema } from '../../../domain/api-schemas.js';
import type { Grade } from '../../../domain/inspection.js';
import { api, problemOf, type Problem, type StoredPolicy } from '../api/client.js';
import { fieldErrorsOf, fieldErrorsOfIssues, type FieldErrors } from '../components/field-errors.js';
import { CheckboxField, TextField } from '../components/fields.js';
import { ProblemAlert } from '../components/problem-alert.js';
import { useI18n } from '../i18n/i18n.js';
import { draftOf, numberOrText, valueAt, withValueAt, type PolicyDraft } from '../policy-draft.js';
import { useLoad } from '../use-load.js';
import { LoadStatus } from '../components/load-status.js';

const loadPolicies = async () => {
  const { data, error } = await api.GET('/v1/policy');
  if (!data) throw new Error(error?.detail ?? 'the policy could not be read');
  return data.items;
};

/** One form per marketplace the seller has a policy for. */
export const PolicyPage = () => {
  const { t } = useI18n();
  const { loaded } = useLoad(loadPolicies, []);
  return (
    <section aria-labelledby="policy-title">
      <h1 id="policy-title">{t('policy.title')}</h1>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'ready' &&
        loaded.value.map((policy) => <PolicyForm key={policy.marketplace} stored={policy} />)}
    </section>
  );
};

const ADDRESS_FIELDS = [
  ['name', 'policy.addressName'],
  ['line1', 'policy.addressLine1'],
  ['line2', 'policy.addressLine2'],
  ['city', 'policy.addressCity'],
  ['region', 'policy.addressRegion'],
  ['postalCode', 'policy.addressPostalCode'],
  ['country', 'policy.addressCountry'],
] as const;
const OPTIONAL_ADDRESS_FIELDS: readonly string[] = ['line2', 'region'];

/**
 * A marketplace's policy, checked before it is sent by the very schema the API parses it with
 * (PolicyBodySchema), so most refusals never leave the page; the API's own (a legal floor, a race) are
 * shown in place the same way.
 */
const PolicyForm = ({ stored: first }: { stored: StoredPolicy }) => {
  const { t, dateTime } = useI18n();
  const [stored, setStored] = useState(first);
  const [draft, setDraft] = useState<PolicyDraft>(() => draftOf(first));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<Problem | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const marketplace = stored.marketplace;
  const prefix = `policy-${marketplace}`;
  const placed: string[] = [];

  /** A text field; `parse` turns what was typed into the draft's value (a number, or undefined for an empty optional). */
  const field = (path: string, label: string, parse: (typed: string) => unknown = (typed) => typed) => {
    placed.push(path);
    const value = valueAt(draft, path);
    return (
      <TextField
        key={path}
        idPrefix={prefix}
        path={path}
        label={label}
        errors={errors}
        value={value === undefined ? '' : String(value)}
        onInput={(typed) => setDraft(withValueAt(draft, path, parse(typed)))}
      />
    );
  };
  const number = (path: string, label: string) => field(path, label, numberOrText);
  const text = (path: string, label: string, optional: boolean) =>
    field(path, label, (typed) => (optional && typed === '' ? undefined : typed));
  const checkbox = (path: string, label: string) => {
    placed.push(path);
    return (
      <CheckboxField
        idPrefix={prefix}
        path={path}
        label={label}
        errors={errors}
        checked={valueAt(draft, path) === true}
        onChange={(checked) => setDraft(withValueAt(draft, path, checked))}
      />
    );
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(undefined);
    setProblem(undefined);
    const checked = PolicyBodySchema.safeParse(draft);
    if (!checked.success) {
      setErrors(fieldErrorsOfIssues(checked.error.issues));
      setProblem({
        type: 'about:blank',
        title: t('policy.invalid'),
        status: 400,
        detail: t('policy.invalid'),
      });
      return;
    }
    setBusy(true);
    const { data, error } = await api.PUT('/v1/policy', { body: checked.data });
    setBusy(false);
    if (!data) {
      const refused = problemOf(error);
      setProblem(refused);
      setErrors(fieldErrorsOf(refused));
      return;
    }
    setErrors({});
    setStored(data);
    setDraft(draftOf(data));
    setSaved(t('policy.saved', { version: data.version }));
  };

  const windows = Object.keys((draft.returnWindowDays as Record<string, unknown>) ?? {});
  const fees = (draft.restockingFees as { grade: Grade }[]) ?? [];
  const addresses = (draft.returnAddresses as unknown[]) ?? [];
  const returnless = (draft.returnless as Record<string, unknown>) ?? {};
  return (
    <form class="policy" onSubmit={submit} aria-labelledby={`${prefix}-title`} noValidate>
      <h2 id={`${prefix}-title`}>{t('policy.for', { marketplace })}</h2>
      <p>{t('policy.version', { version: stored.version, at: dateTime(stored.updatedAt) })}</p>
      <fieldset>
        <legend>{t('policy.windows')}</legend>
        <div class="grid">
          {windows.map((category) =>
            number(`returnWindowDays/${category}`, t('policy.daysFor', { category })),
          )}
        </div>
      </fieldset>
      {checkbox('autoAuthorize', t('policy.autoAuthorize'))}
      <fieldset>
        <legend>{t('policy.returnless')}</legend>
        {'valueUnder' in returnless && number('returnless/valueUnder/amount', t('policy.valueUnder'))}
        {checkbox('returnless/whenReturnCostAtLeastValue', t('policy.whenCostAtLeast'))}
        {'estimatedReturnCost' in returnless &&
          number('returnless/estimatedReturnCost/amount', t('policy.estimatedCost'))}
      </fieldset>
      {number('highValueApprovalThreshold/amount', t('policy.highValue'))}
      <fieldset>
        <legend>{t('policy.restocking')}</legend>
        <div class="grid">
          {fees.map((fee, i) =>
            number(
              `restockingFees/${i}/feeBasisPoints`,
              t('policy.feeFor', { grade: t(`grade.${fee.grade}`) }),
            ),
          )}
        </div>
      </fieldset>
      {number('shipByDays', t('policy.shipByDays'))}
      {addresses.map((_, i) => (
        <fieldset key={i}>
          <legend>{t('policy.address', { n: i + 1 })}</legend>
          <div class="grid">
            {ADDRESS_FIELDS.map(([field, label]) =>
              text(`returnAddresses/${i}/${field}`, t(label), OPTIONAL_ADDRESS_FIELDS.includes(field)),
            )}
          </div>
        </fieldset>
      ))}
      <ProblemAlert problem={problem} errors={errors} placed={placed} />
      <p role="status" class="notice">
        {saved ?? ''}
      </p>
      <button type="submit" disabled={busy}>
        {t('policy.save', { marketplace })}
      </button>
    </form>
  );
};
