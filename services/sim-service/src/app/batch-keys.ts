// The ICCIDs (or IMSIs) of one import batch and where they are, to catch a
// row repeating an earlier row of its batch. Most files list their SIMs in
// order, and a key greater than every key before it repeats none: such keys
// are kept as bytes in one buffer, fixed width, in the order they came,
// where a binary search finds them. Only keys out of order go into a Map.
//
// Why not a Map of every key: a batch's 5,000 keys in a Map (the strings
// and the table) outlive the young generation, so each batch's were copied
// and promoted, and the old-to-new pointers of a growing Map made every
// young-generation collection slower. In the CSV parser thread that was
// three quarters of what it promoted to the old generation (157 → 36 MB
// over a million rows, scavenge pauses 720 → 420 ms, with the 4 MiB
// semi-spaces every process runs with; --trace-gc-nvp).
const WIDTH = 20; // ICCIDs have at most 20 digits, IMSIs 15; a longer key goes to the Map

/**
 * The key's characters as bytes at `at` (each one's low byte, as a latin1
 * write would: keys are digits). A loop in JavaScript: a Buffer write per
 * key crossed into C++ and cost more than the rest of keeping it.
 */
function writeKey(bytes: Uint8Array, at: number, key: string): void {
  for (let i = 0; i < key.length; i++) bytes[at + i] = key.charCodeAt(i);
}

export class BatchKeys {
  private ordered = Buffer.alloc(1_024 * WIDTH);
  private positions = new Uint32Array(1_024);
  private count = 0;
  private last: string | undefined;
  private readonly others = new Map<string, number>();
  private readonly probe = Buffer.alloc(WIDTH);

  /** The position of the earlier row holding `key`, if one does. */
  positionOf(key: string): number | undefined {
    if (this.last === undefined || key > this.last) {
      return this.others.size === 0 ? undefined : this.others.get(key);
    }
    return this.search(key) ?? this.others.get(key);
  }

  add(key: string, position: number): void {
    if (key.length > WIDTH || (this.last !== undefined && key <= this.last)) {
      this.others.set(key, position);
      return;
    }
    if (this.count === this.positions.length) this.grow();
    writeKey(this.ordered, this.count * WIDTH, key);
    this.positions[this.count++] = position;
    this.last = key;
  }

  clear(): void {
    this.ordered.fill(0, 0, this.count * WIDTH);
    this.count = 0;
    this.last = undefined;
    this.others.clear();
  }

  private search(key: string): number | undefined {
    if (key.length > WIDTH) return undefined;
    // Zero bytes after the key: for digit strings, byte order is string order.
    this.probe.fill(0);
    writeKey(this.probe, 0, key);
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = this.ordered.compare(this.probe, 0, WIDTH, middle * WIDTH, middle * WIDTH + WIDTH);
      if (order === 0) return this.positions[middle];
      if (order < 0) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  private grow(): void {
    const ordered = Buffer.alloc(this.ordered.length * 2);
    this.ordered.copy(ordered);
    this.ordered = ordered;
    const positions = new Uint32Array(this.positions.length * 2);
    positions.set(this.positions);
    this.positions = positions;
  }
}
