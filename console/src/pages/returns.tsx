import { useState } from 'preact/hooks';
import { api, type ReturnView } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { hrefOf } from '../router.js';
import { STATUS_TABS } from '../statuses.js';
import { useLoad } from '../use-load.js';
import { LoadStatus } from '../components/load-status.js';
import type { Status } from '../../../domain/return.js';

const RMA = /^RMA-[0-9A-Z]{5}-[0-9A-Z]{5}$/;

type Filter = { status: Status } | { orderId: string } | { rma: string };

/** A search by RMA when it looks like one, by order id otherwise. */
const searchFilter = (query: string): Filter => {
  const q = query.trim();
  return RMA.test(q.toUpperCase()) ? { rma: q.toUpperCase() } : { orderId: q };
};

const loadPage = async (filter: Filter, cursor: string | undefined) => {
  const { data, error } = await api.GET('/v1/returns', {
    params: { query: { ...filter, ...(cursor ? { cursor } : {}), limit: 20 } },
  });
  if (!data) throw new Error(error?.detail ?? 'the returns could not be read');
  return data;
};

const loadStatusCounts = async (): Promise<Partial<Record<Status, number>>> => {
  const { data } = await api.GET('/v1/analytics/returns', { params: { query: { groupBy: 'status' } } });
  return Object.fromEntries((data?.statusNow ?? []).map(({ key, count }) => [key, count]));
};

/**
 * The Manage Returns page: a tab per status with its count, "Authorization Required" first and selected,
 * a search by order id or RMA, and pages through the API's cursor.
 */
export const ReturnsPage = () => {
  const { t, dateTime } = useI18n();
  const [status, setStatus] = useState<Status>('AUTHORIZATION_REQUIRED');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<string | undefined>();
  // The cursors of the pages before this one; the last is this page's.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filter: Filter = search ? searchFilter(search) : { status };
  const cursor = cursors.at(-1);
  const { loaded } = useLoad(() => loadPage(filter, cursor), [JSON.stringify(filter), cursor]);
  const { loaded: counts } = useLoad(loadStatusCounts, []);

  const choose = (next: Status) => {
    setSearch(undefined);
    setStatus(next);
    setCursors([undefined]);
  };
  const onTabKey = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = STATUS_TABS[(index + step + STATUS_TABS.length) % STATUS_TABS.length]!;
    choose(next);
    document.getElementById(`tab-${next}`)?.focus();
  };

  return (
    <section aria-labelledby="returns-title">
      <h1 id="returns-title">{t('returns.title')}</h1>
      <form
        class="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim() === '') return;
          setSearch(query);
          setCursors([undefined]);
        }}
      >
        <label for="search">{t('returns.search')}</label>
        <input
          id="search"
          type="search"
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('returns.searchSubmit')}</button>
        {search && (
          <button
            type="button"
            onClick={() => {
              setSearch(undefined);
              setQuery('');
              setCursors([undefined]);
            }}
          >
            {t('returns.clear')}
          </button>
        )}
      </form>
      <div class="tabs" role="tablist" aria-label={t('returns.tabs')}>
        {STATUS_TABS.map((tab, index) => {
          const selected = !search && tab === status;
          const count = counts.state === 'ready' ? (counts.value[tab] ?? 0) : undefined;
          return (
            <button
              key={tab}
              id={`tab-${tab}`}
              type="button"
              role="tab"
              aria-selected={selected}
              aria-controls="returns-panel"
              tabIndex={selected || (search && index === 0) ? 0 : -1}
              onClick={() => choose(tab)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {t(`status.${tab}`)}
              {count !== undefined && <span class="count"> ({count})</span>}
            </button>
          );
        })}
      </div>
      <div
        id="returns-panel"
        role="tabpanel"
        aria-labelledby={search ? 'returns-title' : `tab-${status}`}
        tabIndex={0}
      >
        {search && <p>{t('returns.results', { query: search })}</p>}
        <LoadStatus loaded={loaded} />
        {loaded.state === 'ready' && (
          <>
            <ReturnsTable items={loaded.value.items} dateTime={dateTime} />
            <div class="pager">
              {cursors.length > 1 && (
                <button type="button" onClick={() => setCursors([undefined])}>
                  {t('returns.first')}
                </button>
              )}
              {loaded.value.cursor && (
                <button type="button" onClick={() => setCursors([...cursors, loaded.value.cursor])}>
                  {t('returns.next')}
                </button>
              )}
            </div>
          </>
        )}
      </div>
    </section>
  );
};

const ReturnsTable = ({ items, dateTime }: { items: ReturnView[]; dateTime: (iso: string) => string }) => {
  const { t, number } = useI18n();
  if (items.length === 0) return <p>{t('returns.empty')}</p>;
  return (
    <table class="returns">
      <caption class="visually-hidden">{t('returns.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('returns.rma')}</th>
          <th scope="col">{t('returns.order')}</th>
          <th scope="col">{t('returns.buyer')}</th>
          <th scope="col">{t('returns.reason')}</th>
          <th scope="col">{t('returns.items')}</th>
          <th scope="col">{t('returns.created')}</th>
          <th scope="col">{t('returns.status')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((ret) => (
          <tr key={ret.id}>
            <td>
              <a href={hrefOf({ page: 'return', id: ret.id })}>{ret.rma}</a>
            </td>
            <td>{ret.orderId}</td>
            <td>{ret.buyer.name ?? ret.buyer.email}</td>
            <td>{t(`reason.${ret.reason}`)}</td>
            <td>{number(ret.items.reduce((units, line) => units + line.quantity, 0))}</td>
            <td>{dateTime(ret.createdAt)}</td>
            <td>{t(`status.${ret.status}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};
