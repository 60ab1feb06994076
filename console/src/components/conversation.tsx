import { useState } from 'preact/hooks';
import { marketplaceCurrency } from '../../../domain/marketplaces.js';
import { api, type ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { ActionForm } from './action-form.js';
import { CheckboxField, TextField } from './fields.js';
import { commandParams, useAction } from './use-action.js';

type Props = { ret: ReturnView; onChanged: () => void };

/**
 * The thread with the buyer and the seller's offers: what was said (the buyer's words rendered as text,
 * JSX escapes them), a message to send (mailed to the buyer with a reply link), the offers with their
 * answers, an offer to make and the open one to withdraw.
 */
export const Conversation = ({ ret, onChanged }: Props) => {
  const { t, money, dateTime } = useI18n();
  const messages = ret.messages ?? [];
  const offers = ret.offers ?? [];
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t('conversation.title')}</h2>
      {messages.length === 0 ? (
        <p>{t('conversation.noMessages')}</p>
      ) : (
        <ol class="thread" aria-label={t('conversation.thread')}>
          {messages.map((m) => (
            <li key={m.messageId} data-testid="message">
              <strong>{t(m.from === 'SELLER' ? 'conversation.fromSeller' : 'conversation.fromBuyer')}</strong>{' '}
              · {dateTime(m.at)}
              <p class="buyer-text">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      <MessageForm ret={ret} onChanged={onChanged} />
      <h3>{t('conversation.offers')}</h3>
      {offers.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul>
          {offers.map((o) => (
            <li key={o.offerId} data-testid="offer">
              {money(o.amount)} · {t(o.keepItem ? 'conversation.keepItem' : 'conversation.sendBack')} ·{' '}
              {t(`offer.${o.status}`)} · {t('conversation.until', { at: dateTime(o.expiresAt) })}
              {o.message && <span class="buyer-text"> · {o.message}</span>}
              {o.status === 'OPEN' && <WithdrawButton ret={ret} offerId={o.offerId} onChanged={onChanged} />}
            </li>
          ))}
        </ul>
      )}
      {!offers.some((o) => o.status === 'OPEN' || o.status === 'ACCEPTED') && (
        <OfferForm ret={ret} onChanged={onChanged} />
      )}
    </section>
  );
};

const MessageForm = ({ ret, onChanged }: Props) => {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const action = useAction(() => {
    setBody('');
    onChanged();
  });
  const send = () =>
    api.POST('/v1/returns/{id}/messages', { params: commandParams(ret), body: { body, from: 'SELLER' } });
  return (
    <ActionForm
      name="message"
      title={t('conversation.write')}
      submit={t('conversation.send')}
      action={action}
      placed={['body']}
      onSubmit={() => void action.run(send, () => ret)}
    >
      <TextField
        idPrefix="message"
        path="body"
        label={t('conversation.body')}
        errors={action.errors}
        value={body}
        onInput={setBody}
        multiline
      />
    </ActionForm>
  );
};

const OfferForm = ({ ret, onChanged }: Props) => {
  const { t } = useI18n();
  const currency = marketplaceCurrency(ret.marketplace);
  const [amount, setAmount] = useState('');
  const [keepItem, setKeepItem] = useState(false);
  const [message, setMessage] = useState('');
  const action = useAction(onChanged);
  // Minor units as typed; anything else goes to the API as text, so its refusal names the field.
  const minorUnits = /^\d+$/.test(amount.trim()) ? Number(amount) : (amount as unknown as number);
  const send = () =>
    api.POST('/v1/returns/{id}/offers', {
      params: commandParams(ret),
      body: { amount: { amount: minorUnits, currency }, keepItem, message },
    });
  return (
    <ActionForm
      name="offer"
      title={t('conversation.offer')}
      submit={t('conversation.offerSubmit')}
      action={action}
      placed={['amount/amount', 'keepItem', 'message']}
      onSubmit={() => void action.run(send, (data: { return: ReturnView }) => data.return)}
    >
      <TextField
        idPrefix="offer"
        path="amount/amount"
        label={t('conversation.offerAmount', { currency })}
        errors={action.errors}
        value={amount}
        onInput={setAmount}
      />
      <CheckboxField
        idPrefix="offer"
        path="keepItem"
        label={t('conversation.keepItemLabel')}
        errors={action.errors}
        checked={keepItem}
        onChange={setKeepItem}
      />
      <TextField
        idPrefix="offer"
        path="message"
        label={t('conversation.offerMessage')}
        errors={action.errors}
        value={message}
        onInput={setMessage}
        multiline
      />
    </ActionForm>
  );
};

const WithdrawButton = ({ ret, offerId, onChanged }: Props & { offerId: string }) => {
  const { t } = useI18n();
  const action = useAction(onChanged);
  const send = () =>
    api.POST('/v1/returns/{id}/offers/{offerId}/withdraw', {
      params: { ...commandParams(ret), path: { id: ret.id, offerId } },
    });
  return (
    <ActionForm
      name={`withdraw-${offerId}`}
      submit={t('conversation.withdraw')}
      action={action}
      onSubmit={() => void action.run(send, (data: ReturnView) => data)}
    />
  );
};
