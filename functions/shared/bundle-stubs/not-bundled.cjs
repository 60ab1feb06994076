'use strict';
/**
 * The error a stub bundled in place of an unused module throws when it is reached after all
 * (infra/constructs/lambda-bundling.ts lists the stubs and why each module is unused).
 */
module.exports = (moduleName, what) =>
  new Error(
    `${moduleName} is not in this Lambda bundle: ${what} was never used by these functions, so ` +
      `infra/constructs/lambda-bundling.ts replaces it with a stub. Remove the alias to use it.`,
  );
