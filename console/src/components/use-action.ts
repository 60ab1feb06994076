import { useState } from 'preact/hooks';
import { idempotencyKey, problemOf, type Problem, type ReturnView } from '../api/client.js';
import { fieldErrorsOf, type FieldErrors } from './field-errors.js';

/** One action's round trip: busy while it runs, then the refusal with its fields, or the return it made. */
export const useAction = (onDone: (ret: ReturnView) => void) => {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const errors: FieldErrors = fieldErrorsOf(problem);
  const run = async (
    call: () => Promise<{ data?: unknown; error?: unknown }>,
    returnOf: (data: never) => ReturnView,
  ) => {
    setBusy(true);
    setProblem(undefined);
    const { data, error } = await call();
    setBusy(false);
    if (data === undefined) {
      setProblem(
        problemOf(error) ?? { type: 'about:blank', title: 'Error', status: 0, detail: String(error) },
      );
      return;
    }
    onDone(returnOf(data as never));
  };
  return { busy, problem, errors, run };
};

/** A command's path and a fresh Idempotency-Key. */
export const commandParams = (ret: ReturnView) => ({ path: { id: ret.id }, header: idempotencyKey() });
