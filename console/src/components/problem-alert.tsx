import type { Problem } from '../api/client.js';
import { useI18n } from '../i18n/i18n.js';
import { unplacedErrors, type FieldErrors } from './field-errors.js';

/** A refusal's detail, and every failing field no input on the form shows. */
export const ProblemAlert = ({
  problem,
  errors,
  placed,
}: {
  problem: Problem | undefined;
  errors: FieldErrors;
  placed: readonly string[];
}) => {
  const { t } = useI18n();
  if (!problem) return null;
  const rest = unplacedErrors(errors, placed);
  return (
    <div class="problem" role="alert">
      <p>{t('common.refusedBy', { detail: problem.detail })}</p>
      {rest.length > 0 && (
        <ul>
          {rest.map(([field, rule]) => (
            <li key={field}>{t('common.fieldRule', { field, rule })}</li>
          ))}
        </ul>
      )}
    </div>
  );
};
