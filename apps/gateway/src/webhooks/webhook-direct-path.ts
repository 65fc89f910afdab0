import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { TLSSocket } from 'node:tls';
import { Logger } from '@nestjs/common';
import { WebhookAnswer, WebhookIntake } from './webhook-intake';

/** The providers' POST routes and the webhook each one is (the controller declares the same, for /docs). */
const ROUTES: Readonly<Record<string, string>> = {
  '/webhooks/twilio/sms': 'twilio-sms',
  '/webhooks/twilio/whatsapp': 'twilio-whatsapp',
  '/webhooks/twilio/status': 'twilio-status',
  '/webhooks/whatsapp': 'meta-whatsapp',
  '/webhooks/telegram': 'telegram',
  '/webhooks/dlt/sms': 'dlt-sms',
};

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Provider webhooks straight from node:http to the intake, in front of Express. They are the gateway's busiest
 * calls (each message sent brings back two or three receipts), and in the profile Express's router, the body and
 * cookie parsers, Nest's pipeline and the request log cost about four times the webhook's own work (bench/README.md).
 * Only a call this path can answer exactly as the controller would is taken: a POST to a configured provider's
 * route with a Content-Length within the limit. Anything else (another method, a route that is off, a body too
 * large or of unannounced length) goes on to Express unread, so its answers (404 with the reason, 413) stay one.
 */
export function serveWebhooksDirectly(server: Server, intake: WebhookIntake, limitBytes: number): void {
  const logger = new Logger('Webhooks');
  const express = server.listeners('request') as Listener[];
  server.removeAllListeners('request');
  const onward: Listener = (req, res) => {
    for (const listener of express) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const route = req.method === 'POST' ? ROUTES[path] : undefined;
    const length = Number(req.headers['content-length'] ?? NaN);
    if (!route || !(length >= 0 && length <= limitBytes) || !intake.isOn(route)) return onward(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const call = {
        method: 'POST',
        url,
        headers: req.headers,
        rawBody: Buffer.concat(chunks),
        protocol: req.socket instanceof TLSSocket ? 'https' : 'http',
      };
      intake.take(route, call).then(
        (answer) => {
          if (answer.status >= 400) logger.warn(`POST ${path} ${answer.status}: ${answer.reason ?? ''}`);
          else logger.debug(`POST ${path} ${answer.status}`);
          send(res, answer);
        },
        (e: Error) => {
          logger.error(`POST ${path} failed: ${e.message}`, e.stack);
          send(res, {
            status: 500,
            contentType: 'application/json; charset=utf-8',
            body: JSON.stringify({ statusCode: 500, message: 'Internal server error' }),
          });
        },
      );
    });
  });
}

function send(res: ServerResponse, answer: WebhookAnswer): void {
  res.writeHead(answer.status, {
    'content-type': answer.contentType,
    'content-length': Buffer.byteLength(answer.body),
  });
  res.end(answer.body);
}
