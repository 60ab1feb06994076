import { useEffect, useState } from 'preact/hooks';

/** The console's pages, in the URL's fragment, so any static host serves them without rewrites. */
export type Route =
  { page: 'overview' } | { page: 'returns' } | { page: 'return'; id: string } | { page: 'policy' };

export const hrefOf = (route: Route): string =>
  route.page === 'return' ? `#/returns/${encodeURIComponent(route.id)}` : `#/${route.page}`;

const parse = (hash: string): Route => {
  const [, page, id] = hash.replace(/^#/, '').split('/');
  if (page === 'returns' && id) return { page: 'return', id: decodeURIComponent(id) };
  if (page === 'overview' || page === 'policy') return { page };
  return { page: 'returns' };
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState(() => parse(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
};
