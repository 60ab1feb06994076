/** The logger now lives with the metrics and the tracer; this path stays for existing imports. */
export { logger } from './observability.js';
