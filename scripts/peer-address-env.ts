import path from "node:path";
import { pathToFileURL } from "node:url";

/** The environment for `next start` / `next dev` with scripts/peer-address.mjs preloaded (NODE_OPTIONS reaches Next's child processes too). */
export function withPeerAddress<E extends NodeJS.ProcessEnv>(env: E): E {
  const preload = pathToFileURL(path.join(import.meta.dirname, "peer-address.mjs")).href;
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, `--import=${preload}`].filter(Boolean).join(" ") };
}
