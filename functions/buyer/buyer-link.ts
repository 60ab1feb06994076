import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { openOffer } from '../../domain/lifecycle-offers.js';
import { messageOfLink, offerOfLink, type LinkClaims } from '../../domain/link-token.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Return } from '../../domain/return.js';
import { answerDeps } from '../api/conversation/answer-deps.js';
import { answerOffer } from '../use-cases/answer-offer.js';
import { readLink } from '../use-cases/link-tokens.js';
import { replyByLink } from '../use-cases/post-message.js';
import { logger } from '../shared/observability.js';
import { parseLinkForm, type LinkForm } from './link-form.js';
import { donePage, offerPage, replyPage } from './link-pages.js';
import { inBuyersLanguage, pageEdge, pageResult } from './page-edge.js';

const { returns, clock, links } = answerDeps;

/** The token's return: the link names the seller and the return, under the MAC. */
const returnOf = async (claims: LinkClaims): Promise<Return> => {
  const ret = await returns.get(claims.sellerId, claims.returnId);
  if (!ret) throw new NotFoundError('the return of this link');
  return ret;
};

/**
 * GET: the page the link opens. It only reads: the MAC is checked (KMS VerifyMac), then the link must
 * name an offer still open or a message not yet answered, and the page shows it with one button. A
 * mail scanner that follows the link changes nothing.
 */
const show = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const token = event.queryStringParameters?.token;
  const claims = await readLink(links, token, clock.now());
  const ret = await returnOf(claims);
  if (claims.purpose === 'MESSAGE_REPLY')
    return pageResult(200, replyPage(ret, messageOfLink(ret, claims), token!));
  const offer = offerOfLink(ret, claims);
  openOffer(ret, offer.offerId, clock.now());
  return pageResult(200, offerPage(ret, offer, claims, token!));
};

/**
 * POST: the button. The token comes again in the form and is checked again; the action it grants is
 * decided on the latest return and written once (a replayed or raced link is refused: see the use cases).
 */
const act = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const form = parseLinkForm(event);
  const claims = await readLink(links, form.token, clock.now());
  logger.appendKeys({ returnId: claims.returnId, purpose: claims.purpose });
  const { buyer } = await returnOf(claims);
  return inBuyersLanguage(buyer.locale, () => answer(event, form, claims));
};

const answer = async (
  event: APIGatewayProxyEvent,
  form: LinkForm,
  claims: LinkClaims,
): Promise<APIGatewayProxyResult> => {
  if (claims.purpose === 'MESSAGE_REPLY') {
    if (form.body === undefined) {
      throw new ValidationError('a reply needs its text', [{ field: 'body', rule: 'is required' }]);
    }
    const { ret } = await replyByLink(answerDeps, claims, form.body);
    return pageResult(200, donePage(ret, 'replied'));
  }
  if (form.body !== undefined) {
    throw new ValidationError('an offer takes no text', [{ field: 'body', rule: 'must be absent' }]);
  }
  const accept = claims.purpose === 'OFFER_ACCEPT';
  const { ret } = await answerOffer(
    answerDeps,
    claims.sellerId,
    claims.returnId,
    claims.target,
    accept ? 'ACCEPT' : 'DECLINE',
    {
      via: 'LINK',
      correlationId: event.requestContext.requestId,
      check: (current) => void offerOfLink(current, claims),
    },
  );
  return pageResult(200, donePage(ret, accept ? 'accepted' : 'declined'));
};

/**
 * GET and POST /v1/buyer/links: the buyer's pages. No API key: the signed link is the only authority,
 * and it grants one action on one return. Every refusal is a page with a 4xx (page-edge.ts), and
 * nothing is written.
 */
export const handler = pageEdge((event) => (event.httpMethod === 'POST' ? act(event) : show(event)));
