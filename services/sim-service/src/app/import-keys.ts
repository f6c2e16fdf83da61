// The ICCIDs and IMSIs of an import as the parser compares them: as bytes,
// not strings. A key is its ASCII digits with zero bytes after them, 20
// bytes wide (an ICCID has at most 20 digits, an IMSI 15), so byte order is
// the keys' string order ("89" < "890" < "891"). The CSV parser reads most
// rows straight from the file's bytes (import-plain-line.ts) and keeps them
// that way; a row read as strings writes its keys into a `Key` first.
//
// Why bytes: a million rows made two million key strings, each a call into
// C++ to make and an object that outlived the young generation when a batch
// kept it (a Map of a batch's keys was three quarters of what the parser
// thread promoted to the old generation, --trace-gc-nvp).
const KEY_WIDTH = 20;

/** One key, written into and asked about, then overwritten by the next: no allocation per row. */
export class Key {
  readonly bytes = new Uint8Array(KEY_WIDTH);

  /** The key of a validated identifier (ASCII digits, at most KEY_WIDTH). */
  setString(value: string): this {
    if (value.length > KEY_WIDTH) throw new RangeError(`a key has at most ${KEY_WIDTH} characters`);
    for (let i = 0; i < value.length; i++) this.bytes[i] = value.charCodeAt(i);
    this.bytes.fill(0, value.length);
    return this;
  }

  /** The key of the validated digits `data[start, end)`. */
  setBytes(data: Uint8Array, start: number, end: number): this {
    const length = end - start;
    if (length > KEY_WIDTH) throw new RangeError(`a key has at most ${KEY_WIDTH} characters`);
    for (let i = 0; i < length; i++) this.bytes[i] = data[start + i]!;
    this.bytes.fill(0, length);
    return this;
  }

  toString(): string {
    let text = "";
    for (let i = 0; i < KEY_WIDTH && this.bytes[i] !== 0; i++) text += String.fromCharCode(this.bytes[i]!);
    return text;
  }
}

/** Order of the keys at `a[aAt…]` and `b[bAt…]`: negative, zero or positive. A loop: Buffer.compare is a call into C++. */
function compareKeys(a: Uint8Array, aAt: number, b: Uint8Array, bAt: number): number {
  for (let i = 0; i < KEY_WIDTH; i++) {
    const difference = a[aAt + i]! - b[bAt + i]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The smallest and the largest of the keys (ICCIDs, or IMSIs) staged so
 * far. A key outside the range is certainly not staged; most files list
 * their SIMs in order, so most of their rows fall outside it and need no
 * lookup to know they are not duplicates.
 */
export class KeyRange {
  private readonly low = new Uint8Array(KEY_WIDTH);
  private readonly high = new Uint8Array(KEY_WIDTH);
  private empty = true;

  // Both ask about the high end first: in a sorted file every key is above
  // the range, and one comparison settles it.
  covers(key: Key): boolean {
    return (
      !this.empty &&
      compareKeys(key.bytes, 0, this.high, 0) <= 0 &&
      compareKeys(key.bytes, 0, this.low, 0) >= 0
    );
  }

  extend(key: Key): void {
    this.extendBy(key.bytes);
  }

  /** Widens this range to take in the other. */
  include(other: KeyRange): void {
    if (other.empty) return;
    this.extendBy(other.low);
    this.extendBy(other.high);
  }

  private extendBy(key: Uint8Array): void {
    if (this.empty) {
      this.low.set(key);
      this.high.set(key);
      this.empty = false;
    } else if (compareKeys(key, 0, this.high, 0) > 0) this.high.set(key);
    else if (compareKeys(key, 0, this.low, 0) < 0) this.low.set(key);
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
  private ordered = new Uint8Array(1_024 * KEY_WIDTH);
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
    this.ordered.set(key.bytes, this.count * KEY_WIDTH);
    this.positions[this.count++] = position;
  }

  clear(): void {
    this.count = 0;
    this.others.clear();
  }

  /** Whether `key` is above every key kept in order (the last one is the largest). */
  private aboveAll(key: Key): boolean {
    return this.count === 0 || compareKeys(key.bytes, 0, this.ordered, (this.count - 1) * KEY_WIDTH) > 0;
  }

  private search(key: Key): number | undefined {
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compareKeys(this.ordered, middle * KEY_WIDTH, key.bytes, 0);
      if (order === 0) return this.positions[middle];
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private grow(): void {
    const ordered = new Uint8Array(this.ordered.length * 2);
    ordered.set(this.ordered);
    this.ordered = ordered;
    const positions = new Uint32Array(this.positions.length * 2);
    positions.set(this.positions);
    this.positions = positions;
  }
}
