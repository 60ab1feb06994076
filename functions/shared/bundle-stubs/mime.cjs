'use strict';
const notBundled = require('./not-bundled.cjs');

/**
 * Bundled in place of mime 2 (36 KB, the whole media-type database): superagent defines one name with it
 * when loaded, and looks names up only for `.type()` and `.accept()` with a short name, which the
 * EasyPost SDK never calls (it sets `Content-Type: application/json` itself).
 */
module.exports = {
  define() {},
  getType(name) {
    throw notBundled('mime', `the media type of "${name}" (superagent .type/.accept with a short name)`);
  },
};
