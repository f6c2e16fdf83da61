// The SIMs the benchmarks work on: deterministic from (dataset tag, index),
// so the harness, the load generator and the baselines name the same SIMs
// without passing lists around. ICCIDs are 19 digits with a valid Luhn check
// digit; IMSIs and MSISDNs are unique per SIM (the IMSI index is unique).

import { once } from "node:events";
import { createWriteStream } from "node:fs";

export function luhnCheckDigit(digits: string): number {
  let sum = 0;
  let double = true;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/** Two-digit tags keep the datasets of one run apart. */
export const DATASET = { pool: 1, bulk: 2 } as const;

function tag(dataset: number): string {
  return String(dataset).padStart(2, "0");
}

export function iccidOf(dataset: number, index: number): string {
  const body = `8949${tag(dataset)}${String(index).padStart(12, "0")}`;
  return `${body}${luhnCheckDigit(body)}`;
}

export function imsiOf(dataset: number, index: number): string {
  return `26201${tag(dataset)}${String(index).padStart(8, "0")}`;
}

export function msisdnOf(dataset: number, index: number): string {
  return `491${tag(dataset)}${String(index).padStart(8, "0")}`;
}

const CSV_HEADER = "iccid,imsi,msisdn\n";

function csvLine(dataset: number, index: number): string {
  return `${iccidOf(dataset, index)},${imsiOf(dataset, index)},${msisdnOf(dataset, index)}\n`;
}

/** CSV rows [start, start + count) of a dataset, as one string (small batches only). */
export function csvText(dataset: number, start: number, count: number, header = true): string {
  const lines: string[] = header ? [CSV_HEADER] : [];
  for (let i = start; i < start + count; i++) lines.push(csvLine(dataset, i));
  return lines.join("");
}

/** Writes a CSV file of `count` rows, with or without the header row. Returns its size in bytes. */
export async function writeCsvFile(
  path: string,
  dataset: number,
  count: number,
  header: boolean,
): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const chunk = 10_000;
  if (header) {
    out.write(CSV_HEADER);
    bytes += CSV_HEADER.length;
  }
  for (let start = 0; start < count; start += chunk) {
    const text = csvText(dataset, start, Math.min(chunk, count - start), false);
    bytes += text.length;
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return bytes;
}
