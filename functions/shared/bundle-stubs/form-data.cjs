'use strict';
const notBundled = require('./not-bundled.cjs');

/**
 * Bundled in place of form-data: superagent builds multipart bodies with it for `.attach()` and
 * `.field()`, which no EasyPost call makes (they send JSON). superagent only tests `instanceof` it
 * otherwise, which a class answers without being constructed.
 */
module.exports = class FormData {
  constructor() {
    throw notBundled('form-data', 'a multipart request body (superagent .attach/.field)');
  }
};
