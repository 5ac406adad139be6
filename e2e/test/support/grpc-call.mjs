// A separate client process for RPCs the CLI has no command for (ReportOutcome) or whose gRPC
// status code a test must see: `node grpc-call.mjs <address> <token> <Method> '<request JSON>'`.
// Prints the reply in protobuf JSON, or {"code": "UNAVAILABLE", "details": ...} and exits 1.
import { fromJson, toJson } from '@bufbuild/protobuf';
import { status } from '@grpc/grpc-js';
import { createUnaryClient } from '@sluice/api/grpc-client';
import { RouterService } from '@sluice/proto';

const [address, token, method, request] = process.argv.slice(2);
const rpc = RouterService.methods.find((m) => m.name === method);
if (rpc === undefined || address === undefined || request === undefined) {
  process.stderr.write('usage: grpc-call.mjs <address> <token> <RouterService method> <json>\n');
  process.exit(2);
}
const client = createUnaryClient(RouterService, address);
try {
  const reply = await client[rpc.localName](fromJson(rpc.input, JSON.parse(request)), {
    timeoutMs: 10_000,
    metadata: { authorization: `Bearer ${token}` },
  });
  process.stdout.write(`${JSON.stringify(toJson(rpc.output, reply))}\n`);
} catch (error) {
  const { code, details } = /** @type {{ code: number, details: string }} */ (error);
  process.stdout.write(`${JSON.stringify({ code: status[code], details })}\n`);
  process.exitCode = 1;
} finally {
  client.close();
}
