import { useEffect } from 'preact/hooks';
import type { Status } from '../../../domain/return.js';
import { api, type ReturnView, type SentMail, type TimelineEntry } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../use-load.js';
import { LoadStatus } from '../components/load-status.js';
import { ReturnActions } from '../components/return-actions.js';
import { ReplacementSection } from '../components/replacement-section.js';
import { Conversation } from '../components/conversation.js';

/** The statuses the pipeline moves on from by itself, without a carrier, an inspector or the seller. */
const PIPELINE_WORKING: ReadonlySet<Status> = new Set([
  'AUTHORIZED',
  'INSPECTED',
  'REFUND_IN_PROGRESS',
  'REFUNDED',
]);
const FOLLOW_MS = 1000;

const loadReturn = async (id: string) => {
  const path = { params: { path: { id } } };
  const [ret, events, mails] = await Promise.all([
    api.GET('/v1/returns/{id}', path),
    api.GET('/v1/returns/{id}/events', path),
    api.GET('/v1/returns/{id}/notifications', path),
  ]);
  if (!ret.data) throw new Error(ret.error?.detail ?? 'the return could not be read');
  return { ret: ret.data, timeline: events.data?.items ?? [], mails: mails.data?.items ?? [] };
};

/**
 * One return: the buyer, the items, the policy's decision rule by rule, the label, the refund and its
 * breakdown, credits and stock, the timeline, and the actions its status allows. Everything the buyer
 * wrote is rendered as text (JSX escapes it); nothing here sets HTML.
 */
export const ReturnPage = ({ id }: { id: string }) => {
  const { t } = useI18n();
  const { loaded, reload } = useLoad(() => loadReturn(id), [id]);
  // While the pipeline is working on it, the page follows it, so the seller sees it move.
  const status = loaded.state === 'ready' ? loaded.value.ret.status : undefined;
  useEffect(() => {
    if (!status || !PIPELINE_WORKING.has(status)) return;
    const timer = setTimeout(reload, FOLLOW_MS);
    return () => clearTimeout(timer);
  }, [loaded, status, reload]);
  return (
    <>
      <p>
        <a href={hrefOf({ page: 'returns' })}>{t('return.back')}</a>
      </p>
      <LoadStatus loaded={loaded} />
      {loaded.state === 'ready' && (
        <ReturnDetails
          ret={loaded.value.ret}
          timeline={loaded.value.timeline}
          mails={loaded.value.mails}
          onChanged={reload}
        />
      )}
    </>
  );
};

