// Serves local-aws-sqs (a library, not a command) on 127.0.0.1 for development and the tests: a stand-in for Amazon SQS
// that speaks the JSON protocol AWSSDK.SQS 4 uses. Usage: PORT=9324 node tools/sqs-peer.mjs
//
// One correction sits between the two: when a ReceiveMessage finds nothing, local-aws-sqs 2.0.2 answers 200 with no body
// at all, which the .NET SDK refuses to parse ("does not contain any JSON tokens"). Real SQS sends an empty JSON object,
// so that is what an empty successful JSON answer becomes here. Doing it here keeps the portal free of test-only code.
import { createServer } from "node:http";
import { createRequestHandler } from "local-aws-sqs";

const host = "127.0.0.1";
const port = Number(process.env.PORT ?? process.env.SQS_PORT ?? 9324);

// The handler builds queue URLs from this port, so it must be the one listened on. Queue names are reusable at once after
// a delete (the 60 s wait real SQS imposes only slows tests down).
const { requestHandler } = createRequestHandler({ port, hostname: host, emulateQueueCreationLifecycle: false });

const server = createServer((request, response) => {
  const speaksJson = request.headers["content-type"] === "application/x-amz-json-1.0";
  const end = response.end.bind(response);
  response.end = (body, ...rest) => {
    const empty = body === undefined || body === null || body === "" || typeof body === "function";
    if (speaksJson && response.statusCode === 200 && empty)
      return end("{}", ...(typeof body === "function" ? [body, ...rest] : rest));
    return end(body, ...rest);
  };
  requestHandler(request, response);
});

server.listen(port, host, () => console.log(`local-aws-sqs ready on http://${host}:${port}`));

const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
