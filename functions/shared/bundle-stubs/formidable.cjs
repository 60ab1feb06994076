'use strict';
const notBundled = require('./not-bundled.cjs');

/**
 * Bundled in place of formidable (with its hashing and id packages): superagent parses multipart
 * responses with it, and EasyPost answers JSON only.
 */
module.exports = {
  formidable() {
    throw notBundled('formidable', 'parsing a multipart response');
  },
};