const ReturnDetails = ({
  ret,
  timeline,
  mails,
  onChanged,
}: {
  ret: ReturnView;
  timeline: TimelineEntry[];
  mails: SentMail[];
  onChanged: () => void;
}) => {
  const { t, money, dateTime, number } = useI18n();
  return (
    <article aria-labelledby="return-title">
      <h1 id="return-title">
        {t('return.title', { rma: ret.rma })}{' '}
        <span class={`status status-${ret.status}`}>{t(`status.${ret.status}`)}</span>
      </h1>
      {ret.attention && (
        <p class="notice notice-warning">
          {t('return.attention', { step: ret.attention.step, error: ret.attention.error })}
        </p>
      )}
      <section aria-labelledby="summary-title">
        <h2 id="summary-title">{t('return.summary')}</h2>
        <dl class="facts">
          <dt>{t('returns.order')}</dt>
          <dd>{ret.orderId}</dd>
          <dt>{t('return.marketplace')}</dt>
          <dd>{ret.marketplace}</dd>
          <dt>{t('returns.reason')}</dt>
          <dd>{t(`reason.${ret.reason}`)}</dd>
          <dt>{t('return.comment')}</dt>
          <dd class="buyer-text" data-testid="buyer-comment">
            {ret.comment ?? t('common.none')}
          </dd>
          <dt>{t('return.delivered')}</dt>
          <dd>{dateTime(ret.deliveredAt)}</dd>
          <dt>{t('returns.created')}</dt>
          <dd>{dateTime(ret.createdAt)}</dd>
          {ret.closure && (
            <>
              <dt>{t('return.closure')}</dt>
              <dd class="buyer-text">
                {t(`closure.${ret.closure.reason}`)}
                {ret.closure.comment ? `: ${ret.closure.comment}` : ''}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section aria-labelledby="buyer-title">
        <h2 id="buyer-title">{t('return.buyer')}</h2>
        <dl class="facts">
          <dt>{t('return.name')}</dt>
          <dd class="buyer-text">{ret.buyer.name ?? t('common.none')}</dd>
          <dt>{t('return.email')}</dt>
          <dd>{ret.buyer.email}</dd>
          <dt>{t('return.country')}</dt>
          <dd>{ret.buyer.country}</dd>
          <dt>{t('return.locale')}</dt>
          <dd>{ret.buyer.locale ?? t('common.none')}</dd>
        </dl>
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('return.items')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('return.sku')}</th>
              <th scope="col">{t('return.category')}</th>
              <th scope="col">{t('return.quantity')}</th>
              <th scope="col">{t('return.unitPrice')}</th>
              <th scope="col">{t('return.tax')}</th>
            </tr>
          </thead>
          <tbody>
            {ret.items.map((line) => (
              <tr key={line.sku}>
                <td>
                  {line.sku}
                  {line.title && <span class="buyer-text"> {line.title}</span>}
                </td>
                <td>{line.category}</td>
                <td>{number(line.quantity)}</td>
                <td>{money(line.unitPrice)}</td>
                <td>{line.tax ? money(line.tax) : t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="decision-title">
        <h2 id="decision-title">{t('return.decision')}</h2>
        <p>{ret.decision.summary}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('return.rule')}</th>
              <th scope="col">{t('return.passed')}</th>
              <th scope="col">{t('return.detail')}</th>
              <th scope="col">{t('return.numbers')}</th>
            </tr>
          </thead>
          <tbody>
            {ret.decision.checks.map((check) => (
              <tr key={check.rule}>
                <td>{t(`rule.${check.rule}`)}</td>
                <td>{t(check.passed ? 'common.yes' : 'common.no')}</td>
                <td>{check.detail}</td>
                <td>
                  {Object.entries(check.numbers)
                    .map(([name, value]) => `${name} = ${typeof value === 'number' ? number(value) : value}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ReturnActions ret={ret} onChanged={onChanged} />
      <section aria-labelledby="label-title">
        <h2 id="label-title">{t('return.label')}</h2>
        {ret.label ? (
          <dl class="facts">
            <dt>{t('return.carrier')}</dt>
            <dd>{ret.label.carrier}</dd>
            <dt>{t('return.tracking')}</dt>
            <dd data-testid="tracking-number">{ret.label.trackingNumber}</dd>
            <dt>{t('return.shipBy')}</dt>
            <dd>{dateTime(ret.label.shipBy)}</dd>
            <dt>{t('return.paidBy')}</dt>
            <dd>{ret.label.paidBy}</dd>
            {ret.label.cost && (
              <>
                <dt>{t('return.amount')}</dt>
                <dd>{money(ret.label.cost)}</dd>
              </>
            )}
            {ret.label.void && (
              <>
                <dt>{t('return.labelVoid')}</dt>
                <dd data-testid="label-void">
                  {t(`labelVoid.${ret.label.void.status}`, {
                    attempts: String(ret.label.void.attempts),
                    error: ret.label.void.error ?? '',
                  })}
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>{t('return.noLabel')}</p>
        )}
      </section>
      <section aria-labelledby="refund-title">
        <h2 id="refund-title">{t('return.refund')}</h2>
        {ret.refund ? (
          <>
            <p>
              {money(ret.refund.amount)} · {ret.refund.status}
            </p>
            <table>
              <caption>{t('return.breakdown')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('return.kind')}</th>
                  <th scope="col">{t('return.sku')}</th>
                  <th scope="col">{t('return.amount')}</th>
                  <th scope="col">{t('return.explanation')}</th>
                </tr>
              </thead>
              <tbody>
                {ret.refund.breakdown.map((line, index) => (
                  <tr key={index}>
                    <td>{line.kind}</td>
                    <td>{line.sku ?? ''}</td>
                    <td class="amount">{money(line)}</td>
                    <td>{line.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>{t('return.noRefund')}</p>
        )}
      </section>
      <ReplacementSection ret={ret} />
      <section aria-labelledby="credits-title">
        <h2 id="credits-title">{t('return.concessions')}</h2>
        {ret.concessions.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul>
            {ret.concessions.map((c) => (
              <li key={c.concessionId}>
                {money(c.amount)} · {c.status} · <span class="buyer-text">{c.reason}</span> · {dateTime(c.at)}
              </li>
            ))}
          </ul>
        )}
        <h2>{t('return.adjustments')}</h2>
        {ret.inventoryAdjustments.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul>
            {ret.inventoryAdjustments.map((a, index) => (
              <li key={index}>
                {a.sku} × {number(a.quantity)}:{' '}
                {'reservation' in a ? (
                  t(`reservation.${a.reservation}`)
                ) : (
                  <>
                    {t(`disposition.${a.disposition}`)}
                    {a.grade ? ` (${t(`grade.${a.grade}`)})` : ''}
                    {a.note ? ` · ${a.note}` : ''}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SentMails mails={mails} />
      <Conversation ret={ret} onChanged={onChanged} />
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('return.timeline')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('return.at')}</th>
              <th scope="col">{t('return.change')}</th>
              <th scope="col">{t('return.actor')}</th>
              <th scope="col">{t('return.note')}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((entry, index) => (
              <tr key={index}>
                <td>{dateTime(entry.at)}</td>
                <td>
                  {entry.type}: {t(`status.${entry.from}`)} → {t(`status.${entry.to}`)}
                </td>
                <td>{entry.actor.kind}</td>
                <td class="buyer-text">{entry.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
};

/** The mails the return caused, to the buyer and to the seller, as the API lists them (no bodies are kept). */
const SentMails = ({ mails }: { mails: SentMail[] }) => {
  const { t, dateTime } = useI18n();
  return (
    <section aria-labelledby="mails-title">
      <h2 id="mails-title">{t('return.notifications')}</h2>
      {mails.length === 0 ? (
        <p>{t('return.noNotifications')}</p>
      ) : (
        <table data-testid="sent-mails">
          <thead>
            <tr>
              <th scope="col">{t('return.sentAt')}</th>
              <th scope="col">{t('return.recipient')}</th>
              <th scope="col">{t('return.mailKind')}</th>
              <th scope="col">{t('return.subject')}</th>
              <th scope="col">{t('return.language')}</th>
            </tr>
          </thead>
          <tbody>
            {mails.map((mail) => (
              <tr key={`${mail.kind}-${mail.sentAt}`}>
                <td>{dateTime(mail.sentAt)}</td>
                <td>{t(`return.recipient.${mail.recipient}`)}</td>
                <td>{mail.kind}</td>
                <td class="buyer-text">{mail.subject}</td>
                <td>{mail.locale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
