/**
 * Which methods a path answers, from the routes an app registered: a client that sends PUT where only POST
 * is served is told 405 with the methods that are (an Allow header, RFC 9110 §15.5.6), not that nothing is
 * there. Only the rare wrong request pays for the lookup; the table is built once, when the app is.
 */
interface Route {
  method: string;
  path: string;
}

export function methodsByPath(routes: readonly Route[]): (path: string) => string[] {
  const table: { pattern: RegExp; method: string }[] = [];
  for (const route of routes) {
    // Middleware (app.use) is registered for ALL methods and a wildcard; only real endpoints count.
    if (route.method === 'ALL' || route.path.includes('*')) continue;
    const source = route.path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    table.push({ pattern: new RegExp(`^${source}/?$`), method: route.method });
  }
  return (path) => {
    const methods = new Set(table.filter((entry) => entry.pattern.test(path)).map((entry) => entry.method));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods];
  };
}
