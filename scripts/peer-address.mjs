// Loaded with `node --import` into the Next server (scripts/start.ts, dev.ts, e2e.ts): Next 16 gives
// route handlers and server actions no socket address, and sets X-Forwarded-For from the socket only
// when the client sent none. This writes the socket's address into a header of our own, over any value
// the client sent, so lib/auth/client-ip.ts can trust it.
import http from "node:http";

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === "request") args[0].headers["x-atlas-peer-address"] = args[0].socket?.remoteAddress ?? "unknown";
  return emit.call(this, event, ...args);
};
