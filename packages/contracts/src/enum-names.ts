// How a proto enum value reads in JavaScript, JSON and events: its name
// without the enum's prefix, lower-cased (SimStatus.SIM_STATUS_NOT_AVAILABLE
// is "not_available"); the zero value (…_UNSPECIFIED) is "", the contracts'
// "none". The generated value lists and the gRPC kits' conversion both
// follow this one rule.

/** `SimStatus` → `SIM_STATUS_`. */
function prefixOf(enumName: string): string {
  return `${enumName.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}_`;
}

export function enumValueName(enumName: string, protoName: string, number: number): string {
  if (number === 0) return "";
  const prefix = prefixOf(enumName);
  if (!protoName.startsWith(prefix)) {
    throw new Error(`enum ${enumName}: value ${protoName} does not start with ${prefix}`);
  }
  return protoName.slice(prefix.length).toLowerCase();
}
