// The security headers of every response (Content-Security-Policy, frame and sniffing guards, …), computed
// once by helmet from one configuration rather than on every request.
import helmet, { type HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/** What helmet is asked for: a strict policy for a site that loads everything from itself. */
export const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      manifestSrc: ["'self'"],
      workerSrc: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
  crossOriginEmbedderPolicy: false,
  // Sent by the app, and only over HTTPS: over plain HTTP it means nothing and may not be trusted.
  strictTransportSecurity: false,
};

/**
 * The headers helmet sets with these options, by lower-case name. Nothing in them depends on the
 * request (no nonces), so they are worked out once, on a response that is never sent, and the app copies
 * them onto every reply: helmet as a plugin builds its whole middleware again on every request.
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  let failed: unknown;
  helmet(options)(request, response, (err?: unknown) => {
    failed = err;
  });
  if (failed !== undefined) {
    throw failed instanceof Error ? failed : new Error('helmet refused its options');
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.getHeaders())) {
    if (value !== undefined)
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
