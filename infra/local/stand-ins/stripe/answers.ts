/** Form parameters as Stripe's encoding gives them: scalars, lists (`a[]`, `a[0]`) and maps (`m[k]`). */
export type Params = Record<string, string | string[] | Record<string, string>>;

/** One HTTP answer of the stand-in. */
export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An error in Stripe's shape: `{ error: { type, message, code?, param? } }`. */
export const stripeError = (
  status: number,
  type: string,
  message: string,
  extra: Record<string, string> = {},
): Answer => ({ status, body: { error: { type, message, ...extra } } });

/** Stripe's form encoding, as the SDK sends it: `a=1&metadata[k]=v&enabled_events[0]=x`. */
export const parseForm = (text: string): Params => {
  const params: Params = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const nested = /^(\w+)\[(\w*)\]$/.exec(name);
    if (!nested) params[name] = value;
    else if (nested[2] === '' || /^\d+$/.test(nested[2]!))
      ((params[nested[1]!] ??= []) as string[]).push(value);
    else ((params[nested[1]!] ??= {}) as Record<string, string>)[nested[2]!] = value;
  }
  return params;
};
