import { useState } from 'preact/hooks';
import type { GroupBy } from '../../../domain/return-analytics.js';
import { REASON_CLASSES, type ReasonCode } from '../../../domain/reason-codes.js';
import { api } from '../api/client.js';
import { BarChart } from '../components/bar-chart.js';
import { SelectField } from '../components/fields.js';
import { useI18n } from '../i18n/i18n.js';
import { STATUS_TABS } from '../statuses.js';
import { useLoad } from '../use-load.js';
import { LoadStatus } from '../components/load-status.js';

const PERIODS = { '30': 'overview.last30', '90': 'overview.last90' } as const;
type Period = keyof typeof PERIODS;

const isReasonCode = (key: string): key is ReasonCode => key in REASON_CLASSES;

const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const loadReport = async (groupBy: GroupBy, period: Period) => {
  const { data, error } = await api.GET('/v1/analytics/returns', {
    params: { query: { groupBy, from: dayBefore(Number(period) - 1), to: dayBefore(0) } },
  });
  if (!data) throw new Error(error?.detail ?? 'the counters could not be read');
  return data;
};

/** Counts by status now; returns by reason and by SKU over 30 or 90 days; refunds and concessions paid. */
export const OverviewPage = () => {
  const { t, money, number } = useI18n();
  const reasonLabel = (key: string) => (isReasonCode(key) ? t(`reason.${key}`) : key);
  const total = (amounts: { amount: number; currency: string }[]) =>
    amounts.length === 0 ? t('common.none') : amounts.map(money).join(' + ');
  const [period, setPeriod] = useState<Period>('30');
  const { loaded } = useLoad(
    () => Promise.all([loadReport('reason', period), loadReport('sku', period)]),
    [period],
  );
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <SelectField
        idPrefix="overview"
        path="period"
        label={t('overview.range')}
        errors={{}}
        value={period}
        options={(Object.keys(PERIODS) as Period[]).map((value) => ({ value, label: t(PERIODS[value]) }))}
        onChange={setPeriod}
      />
      <LoadStatus loaded={loaded} />
      {loaded.state === 'ready' && (
        <>
          <h2>{t('overview.byStatus')}</h2>
          <ul class="cards">
            {STATUS_TABS.map((status) => (
              <li class="card" key={status}>
                <span>{t(`status.${status}`)}</span>
                <strong>{number(loaded.value[0].statusNow.find((s) => s.key === status)?.count ?? 0)}</strong>
              </li>
            ))}
          </ul>
          <h2>{t('overview.byReason')}</h2>
          <BarChart
            title={t('overview.byReason')}
            rows={loaded.value[0].groups.map((g) => ({
              label: reasonLabel(g.key),
              count: g.count,
            }))}
          />
          <h2>{t('overview.bySku')}</h2>
          <BarChart
            title={t('overview.bySku')}
            rows={loaded.value[1].groups.map((g) => ({ label: g.key, count: g.count }))}
          />
          <h2>{t('overview.credits')}</h2>
          <ul class="cards">
            <li class="card">
              <span>{t('overview.refunds')}</span>
              <strong>{total(loaded.value[0].refunds)}</strong>
            </li>
            <li class="card">
              <span>{t('overview.concessions')}</span>
              <strong>{total(loaded.value[0].concessions)}</strong>
            </li>
          </ul>
        </>
      )}
    </section>
  );
};
