// The parts of undici Herald uses: its dispatchers (Agent, Pool, the proxy agents) and their
// `request`. undici's index also loads fetch, WebSocket, its mocks and caches, and its cookies
// module reads globalThis.Headers, which on Node ≥ 22 loads Node's own copy of undici: about 110
// modules and Node's dns, zlib, perf_hooks, worker_threads and web streams, where these need 36.
// Imported by path (undici has no exports map); the types are undici's own (undici-parts.d.ts).
/// <reference path="./undici-parts.d.ts" />
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import Pool from 'undici/lib/dispatcher/pool.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import api from 'undici/lib/api/index.js';

// What undici's index does: every dispatcher gets request(), stream(), pipeline()…
Object.assign(Dispatcher.prototype, api);

export { Agent, EnvHttpProxyAgent, Pool, ProxyAgent };
