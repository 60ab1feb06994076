import type { ComponentChildren } from 'preact';
import { ProblemAlert } from './problem-alert.js';
import type { useAction } from './use-action.js';

/**
 * One action on a return: its fields, its refusal (fields the form does not show are listed in the
 * alert) and its submit button, whose text names it. Without a title it is a lone button.
 */
export const ActionForm = ({
  name,
  title,
  submit,
  action,
  placed = [],
  onSubmit,
  children,
}: {
  name: string;
  title?: string;
  submit: string;
  action: ReturnType<typeof useAction>;
  placed?: readonly string[];
  onSubmit: () => void;
  children?: ComponentChildren;
}) => (
  <form
    class="action"
    aria-labelledby={title ? `${name}-title` : `${name}-submit`}
    onSubmit={(event) => {
      event.preventDefault();
      onSubmit();
    }}
  >
    {title && <h3 id={`${name}-title`}>{title}</h3>}
    {children}
    <ProblemAlert problem={action.problem} errors={action.errors} placed={placed} />
    <button type="submit" id={`${name}-submit`} disabled={action.busy}>
      {submit}
    </button>
  </form>
);
