// The app is client-rendered: the Hono server serves build/ and falls back to build/200.html for
// every path, and all data comes from the API at run time (nothing to prerender or render on a server).
export const ssr = false;
export const prerender = false;
