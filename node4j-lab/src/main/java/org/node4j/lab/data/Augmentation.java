package org.node4j.lab.data;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.node4j.lab.config.AugmentationConfig;
import org.node4j.nn.tensor.Tensor;

/**
 * Applies an {@link AugmentationConfig}: per-channel normalisation of a whole {@link Dataset}
 * ({@link #normalize}), and random crops with zero padding and horizontal flips of training batches
 * of [C, H, W] images ({@link #apply}), as torchvision's {@code Normalize}, {@code RandomCrop(size,
 * padding)} and {@code RandomHorizontalFlip()}.
 *
 * <p>Sample i of the batch of iteration n draws from its own stream of the seed, (n, i), so the
 * same seed gives the same batches, and a resumed run the same as an uninterrupted one. Owns one
 * scratch sample; not thread-safe.
 */
public final class Augmentation {
  private final AugmentationConfig config;
  private final long seed;
  private final int channels;
  private final int height;
  private final int width;
  private final double[] scratch;

  /**
   * Prepares the random transforms for samples of {@code sampleShape}.
   *
   * @param config the augmentation
   * @param sampleShape [C, H, W]
   * @param seed the seed of the draws (the training seed)
   * @throws IllegalArgumentException when cropping or flipping is asked of samples that are not
   *     images
   */
  public Augmentation(AugmentationConfig config, int[] sampleShape, long seed) {
    this.config = config;
    this.seed = seed;
    if (config.random() && sampleShape.length != 3) {
      throw new IllegalArgumentException(
          "data.augment.cropPadding and flip are for [C, H, W] images, got samples of shape "
              + Arrays.toString(sampleShape)
              + "; set cropPadding: 0 and flip: false");
    }
    this.channels = config.random() ? sampleShape[0] : 0;
    this.height = config.random() ? sampleShape[1] : 0;
    this.width = config.random() ? sampleShape[2] : 0;
    this.scratch = new double[channels * height * width];
  }

  /**
   * Crops and flips the first {@code count} samples of {@code x} in place, with the draws of
   * iteration {@code iteration}; does nothing when neither is configured.
   */
  public void apply(Tensor x, int count, long iteration) {
    if (!config.random()) {
      return;
    }
    int p = config.cropPadding();
    int size = scratch.length;
    for (int i = 0; i < count; i++) {
      SplittableRandom rng = Rng.stream(seed, iteration * x.dim(0) + i);
      int dy = p > 0 ? Rng.below(rng, 2 * p + 1) - p : 0;
      int dx = p > 0 ? Rng.below(rng, 2 * p + 1) - p : 0;
      boolean mirror = config.flip() && Rng.uniform(rng) < 0.5;
      int base = i * size;
      for (int j = 0; j < size; j++) {
        scratch[j] = x.get(base + j);
      }
      for (int c = 0; c < channels; c++) {
        for (int h = 0; h < height; h++) {
          for (int w = 0; w < width; w++) {
            int sh = h + dy;
            int sw = (mirror ? width - 1 - w : w) + dx;
            boolean inside = sh >= 0 && sh < height && sw >= 0 && sw < width;
            double v = inside ? scratch[(c * height + sh) * width + sw] : 0.0;
            x.set(base + (c * height + h) * width + w, v);
          }
        }
      }
    }
  }

  /**
   * Returns {@code data} with channel c of every sample mapped to (v - mean_c) / std_c, the channel
   * being the first sample axis; {@code data} itself when the configuration does not normalise.
   *
   * @throws IllegalArgumentException when the number of means is not the number of channels
   */
  public static Dataset normalize(Dataset data, AugmentationConfig config) {
    if (!config.normalizes()) {
      return data;
    }
    if (data.isRegression()) {
      throw new IllegalArgumentException(
          "data.augment.mean and std normalise image sets; "
              + data.name()
              + " is a regression set, so remove them");
    }
    List<Double> mean = config.mean();
    List<Double> std = config.std();
    int channels = data.sampleShape()[0];
    if (mean.size() != channels) {
      throw new IllegalArgumentException(
          "data.augment.mean has "
              + mean.size()
              + " values but "
              + data.name()
              + " has "
              + channels
              + " channels (samples of shape "
              + Arrays.toString(data.sampleShape())
              + "); give one mean and std per channel");
    }
    int sample = data.sampleSize();
    int perChannel = sample / channels;
    float[] out = new float[data.size() * sample];
    for (int i = 0; i < data.size(); i++) {
      for (int j = 0; j < sample; j++) {
        int c = j / perChannel;
        out[i * sample + j] = (float) ((data.feature(i, j) - mean.get(c)) / std.get(c));
      }
    }
    return Dataset.of(data.name(), data.sampleShape(), out, data.labels(), data.numClasses());
  }
}
