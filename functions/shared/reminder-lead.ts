import {
  DEFAULT_REMINDER_LEAD,
  ReminderLeadSchema,
  type ReminderLead,
} from '../../domain/deadlines/reminder.js';

/**
 * The reminder lead a deployment sets: REMINDER_SHARE_OF_TIME_LEFT (0.25) and REMINDER_MIN_LEAD_MINUTES
 * (120), each optional. Read by every function that writes returns (it places the reminder in the
 * sweeper's index) and by the sweeper; a bad value stops the function at load rather than mistime mail.
 */
export const reminderLeadFromEnv = (env: Record<string, string | undefined> = process.env): ReminderLead => {
  const share = env.REMINDER_SHARE_OF_TIME_LEFT;
  const minutes = env.REMINDER_MIN_LEAD_MINUTES;
  const result = ReminderLeadSchema.safeParse({
    shareOfTimeLeft: share ? Number(share) : DEFAULT_REMINDER_LEAD.shareOfTimeLeft,
    minimumLeadMinutes: minutes ? Number(minutes) : DEFAULT_REMINDER_LEAD.minimumLeadMinutes,
  });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new Error(`REMINDER_SHARE_OF_TIME_LEFT / REMINDER_MIN_LEAD_MINUTES: ${problems}`);
  }
  return result.data;
};
