import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { session } from '../session.js';

/**
 * Sign-in with the seller's API key, checked by one read (GET /v1/policy) before the console opens.
 * `ended` says why the seller is here again: signed out, or sent back by a 401.
 */
export const SignInPage = ({
  ended,
  onSignedIn,
}: {
  ended: 'signed-out' | 'refused' | undefined;
  onSignedIn: () => void;
}) => {
  const { t } = useI18n();
  const [apiKey, setApiKey] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setInvalid(false);
    // Checked before it is kept: a refused key never reaches sessionStorage.
    const { response } = await api.GET('/v1/policy', {
      headers: { authorization: `Bearer ${apiKey.trim()}` },
    });
    setBusy(false);
    if (!response.ok) return setInvalid(true);
    session.signIn(apiKey.trim());
    onSignedIn();
  };

  return (
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {ended && (
        <p class={ended === 'refused' ? 'notice notice-warning' : 'notice'} role="status">
          {t(ended === 'refused' ? 'signIn.refused' : 'signIn.signedOut')}
        </p>
      )}
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit}>
        <div class={invalid ? 'field field-invalid' : 'field'}>
          <label for="api-key">{t('signIn.apiKey')}</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            required
            value={apiKey}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'api-key-error' : undefined}
            onInput={(event) => setApiKey((event.currentTarget as HTMLInputElement).value)}
          />
          {invalid && (
            <p class="field-error" id="api-key-error">
              {t('signIn.invalid')}
            </p>
          )}
        </div>
        <button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
};
