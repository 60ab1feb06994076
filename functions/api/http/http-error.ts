import { NamedError, type FieldIssue } from '../../../domain/errors.js';

/** An error the edge shows the caller as it is: a 4xx with a stable problem type. */
export class HttpError extends NamedError {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    detail: string,
    readonly issues?: FieldIssue[],
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, issues: FieldIssue[]): HttpError =>
  new HttpError(400, 'validation-error', 'Your request is not valid', detail, issues);
