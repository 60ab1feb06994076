import type { Mailer } from '../../../domain/ports.js';
import { mailerFromEnv } from '../../adapters/ses-mailer.js';

/** SES, for the functions that send mail (the stack gives exactly those SENDER_EMAIL). */
export const mailer: Mailer = mailerFromEnv();
