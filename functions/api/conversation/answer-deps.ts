import { labels } from '../../shared/dependencies/carrier.js';
import { pipeline } from '../../shared/dependencies/pipeline.js';
import { conversationDeps } from './conversation-deps.js';

/** Besides: what answering an offer may need (a keepItem acceptance restarts the run and voids the label). */
export const answerDeps = { ...conversationDeps, pipeline, labels };
