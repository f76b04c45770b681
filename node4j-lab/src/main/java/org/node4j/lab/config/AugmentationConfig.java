package org.node4j.lab.config;

import java.util.List;

/**
 * Image augmentation of the training batches and normalisation of all samples, as torchvision's
 * {@code RandomCrop(size, padding)}, {@code RandomHorizontalFlip()} and {@code Normalize(mean,
 * std)} (the CIFAR-10 protocol Marion et al., ICLR 2024, section 5, train with). The random draws
 * come from {@code training.seed} and the iteration, so a resumed run sees the same batches.
 *
 * @param cropPadding p: pad each side with p zeros and crop back at a uniform offset, i.e. shift
 *     the content by up to p pixels per axis; 0 turns cropping off
 * @param flip whether to mirror each training image left-right with probability 1/2
 * @param mean per-channel means subtracted from every sample (train and test); empty for none
 * @param std per-channel standard deviations divided by after the mean; as many as {@code mean}
 */
public record AugmentationConfig(
    int cropPadding, boolean flip, List<Double> mean, List<Double> std) {

  /** Validates the values and copies the lists. */
  public AugmentationConfig {
    Checks.atLeast("data.augment.cropPadding", cropPadding, 0);
    mean = mean == null ? List.of() : List.copyOf(mean);
    std = std == null ? List.of() : List.copyOf(std);
    if (mean.size() != std.size()) {
      throw new IllegalArgumentException(
          "data.augment.mean and std need one value per channel each, got "
              + mean.size()
              + " and "
              + std.size());
    }
    for (double s : std) {
      Checks.positive("data.augment.std", s);
    }
  }

  /** Returns no augmentation and no normalisation. */
  public static AugmentationConfig none() {
    return new AugmentationConfig(0, false, List.of(), List.of());
  }

  /** Returns whether the training batches are transformed at random. */
  public boolean random() {
    return cropPadding > 0 || flip;
  }

  /** Returns whether the samples are normalised. */
  public boolean normalizes() {
    return !mean.isEmpty();
  }
}
