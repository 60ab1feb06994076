import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { DEFERRED_BUILTINS, SUPERAGENT_STUBS } from '../../infra/constructs/lambda-bundling.js';

const load = createRequire(import.meta.url);
const stub = (name: keyof typeof SUPERAGENT_STUBS) => load(`../../${SUPERAGENT_STUBS[name].slice(2)}`);
const NOT_BUNDLED = /is not in this Lambda bundle: .+constructs\/lambda-bundling\.ts replaces it with a stub/;

/**
 * The stubs bundled in place of superagent's unused modules do what superagent asks of them on the EasyPost
 * SDK's calls (test/integration/easypost/easypost-bundled.test.ts runs them so), and anything more fails
 * loudly, naming the module and where it is replaced, instead of misbehaving.
 */
describe('bundle stubs', () => {
  it('encode an empty query as the empty string and refuse any parameter', () => {
    const qs = stub('qs');
    expect(qs.stringify({})).toBe('');
    expect(qs.stringify({ skipped: undefined })).toBe('');
    expect(() => qs.stringify({ page_size: 20 })).toThrow(/^qs .*query parameters page_size/);
    expect(() => qs.parse('a=1')).toThrow(NOT_BUNDLED);
  });

  it('let superagent define its form type, and refuse a media type lookup', () => {
    const mime = stub('mime');
    expect(() => mime.define({ 'application/x-www-form-urlencoded': ['form'] }, true)).not.toThrow();
    expect(() => mime.getType('json')).toThrow(NOT_BUNDLED);
  });

  it('answer instanceof for form-data but refuse to build a multipart body', () => {
    const FormData = stub('form-data');
    expect({} instanceof FormData).toBe(false);
    expect(() => new FormData()).toThrow(/^form-data is not in this Lambda bundle/);
    expect(() => stub('formidable').formidable()).toThrow(/^formidable is not in this Lambda bundle/);
  });

  it('make debug loggers that are off and print nothing', () => {
    const log = stub('debug')('superagent');
    expect(log.enabled).toBe(false);
    expect(log('%s', 'x')).toBeUndefined();
  });

  it("give the modules that require http through its file Node's own http module, unchanged", () => {
    expect(load(`../../${DEFERRED_BUILTINS.http.slice(2)}`)).toBe(load('node:http'));
  });
});
