import { IncomingMessage, Server, ServerResponse, STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';

const REASONS: Record<number, string> = {
  431: 'the request line or headers are too large (a URL of at most 16 kB) / अनुरोध का पता या हेडर बहुत बड़ा है',
  400: 'the request is not valid HTTP / अनुरोध मान्य HTTP नहीं है',
  408: 'the request took too long to arrive / अनुरोध आने में बहुत देर हुई',
};

/**
 * Requests Node refuses before Express sees them (a URL beyond the 16 kB header limit, malformed HTTP) get the same
 * JSON reason as every other 4xx, instead of Node's empty 431 or 400.
 */
export function answerClientErrors(server: Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser keeps failing on each further chunk of a request it already refused: that socket has its answer
    // and is being drained; destroying it now would reset the connection under the client still writing.
    if (answered.has(socket)) return;
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    answered.add(socket);
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ statusCode: status, error: 'bad_request', message: REASONS[status] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    // Keep reading (and dropping) what the client is still sending for a moment, so it can finish and read the
    // answer; closing at once would reset the connection under a client still writing a huge URL.
    socket.on('data', () => undefined);
    socket.resume();
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  });
}

const DRAIN_MS = 2000;
const TOO_LARGE = 'the body is larger than 100 kB / अनुरोध का मुख्य भाग 100 kB से बड़ा है';

/**
 * A body announced larger than the limit is refused without being kept: its bytes are read and dropped, and the 413
 * (the same JSON reason as every 4xx) is sent once the whole body has arrived, so the connection is still usable and
 * the client, still writing, reads the answer instead of a reset. Answering mid-body made Node close the socket under
 * the client's unread bytes, which the client sees as ECONNRESET. A client that does not finish within
 * BODY_DRAIN_MS gets the 413 then and the connection is closed. Bodies without a Content-Length still meet
 * body-parser's limit.
 */
export function refuseOversizedBodies(limitBytes: number) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (!(length > limitBytes)) return next();
    const body = JSON.stringify({ statusCode: 413, error: 'payload_too_large', message: TOO_LARGE });
    const answer = (complete: boolean): void => {
      clearTimeout(timer);
      if (res.headersSent) return;
      res.writeHead(413, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        ...(complete ? {} : { connection: 'close' }),
      });
      res.end(body);
    };
    const timer = setTimeout(() => answer(false), BODY_DRAIN_MS);
    timer.unref();
    req.on('end', () => answer(true));
    req.on('error', () => answer(false));
    req.resume();
  };
}

const BODY_DRAIN_MS = 10_000;
