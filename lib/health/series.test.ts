import { describe, expect, it } from "vitest";
import { bucketIncrease, counterRate, histogramQuantile } from "@/lib/health/series";

describe("rates and quantiles", () => {
  it("a counter's rate counts through a restart instead of going negative", () => {
    expect(counterRate([{ t: 0, v: 100 }, { t: 10_000, v: 150 }, { t: 20_000, v: 200 }])).toBe(5);
    // restart between 10 s and 20 s: the counter starts again from 0 and reaches 30
    expect(counterRate([{ t: 0, v: 100 }, { t: 10_000, v: 150 }, { t: 20_000, v: 30 }])).toBe(4);
    expect(counterRate([{ t: 0, v: 1 }])).toBeNull();
  });

  it("histogram_quantile interpolates inside the bucket like Prometheus", () => {
    const buckets = [{ le: 0.1, count: 50 }, { le: 0.5, count: 90 }, { le: 1, count: 100 }, { le: Infinity, count: 100 }];
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1);
    expect(histogramQuantile(0.7, buckets)).toBeCloseTo(0.3);
    expect(histogramQuantile(0.95, buckets)).toBeCloseTo(0.75);
    expect(histogramQuantile(0.99, [{ le: 1, count: 1 }, { le: Infinity, count: 10 }])).toBe(1);
    expect(histogramQuantile(0.5, [{ le: 1, count: 0 }, { le: Infinity, count: 0 }])).toBeNull();
  });

  it("a quantile over a window uses bucket increases, surviving a restart", () => {
    const before = [{ le: 0.1, count: 1000 }, { le: Infinity, count: 1000 }];
    const after = [{ le: 0.1, count: 1000 }, { le: Infinity, count: 1100 }];
    expect(bucketIncrease(before, after)).toEqual([{ le: 0.1, count: 0 }, { le: Infinity, count: 100 }]);
    expect(bucketIncrease(after, [{ le: 0.1, count: 5 }, { le: Infinity, count: 10 }])).toEqual([{ le: 0.1, count: 5 }, { le: Infinity, count: 10 }]);
  });
});
