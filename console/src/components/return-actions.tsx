import { useState } from 'preact/hooks';
import { allowedCommands } from '../../../domain/lifecycle.js';
import type { ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { AuthorizeForm, CloseForm, CommandButton, ConcessionForm } from './request-actions.js';
import { InspectionForm, MarkPaidForm, RejectRefundForm } from './refund-actions.js';
import { RefundInsteadForm, ShipReplacementForm } from './replacement-actions.js';

/** The seller's commands, in the order the page offers them; the pipeline's own are not here. */
const SELLER_ACTIONS = [
  'AUTHORIZE',
  'CLOSE',
  'RECORD_INSPECTION',
  'APPROVE_REFUND',
  'REJECT_REFUND',
  'MARK_PAID',
  'SHIP_REPLACEMENT',
  'REFUND_INSTEAD',
  'RETRY',
  'ADD_CONCESSION',
] as const;

/**
 * The actions the return's status allows, by the same transition table the API decides with
 * (domain/lifecycle.ts), and only those. A refusal is shown on the form that was sent.
 */
export const ReturnActions = ({ ret, onChanged }: { ret: ReturnView; onChanged: () => void }) => {
  const { t } = useI18n();
  const [done, setDone] = useState<string | undefined>();
  const allowed = new Set<string>(allowedCommands(ret.status));
  const actions = SELLER_ACTIONS.filter((action) => allowed.has(action));
  // Not a lifecycle command: an unused label whose void failed, tried again once the provider is back.
  const voidFailed = ret.label?.void?.status === 'FAILED';
  const onDone = (next: ReturnView) => {
    setDone(t('action.done', { status: t(`status.${next.status}`) }));
    onChanged();
  };
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">{t('return.actions')}</h2>
      <p role="status" class="notice">
        {done ?? ''}
      </p>
      {actions.length === 0 && !voidFailed && <p>{t('return.noActions')}</p>}
      {actions.map((action) => {
        const props = { ret, onDone };
        switch (action) {
          case 'AUTHORIZE':
            return <AuthorizeForm key={action} {...props} />;
          case 'CLOSE':
            return <CloseForm key={action} {...props} />;
          case 'RECORD_INSPECTION':
            return <InspectionForm key={action} {...props} />;
          case 'APPROVE_REFUND':
            return <CommandButton key={action} {...props} command="refund/approve" />;
          case 'REJECT_REFUND':
            return <RejectRefundForm key={action} {...props} />;
          case 'SHIP_REPLACEMENT':
            return <ShipReplacementForm key={action} {...props} />;
          case 'REFUND_INSTEAD':
            return <RefundInsteadForm key={action} {...props} />;
          case 'MARK_PAID':
            return <MarkPaidForm key={action} {...props} />;
          case 'RETRY':
            return <CommandButton key={action} {...props} command="retry" />;
          case 'ADD_CONCESSION':
            return <ConcessionForm key={action} {...props} />;
        }
      })}
      {voidFailed && <CommandButton ret={ret} onDone={onDone} command="label/void" />}
    </section>
  );
};
