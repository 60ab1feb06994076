/** Han, kana, CJK punctuation and full-width forms: scripts written without spaces between words. */
const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * Joins address parts written largest first (region, city, street), as Chinese and Japanese write them:
 * "東京都千代田区丸の内" stays one run, while Latin-script parts keep a separator ("NV, Reno, 500 Warehouse
 * Way"), so a foreign address never runs together.
 */
export const joinLargestFirst = (parts: readonly (string | undefined)[]): string =>
  parts
    .filter((p): p is string => Boolean(p?.trim()))
    .reduce((joined, part) => {
      if (!joined) return part;
      const cjkSeam = CJK.test(joined.at(-1)!) && CJK.test(part[0]!);
      return `${joined}${cjkSeam ? '' : ', '}${part}`;
    }, '');
