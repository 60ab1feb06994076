import { useEffect, useMemo, useState } from 'preact/hooks';
import { I18nContext, i18nFor } from './i18n/i18n.js';
import { isLocale, LOCALES, type Locale } from './i18n/messages.js';
import { session } from './session.js';
import { useRoute, hrefOf, type Route } from './router.js';
import { SignInPage } from './pages/sign-in.js';
import { ReturnsPage } from './pages/returns.js';
import { ReturnPage } from './pages/return.js';
import { PolicyPage } from './pages/policy.js';
import { OverviewPage } from './pages/overview.js';

/** The language is a preference, not a secret: it may outlive the tab. */
const LOCALE_KEY = 'returns-console.locale';
const initialLocale = (): Locale => {
  const saved = localStorage.getItem(LOCALE_KEY) ?? '';
  return isLocale(saved) ? saved : navigator.language.startsWith('zh') ? 'zh-CN' : 'en-US';
};

const NAV: { route: Route; key: 'nav.overview' | 'nav.returns' | 'nav.policy' }[] = [
  { route: { page: 'overview' }, key: 'nav.overview' },
  { route: { page: 'returns' }, key: 'nav.returns' },
  { route: { page: 'policy' }, key: 'nav.policy' },
];

export const App = () => {
  const [locale, setLocale] = useState(initialLocale);
  const [signedIn, setSignedIn] = useState(() => session.apiKey() !== null);
  const [ended, setEnded] = useState<'signed-out' | 'refused' | undefined>();
  const route = useRoute();
  const i18n = useMemo(() => i18nFor(locale), [locale]);

  useEffect(
    () =>
      session.onEnd((reason) => {
        setSignedIn(false);
        setEnded(reason);
      }),
    [],
  );
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = i18n.t('app.title');
    localStorage.setItem(LOCALE_KEY, locale);
  }, [locale, i18n]);

  const { t } = i18n;
  const current = route.page === 'return' ? 'returns' : route.page;
  return (
    <I18nContext.Provider value={i18n}>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <p class="brand">{t('app.title')}</p>
        {signedIn && (
          <nav aria-label={t('nav.label')}>
            <ul>
              {NAV.map(({ route: target, key }) => (
                <li key={key}>
                  <a href={hrefOf(target)} aria-current={current === target.page ? 'page' : undefined}>
                    {t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="top-tools">
          <label for="locale">{t('nav.language')}</label>
          <select
            id="locale"
            value={locale}
            onChange={(event) => {
              const value = (event.currentTarget as HTMLSelectElement).value;
              if (isLocale(value)) setLocale(value);
            }}
          >
            {Object.entries(LOCALES).map(([code, { name }]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
          {signedIn && (
            <button type="button" onClick={() => session.end('signed-out')}>
              {t('nav.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main">
        {!signedIn ? (
          <SignInPage
            ended={ended}
            onSignedIn={() => {
              setEnded(undefined);
              setSignedIn(true);
            }}
          />
        ) : route.page === 'return' ? (
          <ReturnPage key={route.id} id={route.id} />
        ) : route.page === 'policy' ? (
          <PolicyPage />
        ) : route.page === 'overview' ? (
          <OverviewPage />
        ) : (
          <ReturnsPage />
        )}
      </main>
    </I18nContext.Provider>
  );
};
