#!/usr/bin/env python3
"""Prints the median of every JMH score (primary and secondary) from a JSON result file.

Usage: python3 benchmarks/medians.py results.json
JMH's own table shows means with a 99.9% error; medians across all measured iterations of all
forks are steadier on a small, shared machine, so the README quotes these.
"""
import json
import statistics
import sys


def rows(results):
    for r in results:
        name = r["benchmark"].replace("dev.tradeoff.benchmarks.", "")
        params = ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
        yield name, params, r["primaryMetric"]
        for metric_name, metric in sorted(r.get("secondaryMetrics", {}).items()):
            if metric_name in ("events", "customers", "gc.alloc.rate.norm"):
                yield f"{name}:{metric_name}", params, metric


def main(path):
    with open(path) as f:
        results = json.load(f)
    for name, params, metric in rows(results):
        samples = [x for fork in metric["rawData"] for x in fork]
        if not samples:
            continue
        print(f"{name:48} {params:40} median {statistics.median(samples):>16,.1f} {metric['scoreUnit']}"
              f"  (n={len(samples)}, min {min(samples):,.1f}, max {max(samples):,.1f})")


if __name__ == "__main__":
    main(sys.argv[1])
