import { IllegalTransitionError } from './errors.js';
import { ACTION_WORDS, isDeadline, type Deadline } from './deadlines/deadline.js';
import type { Return, Status } from './return.js';

/**
 * The two marks the deadline sweeper puts on a return: the seller was reminded of its next deadline,
 * and the deadline passed. Neither moves the status; each names the deadline (rule and date) it is
 * about, and is refused when the return's deadline is another by now (the return moved on meanwhile),
 * or the mark is there already.
 */
interface DeadlineMark {
  type: 'REMIND_DEADLINE' | 'MARK_OVERDUE';
  rule: string;
  dueAt: string;
}

interface MarkChange {
  to: Status;
  patch: Partial<Return>;
  note: string;
  data: Record<string, unknown>;
}

const markedDeadline = (ret: Return, cmd: DeadlineMark, mark: 'remindedAt' | 'overdueAt'): Deadline => {
  const deadline = ret.nextDeadline;
  if (!deadline || !isDeadline(deadline, cmd.rule, cmd.dueAt) || deadline[mark] !== undefined) {
    throw new IllegalTransitionError(ret.status, cmd.type);
  }
  return deadline;
};

const dataOf = (deadline: Deadline) => ({
  action: deadline.action,
  rule: deadline.rule.id,
  dueAt: deadline.dueAt,
});

export const remindDeadline = (ret: Return, cmd: DeadlineMark, ctx: { now: Date }): MarkChange => {
  const deadline = markedDeadline(ret, cmd, 'remindedAt');
  return {
    to: ret.status,
    patch: { nextDeadline: { ...deadline, remindedAt: ctx.now.toISOString() } },
    note: `the seller was reminded to ${ACTION_WORDS[deadline.action]} by ${deadline.dueAt} (${deadline.rule.id})`,
    data: dataOf(deadline),
  };
};

/** Only once the date has passed: an early sweep must not call a return overdue. */
export const markOverdue = (ret: Return, cmd: DeadlineMark, ctx: { now: Date }): MarkChange => {
  const deadline = markedDeadline(ret, cmd, 'overdueAt');
  if (ctx.now.getTime() <= Date.parse(deadline.dueAt)) throw new IllegalTransitionError(ret.status, cmd.type);
  return {
    to: ret.status,
    patch: { nextDeadline: { ...deadline, overdueAt: ctx.now.toISOString() } },
    note: `overdue: ${ACTION_WORDS[deadline.action]} was due by ${deadline.dueAt} (${deadline.rule.id})`,
    data: dataOf(deadline),
  };
};
