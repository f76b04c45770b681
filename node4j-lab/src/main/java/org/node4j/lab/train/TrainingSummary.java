package org.node4j.lab.train;

/**
 * {@code summary.json}: the outcome of a finished run, and what {@code evaluate} needs to know
 * about the training discretisation.
 *
 * @param iterations the completed iterations
 * @param finalLoss the last batch's loss
 * @param finalTrainAccuracy the last batch's accuracy
 * @param testAccuracy the true test accuracy with the final training integration
 * @param meanEvaluationsForward forward NFE per iteration, averaged over the run (Ott et al.'s
 *     Table 1 "NFE mean/iter")
 * @param meanEvaluationsBackward backward NFE per iteration, averaged over the run
 * @param trainSolver the training solver's name
 * @param trainSteps the final number of training steps, or null for an adaptive solver
 * @param trainStepSize the final training step size, or null for an adaptive solver
 * @param trainTolerance the final training tolerance, or null for constant steps
 * @param wallSeconds training time over all sessions
 * @param testMeanSquaredError the test mean squared error for a regression set (whose accuracies
 *     are 0: it has no classes), null for a classification set
 */
public record TrainingSummary(
    long iterations,
    double finalLoss,
    double finalTrainAccuracy,
    double testAccuracy,
    double meanEvaluationsForward,
    double meanEvaluationsBackward,
    String trainSolver,
    Long trainSteps,
    Double trainStepSize,
    Double trainTolerance,
    double wallSeconds,
    Double testMeanSquaredError) {}
