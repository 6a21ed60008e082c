// A client of the shop's bus written only from docs/PROTOCOL.md: signs its requests with the
// platform's bus key, asks the product service for one product and for a product that does not
// exist, sends one request unsigned, asks for the service's description, and prints what it got as
// one JSON object. Usage: node client.mjs <nats url> <product id> <bus signing key>
import { connect, headers } from "nats";
import { createHash, createHmac } from "node:crypto";

const [url, productId, signingKey] = process.argv.slice(2);
const nc = await connect({ servers: url, name: "protocol-client" });

function signature(subject, signedAt, requestId, body) {
  const text = ["v1", subject, signedAt, "", "", requestId, "",
    createHash("sha256").update(body).digest("hex")].join("\n");
  return createHmac("sha256", signingKey).update(text).digest("base64url");
}

async function call(subject, bodyObject, sign = true) {
  const body = JSON.stringify(bodyObject);
  const requestId = "node-client-" + subject;
  const h = headers();
  h.set("Shop-Request-Id", requestId);
  if (sign) {
    const signedAt = String(Date.now());
    h.set("Shop-Signed-At", signedAt);
    h.set("Shop-Signature", signature(subject, signedAt, requestId, body));
  }
  const reply = await nc.request(subject, body, { timeout: 5000, headers: h });
  return {
    status: reply.headers?.get("Shop-Status") || null,
    errorCode: reply.headers?.get("Nats-Service-Error-Code") || null,
    error: reply.headers?.get("Nats-Service-Error") || null,
    body: JSON.parse(reply.string()),
  };
}

const found = await call("product.getById", { id: productId });
const missing = await call("product.getById", { id: "00000000-0000-0000-0000-000000000000" });
const unsigned = await call("product.getById", { id: productId }, false);
const info = JSON.parse((await nc.request("$SRV.INFO.product", "", { timeout: 5000 })).string());
console.log(JSON.stringify({ found, missing, unsigned, info }));
await nc.close();
