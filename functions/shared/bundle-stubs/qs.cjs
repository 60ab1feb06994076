'use strict';
const notBundled = require('./not-bundled.cjs');

/**
 * Bundled in place of qs (with side-channel, object-inspect and get-intrinsic, about 50 KB): superagent
 * encodes every request's query parameters with it, and the EasyPost SDK's calls here pass none (its GET
 * reads a shipment by its path), so it is asked to encode an empty object, which is the empty string.
 */
module.exports = {
  stringify(object) {
    const names = Object.keys(object ?? {}).filter((name) => object[name] !== undefined);
    if (names.length > 0) throw notBundled('qs', `encoding the query parameters ${names.join(', ')}`);
    return '';
  },
  parse() {
    throw notBundled('qs', 'parsing a form-encoded response');
  },
};
