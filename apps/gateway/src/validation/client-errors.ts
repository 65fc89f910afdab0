import { Server, STATUS_CODES } from 'node:http';
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
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'HPE_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify({ statusCode: status, error: 'bad_request', message: REASONS[status] });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
