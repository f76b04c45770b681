package org.node4j.lab.experiment.marion;

/**
 * An image cell's summary, written last to {@code result.json}.
 *
 * @param cell the cell's configuration
 * @param dataset the data set trained on ({@code cifar10-train} or the Fashion-MNIST stand-in)
 * @param iterations the training iterations (batches) of the run
 * @param trainAccuracy accuracy in percent on the (unaugmented) training images at the end
 * @param testAccuracy accuracy in percent on the test images at the end
 * @param conv1Gap mean over k of ‖W_{k+1} − W_k‖_F for the first convolution, after training
 * @param conv2Gap the same for the second convolution
 * @param conv1GapInit the first convolution's mean gap at initialisation (0 when tied)
 * @param conv2GapInit the second convolution's mean gap at initialisation
 * @param conv1TrainedGap mean over k of ‖ΔW_{k+1} − ΔW_k‖_F for the first convolution, with ΔW_k =
 *     W_k(end) − W_k(0): the roughness in depth that training added (the final gap when tied)
 * @param conv2TrainedGap the same for the second convolution
 * @param epochLoss the mean training loss of each epoch
 */
public record ImageResult(
    ImageCell cell,
    String dataset,
    int iterations,
    double trainAccuracy,
    double testAccuracy,
    double conv1Gap,
    double conv2Gap,
    double conv1GapInit,
    double conv2GapInit,
    double conv1TrainedGap,
    double conv2TrainedGap,
    double[] epochLoss) {}
