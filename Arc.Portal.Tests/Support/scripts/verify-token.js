// An independent verifier of vehicle access tokens, as a vehicle does it: Node's own crypto, no .NET involved.
// Usage: node verify-token.js <token-file> <base64 trusted key> ; prints "valid <vin>" or "invalid".
const crypto = require("crypto");
const fs = require("fs");
const [tokenFile, trustedKey] = process.argv.slice(2);
const token = fs.readFileSync(tokenFile, "utf8");
const delimiter = "\n====SIGNATURE====\n";
const at = token.lastIndexOf(delimiter);
if (at < 0) { console.log("invalid"); process.exit(0); }
const payload = token.slice(0, at);
const signature = Buffer.from(token.slice(at + delimiter.length), "base64");
const point = Buffer.from(trustedKey, "base64");
const key = crypto.createPublicKey({
  key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url") },
  format: "jwk",
});
const ok = signature.length === 64 &&
  crypto.verify("sha256", Buffer.from(payload, "utf8"), { key, dsaEncoding: "ieee-p1363" }, signature);
if (!ok) { console.log("invalid"); process.exit(0); }
console.log("valid " + JSON.parse(payload).vin);
