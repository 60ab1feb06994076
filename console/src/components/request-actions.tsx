import { useState } from 'preact/hooks';
import { SellerClosureReasonSchema } from '../../../domain/api-schemas.js';
import { RESOLUTIONS, type Resolution } from '../../../domain/replacement.js';
import { marketplaceCurrency } from '../../../domain/marketplaces.js';
import { api, type ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ActionForm } from './action-form.js';
import { CheckboxField, SelectField, TextField } from './fields.js';
import { commandParams, useAction } from './use-action.js';

type SellerClosureReason = (typeof SellerClosureReasonSchema.options)[number];

export interface ActionProps {
  ret: ReturnView;
  onDone: (ret: ReturnView) => void;
}

const asReturn = (data: ReturnView) => data;

export const AuthorizeForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [returnless, setReturnless] = useState(false);
  const [resolution, setResolution] = useState<Resolution>('REFUND');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/authorize', {
      params: commandParams(ret),
      body: { ...(returnless ? { returnless } : {}), ...(resolution === 'REPLACE' ? { resolution } : {}) },
    });
  return (
    <ActionForm
      name="authorize"
      title={t('action.authorize')}
      submit={t('action.authorizeSubmit')}
      action={action}
      placed={['returnless', 'resolution']}
      onSubmit={() => void action.run(send, asReturn)}
    >
      <CheckboxField
        idPrefix="authorize"
        path="returnless"
        label={t('action.returnless')}
        errors={action.errors}
        checked={returnless}
        onChange={setReturnless}
      />
      <SelectField
        idPrefix="authorize"
        path="resolution"
        label={t('action.resolution')}
        errors={action.errors}
        value={resolution}
        options={RESOLUTIONS.map((value) => ({ value, label: t(`resolution.${value}`) }))}
        onChange={setResolution}
      />
    </ActionForm>
  );
};

/** Close with a reason and a comment the buyer is mailed (the API requires one for OTHER). */
export const CloseForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [reason, setReason] = useState<SellerClosureReason>('OUTSIDE_RETURN_WINDOW');
  const [comment, setComment] = useState('');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/close', {
      params: commandParams(ret),
      body: { reason, ...(comment.trim() ? { comment } : {}) },
    });
  return (
    <ActionForm
      name="close"
      title={t('action.close')}
      submit={t('action.closeSubmit')}
      action={action}
      placed={['reason', 'comment']}
      onSubmit={() => void action.run(send, asReturn)}
    >
      <SelectField
        idPrefix="close"
        path="reason"
        label={t('action.closeReason')}
        errors={action.errors}
        value={reason}
        options={SellerClosureReasonSchema.options.map((value) => ({ value, label: t(`closure.${value}`) }))}
        onChange={setReason}
      />
      <TextField
        idPrefix="close"
        path="comment"
        label={t('action.closeComment')}
        errors={action.errors}
        value={comment}
        onInput={setComment}
        multiline
      />
    </ActionForm>
  );
};

export const ConcessionForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const currency = marketplaceCurrency(ret.marketplace);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  // Minor units as typed; anything else goes to the API as text, so its refusal names the field.
  const minorUnits = /^\d+$/.test(amount.trim()) ? Number(amount) : (amount as unknown as number);
  const send = () =>
    api.POST('/v1/returns/{id}/concessions', {
      params: commandParams(ret),
      body: { amount: { amount: minorUnits, currency }, reason },
    });
  return (
    <ActionForm
      name="concession"
      title={t('action.concession')}
      submit={t('action.concessionSubmit')}
      action={action}
      placed={['amount/amount', 'reason']}
      onSubmit={() => void action.run(send, (data: { return: ReturnView }) => data.return)}
    >
      <TextField
        idPrefix="concession"
        path="amount/amount"
        label={t('action.concessionAmount', { currency })}
        errors={action.errors}
        value={amount}
        onInput={setAmount}
      />
      <TextField
        idPrefix="concession"
        path="reason"
        label={t('action.concessionReason')}
        errors={action.errors}
        value={reason}
        onInput={setReason}
      />
    </ActionForm>
  );
};

/** A command without a body: retry, approve the refund, void the label again. */
export const CommandButton = ({
  ret,
  onDone,
  command,
}: ActionProps & { command: 'retry' | 'refund/approve' | 'label/void' }) => {
  const { t } = useI18n();
  const action = useAction(onDone);
  const params = commandParams(ret);
  const send = () => {
    switch (command) {
      case 'retry':
        return api.POST('/v1/returns/{id}/retry', { params });
      case 'refund/approve':
        return api.POST('/v1/returns/{id}/refund/approve', { params });
      case 'label/void':
        return api.POST('/v1/returns/{id}/label/void', { params });
    }
  };
  const submit = {
    retry: 'action.retry',
    'refund/approve': 'action.approve',
    'label/void': 'action.retryLabelVoid',
  } as const;
  return (
    <ActionForm
      name={command.replace('/', '-')}
      submit={t(submit[command])}
      action={action}
      onSubmit={() => void action.run(send, asReturn)}
    />
  );
};
