// One signed-in GET of a page, read as a browser would: total bytes (uncompressed, as sent with no
// Accept-Encoding), how many of them are React's flight data (the self.__next_f.push scripts),
// and when the first byte, a marker (e.g. the incident header) and the last byte arrived.
import http from "node:http";

const FLIGHT = /<script[^>]*>self\.__next_f\.push\(([\s\S]*?)\)<\/script>/g;

/** The bytes of the flight data inside the HTML (what React needs to hydrate, beside the markup). */
export function flightBytes(html) {
  let bytes = 0;
  for (const m of html.matchAll(FLIGHT)) bytes += Buffer.byteLength(m[1]);
  return bytes;
}

export function fetchPage(url, { cookie, marker }) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - start) / 1e6;
    const chunks = [];
    let firstByteMs = null;
    let markerMs = null;
    let seen = "";
    const req = http.get(url, { headers: { cookie, accept: "text/html" } }, (res) => {
      res.on("data", (c) => {
        firstByteMs ??= since();
        chunks.push(c);
        // Keep a tail so a marker split across two chunks is still found.
        seen = seen.slice(-200) + c.toString("latin1");
        if (marker && markerMs === null && seen.includes(marker)) markerMs = since();
      });
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode, bytes: body.length, html: body.toString("utf8"), firstByteMs, markerMs, totalMs: since() });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}
