/** The HTTP API and dashboard server: createApp() for a store, startServer() to listen. */
export { ApiError, createApp, DEFAULT_MAX_BODY, SECURITY_HEADERS, sameToken } from './app.js';
export type { AppOptions, CasusApp } from './app.js';
export { openApiDocument } from './openapi.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
