// Kept free of zod so the studio's entry chunk can import them without pulling it in.
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'switchyard_session';
