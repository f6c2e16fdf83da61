// Valid SIM identifiers for tests, written apart from sim-service's
// validation (a test of the validation must not borrow the code it checks).

/** The Luhn check digit to append to the ASCII digits `payload`. */
export function luhnDigit(payload: string): string {
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

/** `payload` with its Luhn check digit appended: an ICCID or IMEI that passes the check. */
export function withLuhn(payload: string): string {
  return payload + luhnDigit(payload);
}
