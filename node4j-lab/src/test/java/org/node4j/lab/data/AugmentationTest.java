package org.node4j.lab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.node4j.lab.config.AugmentationConfig;
import org.node4j.nn.tensor.DType;
import org.node4j.nn.tensor.Tensor;

class AugmentationTest {
  private static final int B = 64;
  private static final int C = 2;
  private static final int H = 5;
  private static final int W = 6;

  /** A batch of distinct, nonzero pixel values, so that every shift is recognisable. */
  private static Tensor batch() {
    Tensor x = Tensor.zeros(DType.FLOAT64, B, C, H, W);
    for (int i = 0; i < x.size(); i++) {
      x.set(i, 1 + i);
    }
    return x;
  }

  private static double pixel(Tensor x, int i, int c, int h, int w) {
    return x.get(((i * C + c) * H + h) * W + w);
  }

  private static Tensor augmented(AugmentationConfig config, long seed, long iteration) {
    Tensor x = batch();
    new Augmentation(config, new int[] {C, H, W}, seed).apply(x, B, iteration);
    return x;
  }

  private static double[] values(Tensor t) {
    double[] v = new double[t.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = t.get(i);
    }
    return v;
  }

  @Test
  void theSameSeedAndIterationGiveTheSameBatchAndOthersAnother() {
    AugmentationConfig c = new AugmentationConfig(2, true, List.of(), List.of());
    assertThat(values(augmented(c, 7, 3))).isEqualTo(values(augmented(c, 7, 3)));
    assertThat(values(augmented(c, 7, 3))).isNotEqualTo(values(augmented(c, 8, 3)));
    assertThat(values(augmented(c, 7, 3))).isNotEqualTo(values(augmented(c, 7, 4)));
  }

  @Test
  void cropShiftsTheContentWithZeroPadding() {
    int p = 2;
    Tensor in = batch();
    Tensor out = augmented(new AugmentationConfig(p, false, List.of(), List.of()), 1, 1);
    int shifted = 0;
    for (int i = 0; i < B; i++) {
      // The shift is where the first pixel of the input went (or, if it fell off, found by search).
      int matches = 0;
      for (int dy = -p; dy <= p; dy++) {
        for (int dx = -p; dx <= p; dx++) {
          if (isShift(in, out, i, dy, dx)) {
            matches++;
            shifted += dy != 0 || dx != 0 ? 1 : 0;
          }
        }
      }
      assertThat(matches).as("sample %d is one shift of its input", i).isEqualTo(1);
    }
    assertThat(shifted).as("most samples move").isGreaterThan(B / 2);
  }

  /** Whether out[i](h, w) = in[i](h + dy, w + dx), zero outside, for every channel and pixel. */
  private static boolean isShift(Tensor in, Tensor out, int i, int dy, int dx) {
    for (int c = 0; c < C; c++) {
      for (int h = 0; h < H; h++) {
        for (int w = 0; w < W; w++) {
          int sh = h + dy;
          int sw = w + dx;
          boolean inside = sh >= 0 && sh < H && sw >= 0 && sw < W;
          double expected = inside ? pixel(in, i, c, sh, sw) : 0;
          if (pixel(out, i, c, h, w) != expected) {
            return false;
          }
        }
      }
    }
    return true;
  }

  @Test
  void flipMirrorsAboutHalfTheImagesAndLeavesTheRest() {
    Tensor in = batch();
    Tensor out = augmented(new AugmentationConfig(0, true, List.of(), List.of()), 3, 9);
    int mirrored = 0;
    for (int i = 0; i < B; i++) {
      boolean same = true;
      boolean mirror = true;
      for (int c = 0; c < C; c++) {
        for (int h = 0; h < H; h++) {
          for (int w = 0; w < W; w++) {
            same &= pixel(out, i, c, h, w) == pixel(in, i, c, h, w);
            mirror &= pixel(out, i, c, h, w) == pixel(in, i, c, h, W - 1 - w);
          }
        }
      }
      assertThat(same ^ mirror).as("sample %d is itself or its mirror", i).isTrue();
      mirrored += mirror ? 1 : 0;
    }
    assertThat(mirrored).isBetween(B / 4, 3 * B / 4);
  }

  @Test
  void normalisationGivesTheStatedMeanAndStd() {
    int n = 400;
    int pixels = H * W;
    float[] f = new float[n * C * pixels];
    SplittableRandom rng = new SplittableRandom(4);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < C * pixels; j++) {
        f[i * C * pixels + j] =
            (float) (j < pixels ? 3 + 2 * rng.nextGaussian() : rng.nextDouble());
      }
    }
    Dataset raw = Dataset.of("raw", new int[] {C, H, W}, f, new int[n], 1);
    double[][] stats = channelStats(raw);
    Dataset normalized =
        Augmentation.normalize(
            raw,
            new AugmentationConfig(
                0, false, List.of(stats[0][0], stats[1][0]), List.of(stats[0][1], stats[1][1])));

    double[][] after = channelStats(normalized);
    for (int c = 0; c < C; c++) {
      assertThat(after[c][0]).as("mean of channel %d", c).isCloseTo(0, within(1e-5));
      assertThat(after[c][1]).as("std of channel %d", c).isCloseTo(1, within(1e-5));
    }
    assertThat(stats[0][0]).isCloseTo(3, within(0.1));
  }

  /** Per channel: {mean, population std} over all samples and pixels. */
  private static double[][] channelStats(Dataset d) {
    int per = d.sampleSize() / C;
    double[][] s = new double[C][2];
    for (int c = 0; c < C; c++) {
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < d.size(); i++) {
        for (int j = c * per; j < (c + 1) * per; j++) {
          sum += d.feature(i, j);
        }
      }
      double mean = sum / (d.size() * per);
      for (int i = 0; i < d.size(); i++) {
        for (int j = c * per; j < (c + 1) * per; j++) {
          sq += (d.feature(i, j) - mean) * (d.feature(i, j) - mean);
        }
      }
      s[c][0] = mean;
      s[c][1] = Math.sqrt(sq / (d.size() * per));
    }
    return s;
  }

  @Test
  void badSettingsNameTheFix() {
    assertThatThrownBy(
            () ->
                new Augmentation(
                    new AugmentationConfig(4, false, List.of(), List.of()), new int[] {1, 2}, 0))
        .hasMessageContaining("[C, H, W] images")
        .hasMessageContaining("[1, 2]");
    assertThatThrownBy(() -> new AugmentationConfig(0, false, List.of(0.5), List.of()))
        .hasMessageContaining("one value per channel");
    Dataset d = Dataset.of("d", new int[] {C, 1, 1}, new float[] {1, 2}, new int[] {0}, 1);
    assertThatThrownBy(
            () ->
                Augmentation.normalize(
                    d, new AugmentationConfig(0, false, List.of(0.5), List.of(0.2))))
        .hasMessageContaining("has 2 channels");
  }
}
