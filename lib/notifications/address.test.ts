import { describe, expect, it } from "vitest";
import { classifyHost, parseIPv4 } from "./address";

describe("parseIPv4", () => {
  it("reads every encoding the URL parser and inet_aton accept", () => {
    const loop = 0x7f000001;
    for (const s of ["127.0.0.1", "127.1", "127.0.1", "0x7f000001", "0X7F.1", "2130706433", "0177.0.0.1", "0x7f.0.0.0x1", "017700000001"]) {
      expect(parseIPv4(s), s).toBe(loop);
    }
    expect(parseIPv4("0")).toBe(0);
  });

  it("refuses what is not an IPv4 address", () => {
    for (const s of ["example.com", "1.2.3.4.5", "256.0.0.1", "1..2", "08.0.0.1", "4294967296", "1.2.65536", ""]) expect(parseIPv4(s), s).toBeNull();
  });
});

describe("classifyHost", () => {
  const blocked: [string, string][] = [
    ["127.0.0.1", "loopback"], ["127.1", "loopback"], ["0x7f000001", "loopback"], ["2130706433", "loopback"], ["127.255.255.254", "loopback"],
    ["localhost", "loopback"], ["LOCALHOST.", "loopback"], ["db.localhost", "loopback"],
    ["0.0.0.0", "unspecified"], ["0", "unspecified"], ["0.1.2.3", "unspecified"],
    ["10.0.0.5", "private"], ["172.16.0.1", "private"], ["172.31.255.255", "private"], ["192.168.1.1", "private"], ["0xc0a80101", "private"],
    ["100.64.0.1", "shared (CGNAT)"], ["100.127.255.255", "shared (CGNAT)"],
    ["169.254.169.254", "link-local"], ["2852039166", "link-local"],
    ["224.0.0.1", "multicast"], ["239.255.255.250", "multicast"], ["255.255.255.255", "reserved"],
    ["::1", "loopback"], ["[::1]", "loopback"], ["0:0:0:0:0:0:0:1", "loopback"], ["::", "unspecified"],
    ["[::ffff:127.0.0.1]", "loopback"], ["::ffff:7f00:1", "loopback"], ["::ffff:10.1.2.3", "private"], ["::ffff:a9fe:a9fe", "link-local"],
    ["::127.0.0.1", "loopback"], ["64:ff9b::10.0.0.1", "private"],
    ["fc00::1", "private"], ["fd12:3456::1", "private"], ["fe80::1", "link-local"], ["fe80::1%eth0", "link-local"], ["febf::1", "link-local"],
    ["ff02::1", "multicast"],
  ];
  for (const [host, cls] of blocked) it(`${host} is ${cls}`, () => expect(classifyHost(host)).toBe(cls));

  it("lets public addresses and names through", () => {
    for (const h of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "hooks.slack.com", "2606:4700::1111", "::ffff:8.8.8.8", "localhost.example.com", "fec.example"]) {
      expect(classifyHost(h), h).toBeNull();
    }
  });
});
