import { useState } from 'preact/hooks';
import { DISPOSITIONS, GRADES, type Disposition, type Grade } from '../../../domain/inspection.js';
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
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/inspection', {
      params: commandParams(ret),
      body: {
        lines: ret.items.map((line, i) => ({ sku: line.sku, grade: grades[i]! })),
        disposition,
        ...(notes.trim() ? { notes } : {}),
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
