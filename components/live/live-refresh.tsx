"use client";
// STUB — replaced by the live-updates work: subscribes to /api/live and calls router.refresh()
// when a change on one of `topics` arrives ("incident:<id>", or "incidents" for any incident).
export function LiveRefresh({ topics }: { topics: string[] }) {
  void topics;
  return null;
}
