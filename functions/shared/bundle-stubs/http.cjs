'use strict';

/**
 * Bundled in place of `http` (infra/constructs/lambda-bundling.ts): Node's own module, unchanged, but
 * required when the module that imports it is evaluated, not at the bundle's start. The Stripe SDK's
 * ES module build imports `http` at the top of its HTTP client, for plain-http hosts (the local
 * stand-in); Stripe's API is https. An ES module bundle hoists every import of a built-in to its top,
 * so node:http (with its server half, the costliest built-in to load; with the SDK's deferred
 * evaluation, about 15% of a Stripe function's cold start) would load at every cold start, though the
 * SDK itself is loaded on the first payment or webhook. Through this file it loads with the SDK.
 * superagent and its `methods` package (the EasyPost SDK's, loaded on first use too) require it through
 * this file as well.
 */
module.exports = require('node:http');
