export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  contentType: string;
  body: T;
}

export interface CallOptions {
  method?: string;
  key?: string;
  body?: unknown;
  /** A raw body, sent as is (for malformed input). */
  raw?: string;
  headers?: Record<string, string>;
}

/** One call to the local API, as curl would make it. */
export const call = async <T = Record<string, unknown>>(
  base: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (text ? JSON.parse(text) : {}) as T,
  };
};

export interface CapturedEmail {
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** The mail the local SES captured, newest last. */
export const capturedEmails = async (ses: string): Promise<CapturedEmail[]> => {
  const response = await fetch(`${ses}/store`);
  return ((await response.json()) as { emails: CapturedEmail[] }).emails;
};

/**
 * The mail one address received, once there are `count` of them. The pipeline mails after it writes the
 * status a test waits for, so a test waits for the mail too.
 */
export const mailTo = async (ses: string, address: string, count: number): Promise<CapturedEmail[]> => {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mails = (await capturedEmails(ses)).filter((m) => m.destination.to.includes(address));
    if (mails.length >= count || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 100));
  }
};
