// Signs a request with the aws4 package (an independent SigV4 implementation) and prints the Authorization header.
// Usage: node aws4-sign.js <json: {host, method, path, body, headers, service, region, accessKeyId, secretAccessKey}>
const path = require("path");
const aws4 = require(path.join(process.env.ARC_TOOLS || "tools", "node_modules", "aws4"));
const input = JSON.parse(process.argv[2]);
const request = { host: input.host, method: input.method, path: input.path, headers: input.headers, service: input.service, region: input.region };
if (input.body !== null && input.body !== undefined) request.body = input.body;
aws4.sign(request, { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey });
console.log(request.headers.Authorization);
