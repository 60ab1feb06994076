import { NamedError } from '../../domain/errors.js';

/** A label API could not be reached or failed on its side; the pipeline retries, then asks a human. */
export class CarrierUnavailableError extends NamedError {}
