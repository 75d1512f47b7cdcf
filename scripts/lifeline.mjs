// A child started by scripts/start.mjs or scripts/test.mjs gets stdin as a pipe whose other end
// its parent holds: EOF means the parent died (even by SIGKILL), and the child must not outlive
// it. A terminal or /dev/null stdin is no lifeline and is left alone.
import fs from "node:fs";

export function watchParentPipe(onEof) {
  let st;
  try { st = fs.fstatSync(0); } catch { return; }
  if (!st.isFIFO() && !st.isSocket()) return;
  process.stdin.on("error", () => {});
  process.stdin.on("data", () => {}); // discard; only EOF matters
  process.stdin.on("end", onEof);
  process.stdin.on("close", onEof);
}
