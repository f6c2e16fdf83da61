// The gRPC edge of the enums: on the wire an enum field is its number, in
// JavaScript its name as enum-names.ts spells it ("active", "" for none).
// Built once per message type from the proto's reflection; a type without
// enum fields (at any depth) gets no codec and costs nothing.
import protobuf from "protobufjs";
import { enumValueName } from "./enum-names.ts";

export interface EnumFieldCodec {
  /** A copy of `value` whose enum fields hold their numbers (for encoding). Throws on an unknown name. */
  toWire(value: unknown): unknown;
  /** Gives the enum fields of a decoded message (numbers or proto names) their names, in place. */
  fromWire<T>(value: T): T;
}

type Record_ = Record<string, unknown>;

interface EnumTable {
  numberOf(typeField: string, name: unknown): unknown;
  nameOf(wire: unknown): unknown;
}

function enumTable(protoEnum: protobuf.Enum): EnumTable {
  const numbers = new Map<string, number>();
  const names = new Map<unknown, string>();
  for (const [protoName, number] of Object.entries(protoEnum.values)) {
    const name = enumValueName(protoEnum.name, protoName, number);
    numbers.set(name, number);
    names.set(number, name);
    names.set(protoName, name);
  }
  return {
    numberOf(typeField, name) {
      if (name === undefined || name === null || typeof name === "number") return name;
      const number = numbers.get(name as string);
      if (number === undefined) {
        throw new Error(`${typeField}: ${JSON.stringify(name)} is not a ${protoEnum.name}`);
      }
      return number;
    },
    // A number this side does not know (a newer peer's value) stays that
    // number, as proto3 keeps unknown enum values: every membership check
    // (isSimStatus, z.enum, …) refuses it instead of taking it for none.
    nameOf: (wire) => names.get(wire) ?? (wire === undefined ? "" : wire),
  };
}

type FieldStep = {
  field: string;
  kind: "single" | "repeated" | "map";
  toWire(value: unknown): unknown;
  fromWire(value: unknown): unknown;
};

const codecs = new Map<protobuf.Type, EnumFieldCodec | null>();

export function enumFieldCodec(type: protobuf.Type): EnumFieldCodec | undefined {
  if (codecs.has(type)) return codecs.get(type) ?? undefined;
  codecs.set(type, null); // a recursive type refers to itself while it is being built
  const steps: FieldStep[] = [];
  for (const field of type.fieldsArray) {
    field.resolve();
    const kind = field.map ? "map" : field.repeated ? "repeated" : "single";
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) {
      const table = enumTable(resolved);
      const where = `${type.name}.${field.name}`;
      steps.push({
        field: field.name,
        kind,
        toWire: (v) => table.numberOf(where, v),
        fromWire: table.nameOf,
      });
    } else if (resolved instanceof protobuf.Type) {
      const nested = enumFieldCodec(resolved);
      if (!nested) continue;
      steps.push({
        field: field.name,
        kind,
        toWire: (v) => (v == null ? v : nested.toWire(v)),
        fromWire: (v) => (v == null ? v : nested.fromWire(v)),
      });
    }
  }
  if (steps.length === 0) return undefined;
  const codec: EnumFieldCodec = {
    toWire(value) {
      if (value == null) return value;
      const copy: Record_ = { ...(value as Record_) };
      for (const step of steps) {
        const current = copy[step.field];
        if (current === undefined) continue;
        copy[step.field] = apply(step, current, step.toWire);
      }
      return copy;
    },
    fromWire(value) {
      if (value == null) return value;
      const message = value as Record_;
      for (const step of steps) message[step.field] = apply(step, message[step.field], step.fromWire);
      return value;
    },
  };
  codecs.set(type, codec);
  return codec;
}

function apply(step: FieldStep, value: unknown, convert: (value: unknown) => unknown): unknown {
  if (step.kind === "single") return convert(value);
  if (value == null) return value;
  if (step.kind === "repeated") return (value as unknown[]).map(convert);
  return Object.fromEntries(Object.entries(value as Record_).map(([key, entry]) => [key, convert(entry)]));
}
