package org.node4j.nn.init;

import java.util.random.RandomGenerator;
import org.node4j.nn.tensor.Tensor;

/**
 * Factories for the standard initialisers, with the semantics of {@code torch.nn.init}.
 *
 * <p>Variance-scaling initialisers compute their scale from the target's shape through {@link
 * Fans#of}, so one instance serves layers of every size. Normal draws use {@link
 * RandomGenerator#nextGaussian()}, uniform draws {@code lo + (hi - lo) * nextDouble()}.
 */
public final class Initializers {
  private static final double SQRT3 = Math.sqrt(3.0);

  private Initializers() {}

  /** Fills with zeros (PyTorch {@code zeros_}); the seeds' biases and BN shifts. */
  public static Initializer zeros() {
    return new Constant(0.0);
  }

  /** Fills with {@code value} (PyTorch {@code constant_}), e.g. 1 for BatchNorm scales. */
  public static Initializer constant(double value) {
    return new Constant(value);
  }

  /** Draws from N(mean, std²) (PyTorch {@code normal_}). */
  public static Initializer normal(double mean, double std) {
    requireScale("std", std);
    return new Normal(mean, std);
  }

  /** Draws from U(lo, hi) (PyTorch {@code uniform_}). */
  public static Initializer uniform(double lo, double hi) {
    if (!(lo <= hi) || !Double.isFinite(hi - lo)) {
      throw new IllegalArgumentException("need finite lo <= hi, got lo=" + lo + " hi=" + hi);
    }
    return new Uniform(lo, hi);
  }

  /**
   * Kaiming/He normal: N(0, std²) with {@code std = gain / sqrt(fan)} (He et al. 2015; PyTorch
   * {@code kaiming_normal_}). For a leaky ReLU of slope {@code a} pass {@link Gains#leakyRelu}; the
   * Ott seed uses {@code kaimingNormal(FAN_IN, Gains.relu())}.
   */
  public static Initializer kaimingNormal(FanMode mode, double gain) {
    requireScale("gain", gain);
    return new Kaiming(true, mode, gain);
  }

  /**
   * Kaiming/He uniform: U(-b, b) with {@code b = gain * sqrt(3 / fan)} (PyTorch {@code
   * kaiming_uniform_}).
   */
  public static Initializer kaimingUniform(FanMode mode, double gain) {
    requireScale("gain", gain);
    return new Kaiming(false, mode, gain);
  }

  /**
   * Xavier/Glorot uniform: U(-b, b) with {@code b = gain * sqrt(6 / (fanIn + fanOut))} (Glorot and
   * Bengio 2010; PyTorch {@code xavier_uniform_}).
   */
  public static Initializer xavierUniform(double gain) {
    requireScale("gain", gain);
    return new Xavier(false, gain);
  }

  /** Xavier/Glorot normal: N(0, std²) with {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
  public static Initializer xavierNormal(double gain) {
    requireScale("gain", gain);
    return new Xavier(true, gain);
  }

  /**
   * PyTorch's default for Linear and Conv weights, {@code kaiming_uniform_(a = sqrt(5))}, that is
   * U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
   */
  public static Initializer torchDefaultWeight() {
    return kaimingUniform(FanMode.FAN_IN, Gains.leakyRelu(Math.sqrt(5.0)));
  }

  /**
   * PyTorch's default for Linear and Conv biases: U(-1/sqrt(fanIn), 1/sqrt(fanIn)) with the fan-in
   * of the layer's weight, and zeros when that fan-in is 0.
   *
   * @param weightFans the fans of the layer's weight, {@code Fans.of(weight.shape())}
   */
  public static Initializer torchDefaultBias(Fans weightFans) {
    double bound = weightFans.fanIn() > 0 ? 1.0 / Math.sqrt(weightFans.fanIn()) : 0.0;
    return new Uniform(-bound, bound);
  }

  private static void requireScale(String what, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(what + " must be finite and >= 0, got " + value);
    }
  }

  private static void fillNormal(Tensor t, RandomGenerator rng, double mean, double std) {
    for (int i = 0, n = t.size(); i < n; i++) {
      t.set(i, mean + std * rng.nextGaussian());
    }
  }

  private static void fillUniform(Tensor t, RandomGenerator rng, double lo, double hi) {
    double width = hi - lo;
    for (int i = 0, n = t.size(); i < n; i++) {
      t.set(i, lo + width * rng.nextDouble());
    }
  }

  private record Constant(double value) implements Initializer {
    @Override
    public void fill(Tensor target, RandomGenerator rng) {
      for (int i = 0, n = target.size(); i < n; i++) {
        target.set(i, value);
      }
    }
  }

  private record Normal(double mean, double std) implements Initializer {
    @Override
    public void fill(Tensor target, RandomGenerator rng) {
      fillNormal(target, rng, mean, std);
    }
  }

  private record Uniform(double lo, double hi) implements Initializer {
    @Override
    public void fill(Tensor target, RandomGenerator rng) {
      fillUniform(target, rng, lo, hi);
    }
  }

  private record Kaiming(boolean normal, FanMode mode, double gain) implements Initializer {
    @Override
    public void fill(Tensor target, RandomGenerator rng) {
      int fan = Fans.of(target.shape()).select(mode); // 0 only when target is empty
      double std = gain / Math.sqrt(fan);
      if (normal) {
        fillNormal(target, rng, 0.0, std);
      } else {
        fillUniform(target, rng, -SQRT3 * std, SQRT3 * std);
      }
    }
  }

  private record Xavier(boolean normal, double gain) implements Initializer {
    @Override
    public void fill(Tensor target, RandomGenerator rng) {
      Fans fans = Fans.of(target.shape());
      int sum = fans.fanIn() + fans.fanOut();
      double std = gain * Math.sqrt(2.0 / sum);
      if (normal) {
        fillNormal(target, rng, 0.0, std);
      } else {
        fillUniform(target, rng, -SQRT3 * std, SQRT3 * std);
      }
    }
  }
}
