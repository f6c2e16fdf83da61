// Valid identifiers for tests, written independently of src/domain/identifiers.ts
// (a test of the validation must not borrow the code it checks).

/** A valid ICCID: 89 + `body` digits (padded to 18 digits) + the Luhn check digit. */
export function iccidFrom(n: number, prefix = "894450"): string {
  const payload = `${prefix}${String(n).padStart(18 - prefix.length, "0")}`;
  return payload + luhn(payload);
}

/** A valid IMEI from a number. */
export function imeiFrom(n: number): string {
  const payload = `35${String(n).padStart(12, "0")}`;
  return payload + luhn(payload);
}

export function imsiFrom(n: number): string {
  return `23415${String(n).padStart(10, "0")}`;
}

/** The Luhn check digit to append to `payload`. */
export function luhn(payload: string): string {
  let sum = 0;
  let double = true;
  for (let i = payload.length - 1; i >= 0; i--) {
    let digit = payload.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}
