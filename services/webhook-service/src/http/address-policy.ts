// Which addresses a webhook may reach (API.md, "Targets"): public unicast
// only. Loopback, private, shared (CGNAT), link-local (169.254.0.0/16, the
// cloud metadata address among them; fe80::/10), unique-local, multicast,
// unspecified, documentation and reserved ranges are refused, as are
// IPv4-mapped / NAT64 / 6to4 IPv6 forms that would smuggle one of those in.
// WEBHOOK_ALLOWED_CIDRS opens chosen ranges for development (pnpm start opens
// 127.0.0.0/8); link-local stays refused whatever is opened.
import { BlockList, isIP } from "node:net";

const refusedV4: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "shared (CGNAT)"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "reserved"],
  ["192.0.2.0", 24, "documentation"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];

const refusedV6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["::ffff:0:0", 96, "IPv4-mapped"],
  ["64:ff9b::", 96, "NAT64"],
  ["100::", 64, "discard"],
  ["2001:db8::", 32, "documentation"],
  ["2002::", 16, "6to4"],
  ["fc00::", 7, "unique-local"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

/** Refused whatever WEBHOOK_ALLOWED_CIDRS opens. */
const linkLocal = { ipv4: subnet("169.254.0.0", 16, "ipv4"), ipv6: subnet("fe80::", 10, "ipv6") };

export class AddressRefusedError extends Error {
  override name = "AddressRefusedError";
  readonly code = "WEBHOOK_ADDRESS_REFUSED";
}

export interface AddressPolicy {
  /** Why the address may not be reached, or undefined when it may. */
  refusal(address: string): string | undefined;
}

/** Parses "10.1.0.0/16, fd00::/8"; throws naming the first bad entry. */
export function parseCidrs(text: string): { address: string; prefix: number; family: "ipv4" | "ipv6" }[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [address = "", prefixText] = entry.split("/");
      const version = isIP(address);
      const max = version === 6 ? 128 : 32;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (version === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > max) {
        throw new Error(`"${entry}" is not a CIDR range such as 127.0.0.0/8`);
      }
      return { address, prefix, family: version === 6 ? ("ipv6" as const) : ("ipv4" as const) };
    });
}

export function createAddressPolicy(allowedCidrs: string): AddressPolicy {
  // A BlockList matches IPv4 addresses against IPv6 rules in their mapped
  // form (::ffff:0:0/96 would hold every IPv4 address), so each rule is only
  // ever checked against addresses of its own family.
  const allowed = parseCidrs(allowedCidrs).map((range) => ({
    family: range.family,
    list: subnet(range.address, range.prefix, range.family),
  }));
  const refused = [
    ...refusedV4.map(([address, prefix, why]) => ({
      family: "ipv4",
      list: subnet(address, prefix, "ipv4"),
      why,
    })),
    ...refusedV6.map(([address, prefix, why]) => ({
      family: "ipv6",
      list: subnet(address, prefix, "ipv6"),
      why,
    })),
  ];
  return {
    refusal(address) {
      const version = isIP(address);
      if (version === 0) return `${address} is not an IP address`;
      const family = version === 6 ? "ipv6" : "ipv4";
      if (linkLocal[family].check(address, family)) return `${address} is link-local`;
      if (allowed.some((range) => range.family === family && range.list.check(address, family)))
        return undefined;
      const hit = refused.find((range) => range.family === family && range.list.check(address, family));
      return hit ? `${address} is ${hit.why}` : undefined;
    },
  };
}

function subnet(address: string, prefix: number, family: "ipv4" | "ipv6") {
  const list = new BlockList();
  list.addSubnet(address, prefix, family);
  return list;
}
