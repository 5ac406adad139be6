// The length-prefixed gRPC framing broken in each way the wire allows, and headers a gRPC server
// must refuse (sent with support/raw-grpc.ts).
import type { OutgoingHttpHeaders } from 'node:http2';
import { frame } from '../support/raw-grpc.js';

/** The malformed requests, each with a name for the test table. */
export function malformedRequests(
  validBody: Buffer,
  stringField: number,
): Array<[string, Buffer, OutgoingHttpHeaders]> {
  // A length-delimited field's key is a varint of (number << 3 | 2).
  const key: number[] = [];
  for (let v = (stringField << 3) | 2; ; v >>>= 7) {
    if (v < 0x80) {
      key.push(v);
      break;
    }
    key.push((v & 0x7f) | 0x80);
  }
  const badUtf8 = Buffer.from([...key, 0x02, 0xc3, 0x28]);
  const garbage = Buffer.from('ffffffffffffffffff0a03616263', 'hex');
  return [
    ['garbage protobuf bytes', frame(garbage), {}],
    ['a field tag with wire type 7', frame(Buffer.from([0x0f, 0x01])), {}],
    ['a string field longer than the message', frame(Buffer.from([0x12, 0x7f, 0x61])), {}],
    ['invalid UTF-8 in a string field', frame(badUtf8), {}],
    [
      'a length prefix longer than the body',
      frame(validBody, { declared: validBody.length + 100 }),
      {},
    ],
    ['a huge declared length', frame(validBody, { declared: 0xffffffff }), {}],
    ['a truncated frame header', Buffer.from([0, 0, 0]), {}],
    ['two messages on a unary call', Buffer.concat([frame(validBody), frame(validBody)]), {}],
    ['an empty request stream', Buffer.alloc(0), {}],
    ['compressed flag without grpc-encoding', frame(validBody, { flag: 1 }), {}],
    [
      'compressed flag with a bad gzip body',
      frame(garbage, { flag: 1 }),
      { 'grpc-encoding': 'gzip' },
    ],
    ['an unknown grpc-encoding', frame(validBody, { flag: 1 }), { 'grpc-encoding': 'brotli-x' }],
    ['a wrong content-type', frame(validBody), { 'content-type': 'application/json' }],
    ['a malformed grpc-timeout', frame(validBody), { 'grpc-timeout': 'soon' }],
  ];
}
