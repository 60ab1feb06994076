export interface CapturedEmail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

/** Mail the shared local SES captured for one recipient. */
export const mailTo = async (address: string): Promise<CapturedEmail[]> => {
  const response = await fetch(process.env.SES_STORE_URL!);
  const { emails } = (await response.json()) as { emails: CapturedEmail[] };
  return emails.filter((m) => m.destination.to.includes(address));
};
