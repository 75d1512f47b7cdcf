import { readdirSync, readFileSync } from "node:fs";

// A command outlives a Sitrep process that crashed (SIGKILL, OOM): it runs in its own process
// group, which nobody stops. Each command carries SITREP_ACTION_RUN=<run id> in its environment,
// so when the run is found interrupted, the sweep on the same host finds what is left of it in
// /proc and stops those process groups. A process without the marker is never touched. Linux
// only; elsewhere nothing is found.

export const RUN_MARKER = "SITREP_ACTION_RUN";

function markedRun(pid: string, wanted: Set<string>): string | null {
  try {
    const vars = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
    const marker = vars.find((v) => v.startsWith(`${RUN_MARKER}=`));
    const id = marker?.slice(RUN_MARKER.length + 1);
    return id && wanted.has(id) ? id : null;
  } catch {
    return null; // gone meanwhile, or not ours to read
  }
}

function groupOf(pid: string): number | null {
  try {
    // "pid (comm) state ppid pgrp …": comm may hold spaces or parentheses, so split after the last ")"
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    return pgrp > 1 ? pgrp : null;
  } catch {
    return null;
  }
}

/** Kills the process groups left by the commands of these runs; returns how many groups. */
export function stopOrphanedCommands(runIds: string[]): number {
  if (process.platform !== "linux" || !runIds.length) return 0;
  const wanted = new Set(runIds);
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return 0;
  }
  const groups = new Set<number>();
  for (const pid of pids) {
    if (markedRun(pid, wanted)) {
      const group = groupOf(pid);
      if (group && group !== process.pid) groups.add(group);
    }
  }
  for (const group of groups) {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  }
  return groups.size;
}
