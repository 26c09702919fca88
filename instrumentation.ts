// Next runs register() once when a server process starts: `npm start` runs a job worker here, in
// the app process, unless ATLAS_WORKER=off (for setups that run `npm run worker` on their own).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.ATLAS_WORKER === "off") return;
  const { startAppWorker } = await import("./lib/jobs/app-worker");
  await startAppWorker();
}
