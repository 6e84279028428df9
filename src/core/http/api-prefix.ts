/** Where the REST API lives: every route but the pages and the legacy gateway is under /api/v1. */
export const API_PREFIX = 'api/v1';
