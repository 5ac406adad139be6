// Text that goes into HTTP/2 trailers. grpc-js (like every gRPC library) refuses a text metadata
// value outside printable ASCII, and an exception there used to take the whole process down, so
// everything we put in a trailer passes through here first.

const encoder = new TextEncoder();

/** `text` cut to at most `maxBytes` UTF-8 bytes, on a code point boundary, marked when cut. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  const marker = '...';
  let kept = '';
  let bytes = 0;
  for (const char of text) {
    const size = encoder.encode(char).length;
    if (bytes + size > maxBytes - marker.length) break;
    kept += char;
    bytes += size;
  }
  return kept + marker;
}

/**
 * Percent-encodes every UTF-8 byte outside printable ASCII (0x20-0x7E), '%' itself and ',': the
 * encoding gRPC specifies for grpc-message
 * (https://github.com/grpc/grpc/blob/master/doc/PROTOCOL-HTTP2.md#responses), so a client decodes
 * both the same way (decodeURIComponent in JavaScript), plus the comma, because HTTP/2 peers may
 * join repeated trailers into one comma-separated value (Node and grpc-js do).
 */
export function percentEncode(text: string): string {
  let out = '';
  for (const byte of encoder.encode(text)) {
    out +=
      byte >= 0x20 && byte <= 0x7e && byte !== 0x25 && byte !== 0x2c
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
