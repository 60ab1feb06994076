import { useState } from 'preact/hooks';
import { api, type ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ActionForm } from './action-form.js';
import { TextField } from './fields.js';
import type { ActionProps } from './request-actions.js';
import { commandParams, useAction } from './use-action.js';

const asReturn = (data: ReturnView) => data;

/** The replacement went out: its parcel's tracking number and carrier; the return completes. */
export const ShipReplacementForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [trackingNumber, setTrackingNumber] = useState('');
  const [carrier, setCarrier] = useState('');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/replacement/shipped', {
      params: commandParams(ret),
      body: { trackingNumber, carrier },
    });
  return (
    <ActionForm
      name="ship-replacement"
      title={t('action.shipReplacement')}
      submit={t('action.shipSubmit')}
      action={action}
      placed={['trackingNumber', 'carrier']}
      onSubmit={() => void action.run(send, asReturn)}
    >
      <TextField
        idPrefix="ship-replacement"
        path="trackingNumber"
        label={t('action.shipTracking')}
        errors={action.errors}
        value={trackingNumber}
        onInput={setTrackingNumber}
      />
      <TextField
        idPrefix="ship-replacement"
        path="carrier"
        label={t('action.shipCarrier')}
        errors={action.errors}
        value={carrier}
        onInput={setCarrier}
      />
    </ActionForm>
  );
};

/** The replacement cannot be sent: refund the buyer instead (once), saying why. */
export const RefundInsteadForm = ({ ret, onDone }: ActionProps) => {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const action = useAction(onDone);
  const send = () =>
    api.POST('/v1/returns/{id}/replacement/refund', {
      params: commandParams(ret),
      body: reason.trim() ? { reason } : {},
    });
  return (
    <ActionForm
      name="refund-instead"
      title={t('action.refundInstead')}
      submit={t('action.refundInsteadSubmit')}
      action={action}
      placed={['reason']}
      onSubmit={() => void action.run(send, asReturn)}
    >
      <TextField
        idPrefix="refund-instead"
        path="reason"
        label={t('action.refundInsteadReason')}
        errors={action.errors}
        value={reason}
        onInput={setReason}
      />
    </ActionForm>
  );
};
