import { useI18n } from '../i18n/i18n.js';
import type { Loaded } from '../use-load.js';

/** What a page says while its data is on the way, or when it could not be read. */
export const LoadStatus = ({ loaded }: { loaded: Loaded<unknown> }) => {
  const { t } = useI18n();
  if (loaded.state === 'loading') return <p>{t('common.loading')}</p>;
  if (loaded.state === 'failed') return <p role="alert">{t('common.failed', { detail: loaded.detail })}</p>;
  return null;
};
