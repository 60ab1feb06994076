import type { ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * How the return is resolved and, when by a replacement, what is sent again: the SKUs reserved, the
 * parcel once shipped, or the refund paid instead.
 */
export const ReplacementSection = ({ ret }: { ret: ReturnView }) => {
  const { t, number, dateTime } = useI18n();
  const resolution = ret.inspection?.resolution ?? ret.resolution ?? 'REFUND';
  const replacement = ret.replacement;
  return (
    <section aria-labelledby="replacement-title">
      <h2 id="replacement-title">{t('return.replacement')}</h2>
      <dl class="facts">
        <dt>{t('return.resolution')}</dt>
        <dd data-testid="resolution">{t(`resolution.${resolution}`)}</dd>
        {replacement && (
          <>
            <dt>{t('return.replacement')}</dt>
            <dd data-testid="replacement-status">{t(`replacement.${replacement.status}`)}</dd>
            <dt>{t('return.replacementItems')}</dt>
            <dd>
              <ul data-testid="replacement-items">
                {replacement.items.map((item) => (
                  <li key={item.sku}>
                    {item.sku} × {number(item.quantity)}
                  </li>
                ))}
              </ul>
            </dd>
            {replacement.shipment && (
              <>
                <dt>{t('return.shippedTracking')}</dt>
                <dd data-testid="replacement-tracking">
                  {replacement.shipment.carrier} {replacement.shipment.trackingNumber} ·{' '}
                  {dateTime(replacement.shipment.shippedAt)}
                </dd>
              </>
            )}
            {replacement.refundedInstead && (
              <>
                <dt>{t('return.refundedInstead')}</dt>
                <dd class="buyer-text">
                  {dateTime(replacement.refundedInstead.at)}
                  {replacement.refundedInstead.reason ? ` · ${replacement.refundedInstead.reason}` : ''}
                </dd>
              </>
            )}
          </>
        )}
      </dl>
      {!replacement && resolution === 'REFUND' && <p>{t('return.noReplacement')}</p>}
    </section>
  );
};
