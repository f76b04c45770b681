package org.node4j.lab.experiment.marion;

/**
 * One run of the image experiment (Marion et al., ICLR 2024, §5.2 and App. 11, Table 1): the tiny
 * ResNet of depth L with activation σ in its residual functions and weight-tied or i.i.d.
 * initialisation, trained by SGD with momentum and weight decay, a cosine schedule over the epochs
 * and the paper's augmentation.
 *
 * @param sigma the activation of the residual functions
 * @param init {@link WeightInit#TIED} (layer 0's parameters copied into every layer) or {@link
 *     WeightInit#IID}
 * @param depth L
 * @param trainSamples the first training images used (the whole set when larger)
 * @param testSamples the first test images used
 * @param batch images per batch
 * @param epochs epochs, also the cosine schedule's half period
 * @param rate the initial rate (the paper: 4e-2)
 * @param momentum the paper's 0.9
 * @param weightDecay the paper's 5e-4
 * @param seed seeds the weights, the batches and the augmentation
 * @param checkpointEvery every how many iterations the cell saves a checkpoint
 */
public record ImageCell(
    Sigma sigma,
    WeightInit init,
    int depth,
    int trainSamples,
    int testSamples,
    int batch,
    int epochs,
    double rate,
    double momentum,
    double weightDecay,
    long seed,
    int checkpointEvery)
    implements MarionCell {

  /** Checks the settings. */
  public ImageCell {
    if (init == WeightInit.GP) {
      throw new IllegalArgumentException(
          "the image experiment compares weight-tied and i.i.d. initialisation; got gp");
    }
    if (depth < 1 || batch < 2 || epochs < 1 || checkpointEvery < 1) {
      throw new IllegalArgumentException(
          "image cell needs depth >= 1, batch >= 2, epochs >= 1, checkpointEvery >= 1; got depth="
              + depth
              + " batch="
              + batch
              + " epochs="
              + epochs
              + " checkpointEvery="
              + checkpointEvery);
    }
    if (trainSamples < batch || testSamples < batch) {
      throw new IllegalArgumentException(
          "image cell needs at least one batch of "
              + batch
              + " training and test images; got "
              + trainSamples
              + " and "
              + testSamples);
    }
  }

  @Override
  public String id() {
    return "image-" + sigma.id() + "-" + init.id() + "-L" + depth + "-s" + seed;
  }
}
