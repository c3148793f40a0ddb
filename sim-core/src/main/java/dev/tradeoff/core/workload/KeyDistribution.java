package dev.tradeoff.core.workload;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.CompositeSamplers;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.DiscreteUniformSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;

/**
 * How operations pick keys from {@code 0 … keys-1}, as a value; {@link #sampler} binds a stream.
 */
public sealed interface KeyDistribution {

  /** A sampler of keys drawing with {@code rng}. */
  DiscreteSampler sampler(UniformRandomProvider rng);

  /** Number of distinct keys. */
  int keys();

  /** Every key equally likely. */
  static KeyDistribution uniform(int keys) {
    return new Uniform(keys);
  }

  /** Zipf with exponent {@code s}: key {@code k} has weight {@code 1 / (k + 1)^s}. */
  static KeyDistribution zipf(int keys, double s) {
    return new Zipf(keys, s);
  }

  /** A share {@code opsShare} of operations goes to the first {@code keysShare} of keys. */
  static KeyDistribution hotspot(int keys, double keysShare, double opsShare) {
    return new Hotspot(keys, keysShare, opsShare);
  }

  /** A share {@code opsShare} of operations goes to key 0; the rest are uniform over the others. */
  static KeyDistribution celebrity(int keys, double opsShare) {
    return new Celebrity(keys, opsShare);
  }

  /** See {@link #uniform}. */
  record Uniform(int keys) implements KeyDistribution {
    public Uniform {
      requireKeys(keys, 1);
    }

    @Override
    public DiscreteSampler sampler(UniformRandomProvider rng) {
      return DiscreteUniformSampler.of(rng, 0, keys - 1);
    }
  }

  /** See {@link #zipf}. */
  record Zipf(int keys, double s) implements KeyDistribution {
    public Zipf {
      requireKeys(keys, 1);
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("zipf exponent must be finite and > 0, got " + s);
      }
    }

    @Override
    public DiscreteSampler sampler(UniformRandomProvider rng) {
      DiscreteSampler ranks = RejectionInversionZipfSampler.of(rng, keys, s);
      return () -> ranks.sample() - 1;
    }
  }

  /** See {@link #hotspot}. */
  record Hotspot(int keys, double keysShare, double opsShare) implements KeyDistribution {
    public Hotspot {
      requireKeys(keys, 2);
      requireShare("keysShare", keysShare);
      requireShare("opsShare", opsShare);
      int hot = hotKeys(keys, keysShare);
      if (hot < 1 || hot >= keys) {
        throw new IllegalArgumentException(
            "hotspot: keysShare "
                + keysShare
                + " of "
                + keys
                + " keys leaves no hot or no cold key");
      }
    }

    @Override
    public DiscreteSampler sampler(UniformRandomProvider rng) {
      int hot = hotKeys(keys, keysShare);
      return CompositeSamplers.newDiscreteSamplerBuilder()
          .add(DiscreteUniformSampler.of(rng, 0, hot - 1), opsShare)
          .add(DiscreteUniformSampler.of(rng, hot, keys - 1), 1 - opsShare)
          .build(rng);
    }

    private static int hotKeys(int keys, double share) {
      return (int) Math.round(keys * share);
    }
  }

  /** See {@link #celebrity}. */
  record Celebrity(int keys, double opsShare) implements KeyDistribution {
    public Celebrity {
      requireKeys(keys, 2);
      requireShare("opsShare", opsShare);
    }

    @Override
    public DiscreteSampler sampler(UniformRandomProvider rng) {
      return CompositeSamplers.newDiscreteSamplerBuilder()
          .add(() -> 0, opsShare)
          .add(DiscreteUniformSampler.of(rng, 1, keys - 1), 1 - opsShare)
          .build(rng);
    }
  }

  private static void requireKeys(int keys, int min) {
    if (keys < min) {
      throw new IllegalArgumentException("keys must be >= " + min + ", got " + keys);
    }
  }

  private static void requireShare(String name, double share) {
    if (!(share >= 0 && share <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + share);
    }
  }
}
