package dev.tradeoff.core.random;

import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.CompositeSamplers;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousUniformSampler;
import org.apache.commons.rng.sampling.distribution.InverseTransformParetoSampler;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A real-valued probability distribution, as a value. Durations are drawn in nanoseconds.
 *
 * <p>A distribution is a description; {@link #sampler} binds it to one random stream. The samplers
 * come from commons-rng-sampling. Values are immutable and compare by content, so scenario configs
 * that hold them compare and print well.
 */
public sealed interface Distribution {

  /** A sampler drawing from this distribution with {@code rng}. */
  ContinuousSampler sampler(UniformRandomProvider rng);

  /** The mean of the distribution ({@code +Infinity} where it has none). */
  double mean();

  /** Always {@code value}. */
  static Distribution constant(double value) {
    return new Constant(value);
  }

  /** Uniform on {@code [low, high)}. */
  static Distribution uniform(double low, double high) {
    return new Uniform(low, high);
  }

  /** Exponential with the given mean (rate {@code 1 / mean}). */
  static Distribution exponential(double mean) {
    return new Exponential(mean);
  }

  /** Log-normal: {@code exp(N(mu, sigma^2))}. */
  static Distribution logNormal(double mu, double sigma) {
    return new LogNormal(mu, sigma);
  }

  /** Pareto with minimum {@code scale} and tail index {@code shape}. */
  static Distribution pareto(double scale, double shape) {
    return new Pareto(scale, shape);
  }

  /** {@code offset} plus a draw from {@code base}. */
  static Distribution shifted(double offset, Distribution base) {
    return new Shifted(offset, base);
  }

  /** A draw from component {@code i} with probability {@code weights[i] / sum(weights)}. */
  static Distribution mixture(List<Distribution> components, List<Double> weights) {
    return new Mixture(components, weights);
  }

  /** See {@link #constant}. */
  record Constant(double value) implements Distribution {
    public Constant {
      requireFinite("value", value);
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      return () -> value;
    }

    @Override
    public double mean() {
      return value;
    }
  }

  /** See {@link #uniform}. */
  record Uniform(double low, double high) implements Distribution {
    public Uniform {
      requireFinite("low", low);
      requireFinite("high", high);
      if (!(low <= high)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "uniform: low %s > high %s", low, high));
      }
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      return low == high ? () -> low : ContinuousUniformSampler.of(rng, low, high);
    }

    @Override
    public double mean() {
      return (low + high) / 2;
    }
  }

  /** See {@link #exponential}. */
  record Exponential(double mean) implements Distribution {
    public Exponential {
      requirePositive("mean", mean);
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      return ZigguratSampler.Exponential.of(rng, mean);
    }
  }

  /** See {@link #logNormal}. */
  record LogNormal(double mu, double sigma) implements Distribution {
    public LogNormal {
      requireFinite("mu", mu);
      requirePositive("sigma", sigma);
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      return LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mu, sigma);
    }

    @Override
    public double mean() {
      return Math.exp(mu + sigma * sigma / 2);
    }
  }

  /** See {@link #pareto}. */
  record Pareto(double scale, double shape) implements Distribution {
    public Pareto {
      requirePositive("scale", scale);
      requirePositive("shape", shape);
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      return InverseTransformParetoSampler.of(rng, scale, shape);
    }

    @Override
    public double mean() {
      return shape <= 1 ? Double.POSITIVE_INFINITY : shape * scale / (shape - 1);
    }
  }

  /** See {@link #shifted}. */
  record Shifted(double offset, Distribution base) implements Distribution {
    public Shifted {
      requireFinite("offset", offset);
      if (base == null) {
        throw new IllegalArgumentException("shifted: base is null");
      }
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      ContinuousSampler inner = base.sampler(rng);
      return () -> offset + inner.sample();
    }

    @Override
    public double mean() {
      return offset + base.mean();
    }
  }

  /** See {@link #mixture}. */
  record Mixture(List<Distribution> components, List<Double> weights) implements Distribution {
    public Mixture {
      components = List.copyOf(components);
      weights = List.copyOf(weights);
      if (components.isEmpty() || components.size() != weights.size()) {
        throw new IllegalArgumentException(
            "mixture: needs as many weights as components, and at least one");
      }
      for (double w : weights) {
        if (!(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("mixture: weight must be finite and >= 0, got " + w);
        }
      }
      if (weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new IllegalArgumentException("mixture: weights sum to 0");
      }
    }

    @Override
    public ContinuousSampler sampler(UniformRandomProvider rng) {
      CompositeSamplers.Builder<ContinuousSampler> builder =
          CompositeSamplers.newContinuousSamplerBuilder();
      for (int i = 0; i < components.size(); i++) {
        builder.add(components.get(i).sampler(rng), weights.get(i));
      }
      return builder.build(rng);
    }

    @Override
    public double mean() {
      double total = 0;
      double weighted = 0;
      for (int i = 0; i < components.size(); i++) {
        total += weights.get(i);
        weighted += weights.get(i) * components.get(i).mean();
      }
      return weighted / total;
    }
  }

  private static void requireFinite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
    }
  }
}
