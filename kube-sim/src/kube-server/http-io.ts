// Reading requests and writing answers; the one place an ApiError becomes a wire Status.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from './errors.js';

export const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** JSON bodies, and YAML for server-side apply (`application/apply-patch+yaml`). */
export const parseBody = (text: string, contentType: string | undefined): unknown => {
  // Only JSON and YAML are spoken; protobuf and CBOR clients fall back to JSON on 415.
  if (contentType && /protobuf|cbor/.test(contentType) && !contentType.includes('apply-patch')) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: ` +
        'application/json, application/yaml',
    );
  }
  if (text.trim() === '') throw badRequest('the request body is empty');
  try {
    return contentType?.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw badRequest(`the request body could not be decoded: ${String(err)}`);
  }
};

export const sendJson = (res: ServerResponse, code: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
};

export const sendError = (res: ServerResponse, err: unknown): void => {
  const apiError =
    err instanceof ApiError
      ? err
      : new ApiError(500, 'InternalError', `Internal error occurred: ${String(err)}`);
  if (apiError.code === 500) console.error('kube-server: internal error', err);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, apiError.code, apiError.toStatus());
};

export const notFoundPath = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

export const methodNotAllowed = (method: string): ApiError =>
  new ApiError(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource (${method})`,
  );
