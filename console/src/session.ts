/**
 * The seller's API key for this tab only: sessionStorage, never localStorage or a cookie, so it ends with
 * the tab and no other page or tab can read it.
 */
const KEY = 'returns-console.apiKey';

type Listener = (reason: 'signed-out' | 'refused') => void;
const listeners = new Set<Listener>();

export const session = {
  apiKey: (): string | null => sessionStorage.getItem(KEY),
  signIn: (apiKey: string): void => sessionStorage.setItem(KEY, apiKey),
  /** Forgets the key; `refused` when the API answered 401, so the sign-in page says why. */
  end: (reason: 'signed-out' | 'refused'): void => {
    sessionStorage.removeItem(KEY);
    for (const listener of listeners) listener(reason);
  },
  onEnd: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
