// A vehicle as the npm mqtt package (an MQTT client independent of .NET) connects: MQTT 5, TLS with the identity file's
// certificate and key, or plain. Usage: node mqtt-device.js <json file: {port, tls, clientId, ca?, cert?, key?, username?,
// password?, publish: [{topic, body}], subscribe?, expect?}> ; prints one JSON line saying what happened.
const path = require("path");
const fs = require("fs");
const mqtt = require(path.join(process.env.ARC_TOOLS || "tools", "node_modules", "mqtt"));
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const result = { connected: false, publishes: [], subscribed: null, received: [] };
const finish = (client) => { client.end(true); console.log(JSON.stringify(result)); process.exit(0); };
const client = mqtt.connect({
  protocol: input.tls ? "mqtts" : "mqtt", host: "127.0.0.1", port: input.port, protocolVersion: 5, clientId: input.clientId,
  username: input.username, password: input.password, ca: input.ca, cert: input.cert, key: input.key,
  servername: input.tls ? "localhost" : undefined, reconnectPeriod: 0, connectTimeout: 5000,
});
// A refused TLS handshake closes the socket without an error event, so a close before CONNACK is the answer too.
client.on("close", () => { if (!result.connected) { result.closed = true; finish(client); } });
client.on("error", (e) => { if (!result.connected) { result.error = e.code ?? e.message; finish(client); } });
client.on("message", (topic, payload) => {
  result.received.push({ topic, body: payload.toString("utf8") });
  if (input.expect && result.received.length >= input.expect) finish(client);
});
client.on("connect", async () => {
  result.connected = true;
  if (input.subscribe) {
    const granted = await client.subscribeAsync(input.subscribe, { qos: 1 });
    result.subscribed = granted.map((g) => g.qos);
  }
  for (const p of input.publish ?? []) {
    try {
      const ack = await client.publishAsync(p.topic, p.body, { qos: 1 });
      result.publishes.push({ topic: p.topic, ok: true, reasonCode: ack?.reasonCode ?? 0 });
    } catch (e) {
      result.publishes.push({ topic: p.topic, ok: false, error: e.message, reasonCode: e.code });
    }
  }
  if (input.subscribe && input.expect) {
    setTimeout(() => finish(client), 10000);
  } else {
    finish(client);
  }
});
