import { describe, expect, it } from "vitest";
import { SpanKind, samplerSettings, startSpan, startTracing, tracingEnabled } from "../src/tracing.ts";

describe("samplerSettings", () => {
  it("reads the standard OTEL_TRACES_SAMPLER values", () => {
    expect(samplerSettings({})).toEqual({ parentBased: true, ratio: 1 });
    expect(
      samplerSettings({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }),
    ).toEqual({ parentBased: true, ratio: 0.1 });
    expect(samplerSettings({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.5" })).toEqual({
      parentBased: false,
      ratio: 0.5,
    });
    expect(samplerSettings({ OTEL_TRACES_SAMPLER: "always_off" })).toEqual({ parentBased: false, ratio: 0 });
    expect(samplerSettings({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio" })).toEqual({
      parentBased: true,
      ratio: 1,
    });
  });

  it("names the variable that is wrong", () => {
    expect(() => samplerSettings({ OTEL_TRACES_SAMPLER: "sometimes" })).toThrow(
      /OTEL_TRACES_SAMPLER: "sometimes"/,
    );
    expect(() =>
      samplerSettings({ OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1.5" }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() =>
      samplerSettings({ OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "ten" }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});

describe("startTracing without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("starts nothing and makes no spans", async () => {
    const handle = await startTracing("unit", { OTEL_TRACES_SAMPLER: "always_on" });
    expect(handle.enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
    expect(startSpan("nothing", SpanKind.INTERNAL)).toBeUndefined();
  });
});
