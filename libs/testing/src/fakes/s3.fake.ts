import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { closeServer, listenOnLoopback } from './loopback-server';

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * S3 for the tests, path-style (`/<bucket>/<key>`), as MinIO and other S3-compatible stores are addressed: PUT, GET
 * and DELETE of objects, in memory. Every request must carry a valid AWS Signature Version 4 for the fake's keys
 * (recomputed with the SDK's own signer) and a body that matches its signed SHA-256, or it is refused as S3 refuses
 * it (403 SignatureDoesNotMatch / InvalidAccessKeyId, XML error bodies). `down` makes it answer 503 SlowDown.
 */
export class S3Fake {
  static readonly ACCESS_KEY_ID = 'JANSETUTESTACCESSKEY';
  static readonly SECRET_ACCESS_KEY = 'jansetu-test-secret-access-key-0123456789';
  readonly objects = new Map<string, Buffer>();
  readonly calls: { method: string; path: string; status: number }[] = [];
  down = false;
  private server?: Server;
  private port = 0;

  constructor(readonly buckets: string[] = ['jansetu-media']) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    ({ server: this.server, port: this.port } = await listenOnLoopback((req, res) => void this.handle(req, res)));
    return this;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.endpoint);
    const [, bucket, ...rest] = url.pathname.split('/');
    const key = decodeURIComponent(rest.join('/'));
    const answer = (status: number, code?: string, payload?: Buffer) => {
      this.calls.push({ method: req.method ?? '', path: url.pathname, status });
      if (code) {
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
      } else {
        res.writeHead(status, payload ? { 'content-length': payload.length, etag: etagOf(payload) } : {});
        res.end(payload);
      }
    };
    if (this.down) return answer(503, 'SlowDown');
    const refusal = await this.refusal(req, url, body);
    if (refusal) return answer(403, refusal);
    if (!this.buckets.includes(bucket)) return answer(404, 'NoSuchBucket');
    const name = `${bucket}/${key}`;
    if (req.method === 'PUT') {
      this.objects.set(name, body);
      res.setHeader('etag', etagOf(body));
      return answer(200);
    }
    if (req.method === 'GET') {
      const object = this.objects.get(name);
      return object ? answer(200, undefined, object) : answer(404, 'NoSuchKey');
    }
    if (req.method === 'DELETE') {
      this.objects.delete(name);
      return answer(204);
    }
    return answer(405, 'MethodNotAllowed');
  }

  /** Why S3 would refuse the request's signature, or undefined when it holds. */
  private async refusal(req: IncomingMessage, url: URL, body: Buffer): Promise<string | undefined> {
    const match = AUTH.exec(req.headers.authorization ?? '');
    if (!match) return 'AccessDenied';
    const [, accessKeyId, , region, signedHeaders, signature] = match;
    if (accessKeyId !== S3Fake.ACCESS_KEY_ID) return 'InvalidAccessKeyId';
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== createHash('sha256').update(body).digest('hex')) {
      return 'XAmzContentSHA256Mismatch';
    }
    const names = signedHeaders.split(';');
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey: S3Fake.SECRET_ACCESS_KEY },
      region,
      service: 's3',
      sha256: Hash.bind(null, 'sha256'),
      uriEscapePath: false,
      applyChecksum: false,
    });
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const signed = await signer.sign(
      {
        method: req.method ?? 'GET',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(names.map((h) => [h, String(req.headers[h] ?? '')])),
        body,
      },
      { signingDate: fromAmzDate(amzDate), signableHeaders: new Set(names) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
    const ok = expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));
    return ok ? undefined : 'SignatureDoesNotMatch';
  }
}

function etagOf(bytes: Buffer): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}

/** 20261207T234500Z → the Date it names. */
function fromAmzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return new Date(0);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
