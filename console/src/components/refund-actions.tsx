import { useState } from 'preact/hooks';
import { DISPOSITIONS, GRADES, type Disposition, type Grade } from '../../../domain/inspection.js';
import { RESOLUTIONS, type Resolution } from '../../../domain/replacement.js';
import { api, type ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ActionForm } from './action-form.js';
import { SelectField, TextField } from './fields.js';
import type { ActionProps } from './request-actions.js';
import { commandParams, useAction } from './use-action.js';

/** A grade per line and one disposition, as the warehouse would send them. */
export const InspectionForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [grades, setGrades] = useState<Grade[]>(() => ret.items.map(() => 'AS_NEW'));
  const [disposition, setDisposition] = useState<Disposition>('RESTOCK');
  const [notes, setNotes] = useState('');
  // The inspection's word overrides the authorization's.
  const [resolution, setResolution] = useState<Resolution>(ret.resolution ?? 'REFUND');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/inspection', {
      params: commandParams(ret),
      body: {
        lines: ret.items.map((line, i) => ({ sku: line.sku, grade: grades[i]! })),
        disposition,
        ...(notes.trim() ? { notes } : {}),
        resolution,
      },
    });
  const gradeOptions = GRADES.map((value) => ({ value, label: t(`grade.${value}`) }));
  // A refusal of a line's SKU is shown at that line's grade, the field the seller chose on it.
  const errors = { ...action.errors };
  ret.items.forEach((_, i) => {
    const rule = action.errors[`lines/${i}/sku`];
    if (rule) errors[`lines/${i}/grade`] ??= rule;
  });
  const placed = [
    ...ret.items.flatMap((_, i) => [`lines/${i}/grade`, `lines/${i}/sku`]),
    'disposition',
    'notes',
    'resolution',
  ];
  return (
    <ActionForm
      name="inspect"
      title={t('action.inspect')}
      submit={t('action.inspectSubmit')}
      action={action}
      placed={placed}
      onSubmit={() => void action.run(send, (data: ReturnView) => data)}
    >
      {ret.items.map((line, i) => (
        <SelectField
          key={line.sku}
          idPrefix="inspect"
          path={`lines/${i}/grade`}
          label={t('action.gradeOf', { sku: line.sku })}
          errors={errors}
          value={grades[i]!}
          options={gradeOptions}
          onChange={(grade) => setGrades(grades.map((g, j) => (j === i ? grade : g)))}
        />
      ))}
      <SelectField
        idPrefix="inspect"
        path="disposition"
        label={t('action.disposition')}
        errors={errors}
        value={disposition}
        options={DISPOSITIONS.map((value) => ({ value, label: t(`disposition.${value}`) }))}
        onChange={setDisposition}
      />
      <SelectField
        idPrefix="inspect"
        path="resolution"
        label={t('action.resolution')}
        errors={errors}
        value={resolution}
        options={RESOLUTIONS.map((value) => ({ value, label: t(`resolution.${value}`) }))}
        onChange={setResolution}
      />
      <TextField
        idPrefix="inspect"
        path="notes"
        label={t('action.inspectNotes')}
        errors={errors}
        value={notes}
        onInput={setNotes}
        multiline
      />
    </ActionForm>
  );
};

export const RejectRefundForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/refund/reject', { params: commandParams(ret), body: { reason } });
  return (
    <ActionForm
      name="reject"
      title={t('action.reject')}
      submit={t('action.rejectSubmit')}
      action={action}
      placed={['reason']}
      onSubmit={() => void action.run(send, (data: ReturnView) => data)}
    >
      <TextField
        idPrefix="reject"
        path="reason"
        label={t('action.rejectReason')}
        errors={action.errors}
        value={reason}
        onInput={setReason}
        multiline
      />
    </ActionForm>
  );
};

/** `YYYY-MM-DDTHH:mm` of the seller's clock, as a datetime-local field shows it. */
const localNow = (): string => {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** A datetime-local value as the API's ISO 8601 instant; what is not a date goes as typed, for the API to refuse. */
const instantOf = (local: string): string => {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
};

/** The seller paid a manual payout (REFUND_PENDING_PAYOUT): its reference and when, once. */
export const MarkPaidForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [reference, setReference] = useState('');
  const [paidAt, setPaidAt] = useState(localNow);
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/refund/mark-paid', {
      params: commandParams(ret),
      body: { reference, paidAt: instantOf(paidAt) },
    });
  return (
    <ActionForm
      name="mark-paid"
      title={t('action.markPaid')}
      submit={t('action.markPaidSubmit')}
      action={action}
      placed={['reference', 'paidAt']}
      onSubmit={() => void action.run(send, (data: ReturnView) => data)}
    >
      <TextField
        idPrefix="mark-paid"
        path="reference"
        label={t('action.markPaidReference')}
        errors={action.errors}
        value={reference}
        onInput={setReference}
      />
      <TextField
        idPrefix="mark-paid"
        path="paidAt"
        label={t('action.markPaidAt')}
        errors={action.errors}
        value={paidAt}
        onInput={setPaidAt}
        type="datetime-local"
      />
    </ActionForm>
  );
};
