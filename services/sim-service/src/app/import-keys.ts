// The ICCIDs and IMSIs of an import as the parser compares them: as two
// numbers, not strings. A key is up to 20 ASCII digits (an ICCID has at
// most 20, an IMSI 15); each position counts 0 after the key's end and
// 1–10 for the digits 0–9, so the first ten positions as a base-11 number,
// then the last ten, order keys as strings order ("89" < "890" < "891"),
// and each half stays below 11^10, far inside a double's exact integers.
// The CSV parser reads most rows straight from the file's bytes
// (import-plain-line.ts) and keys them from there; a row read as strings
// writes its keys into a `Key` first.
//
// Why numbers: a million rows made two million key strings, each a call
// into C++ to make and an object that outlived the young generation when a
// batch kept it (a Map of a batch's keys was three quarters of what the
// parser thread promoted to the old generation, --trace-gc-nvp); and a
// key of a sorted file is compared a few times a row with keys sharing all
// but its last digits, which two numbers settle at once.
const KEY_DIGITS = 20;
const HALF = 10;
const BASE = 11;

function notDigits(): RangeError {
  return new RangeError(`a key is 1 to ${KEY_DIGITS} ASCII digits`);
}

/** One key, written into and asked about, then overwritten by the next: no allocation per row. */
export class Key {
  /** Positions 1–10 in base 11. */
  high = 0;
  /** Positions 11–20 in base 11. */
  low = 0;

  private readonly scratch = new Uint8Array(KEY_DIGITS);

  /** The key of a validated identifier (ASCII digits). */
  setString(value: string): this {
    if (value.length > KEY_DIGITS) throw notDigits();
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      this.scratch[i] = code > 0x7f ? 0 : code; // no byte of a wider character passes for a digit
    }
    return this.setBytes(this.scratch, 0, value.length);
  }

  /** The key of the validated digits `data[start, end)`. */
  setBytes(data: Uint8Array, start: number, end: number): this {
    if (end - start > KEY_DIGITS) throw notDigits();
    let high = 0;
    let low = 0;
    for (let i = 0; i < KEY_DIGITS; i++) {
      let place = 0;
      if (start + i < end) {
        place = data[start + i]! - 47;
        if (place < 1 || place > 10) throw notDigits();
      }
      if (i < HALF) high = high * BASE + place;
      else low = low * BASE + place;
    }
    this.high = high;
    this.low = low;
    return this;
  }

  toString(): string {
    let text = "";
    for (const half of [this.high, this.low]) {
      let rest = half;
      let digits = "";
      for (let i = 0; i < HALF; i++) {
        const place = rest % BASE;
        rest = (rest - place) / BASE;
        if (place > 0) digits = String.fromCharCode(place + 47) + digits;
      }
      text += digits;
    }
    return text;
  }
}

/** Order of two keys given as halves: negative, zero or positive. */
function compareKeys(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  return aHigh !== bHigh ? aHigh - bHigh : aLow - bLow;
}

/**
 * The smallest and the largest of the keys (ICCIDs, or IMSIs) staged so
 * far. A key outside the range is certainly not staged; most files list
 * their SIMs in order, so most of their rows fall outside it and need no
 * lookup to know they are not duplicates.
 */
export class KeyRange {
  private lowHigh = 0;
  private lowLow = 0;
  private highHigh = 0;
  private highLow = 0;
  private empty = true;

  // Both ask about the high end first: in a sorted file every key is above
  // the range, and one comparison settles it.
  covers(key: Key): boolean {
    return (
      !this.empty &&
      compareKeys(key.high, key.low, this.highHigh, this.highLow) <= 0 &&
      compareKeys(key.high, key.low, this.lowHigh, this.lowLow) >= 0
    );
  }

  extend(key: Key): void {
    this.extendBy(key.high, key.low);
  }

  /** Widens this range to take in the other. */
  include(other: KeyRange): void {
    if (other.empty) return;
    this.extendBy(other.lowHigh, other.lowLow);
    this.extendBy(other.highHigh, other.highLow);
  }

  private extendBy(high: number, low: number): void {
    if (this.empty) {
      this.lowHigh = this.highHigh = high;
      this.lowLow = this.highLow = low;
      this.empty = false;
    } else if (compareKeys(high, low, this.highHigh, this.highLow) > 0) {
      this.highHigh = high;
      this.highLow = low;
    } else if (compareKeys(high, low, this.lowHigh, this.lowLow) < 0) {
      this.lowHigh = high;
      this.lowLow = low;
    }
  }
}

/**
 * The ICCIDs (or IMSIs) of one import batch and where they are, to catch a
 * row repeating an earlier row of its batch. Most files list their SIMs in
 * order, and a key greater than every key before it repeats none: such
 * keys are kept in one buffer, in the order they came, where a binary
 * search finds them. Only keys out of order go into a Map.
 *
 * Why not a Map of every key: a batch's 5,000 keys in a Map (the strings
 * and the table) outlive the young generation, so each batch's were copied
 * and promoted, and the old-to-new pointers of a growing Map made every
 * young-generation collection slower (in the CSV parser thread, scavenge
 * pauses 720 → 420 ms over a million rows).
 */
export class BatchKeys {
  /** The halves of the keys in order, two numbers a key. */
  private ordered = new Float64Array(2 * 1_024);
  private positions = new Uint32Array(1_024);
  private count = 0;
  private readonly others = new Map<string, number>();

  /** The position of the earlier row holding `key`, if one does. */
  positionOf(key: Key): number | undefined {
    const found = this.aboveAll(key) ? undefined : this.search(key);
    if (found !== undefined || this.others.size === 0) return found;
    return this.others.get(key.toString());
  }

  add(key: Key, position: number): void {
    if (!this.aboveAll(key)) {
      this.others.set(key.toString(), position);
      return;
    }
    if (this.count === this.positions.length) this.grow();
    this.ordered[2 * this.count] = key.high;
    this.ordered[2 * this.count + 1] = key.low;
    this.positions[this.count++] = position;
  }

  clear(): void {
    this.count = 0;
    this.others.clear();
  }

  /** Whether `key` is above every key kept in order (the last one is the largest). */
  private aboveAll(key: Key): boolean {
    const last = 2 * (this.count - 1);
    return (
      this.count === 0 || compareKeys(key.high, key.low, this.ordered[last]!, this.ordered[last + 1]!) > 0
    );
  }

  private search(key: Key): number | undefined {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compareKeys(this.ordered[2 * middle]!, this.ordered[2 * middle + 1]!, key.high, key.low);
      if (order === 0) return this.positions[middle];
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private grow(): void {
    const ordered = new Float64Array(this.ordered.length * 2);
    ordered.set(this.ordered);
    this.ordered = ordered;
    const positions = new Uint32Array(this.positions.length * 2);
    positions.set(this.positions);
    this.positions = positions;
  }
}
