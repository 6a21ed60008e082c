// A client of the shop's bus written only from docs/PROTOCOL.md: asks the product service for one
// product, for a product that does not exist, and for its Services protocol description, then
// prints what it got as one JSON object. Usage: node client.mjs <nats url> <product id>
import { connect, headers } from "nats";

const [url, productId] = process.argv.slice(2);
const nc = await connect({ servers: url, name: "protocol-client" });

async function call(subject, body) {
  const h = headers();
  h.set("Shop-Request-Id", "node-client-" + subject);
  const reply = await nc.request(subject, JSON.stringify(body), { timeout: 5000, headers: h });
  return {
    status: reply.headers?.get("Shop-Status") || null,
    errorCode: reply.headers?.get("Nats-Service-Error-Code") || null,
    error: reply.headers?.get("Nats-Service-Error") || null,
    body: JSON.parse(reply.string()),
  };
}

const found = await call("product.getById", { id: productId });
const missing = await call("product.getById", { id: "00000000-0000-0000-0000-000000000000" });
const info = JSON.parse((await nc.request("$SRV.INFO.product", "", { timeout: 5000 })).string());
console.log(JSON.stringify({ found, missing, info }));
await nc.close();
