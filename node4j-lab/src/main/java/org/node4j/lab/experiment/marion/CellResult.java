package org.node4j.lab.experiment.marion;

/**
 * A perceptron cell's summary, written last to {@code result.json}.
 *
 * @param cell the cell's configuration
 * @param initialLoss the loss at t = 0
 * @param finalLoss the loss at t = T
 * @param maxGap max over k and t ≤ T of ‖Z_{k+1}(t) − Z_k(t)‖_F
 * @param finalGap max over k of ‖Z_{k+1}(T) − Z_k(T)‖_F
 * @param trainedGap max over k of ‖ΔZ_{k+1} − ΔZ_k‖_F with ΔZ_k = Z_k(T) − Z_k(0): the roughness in
 *     depth that training added to the initialisation
 */
public record CellResult(
    PerceptronCell cell,
    double initialLoss,
    double finalLoss,
    double maxGap,
    double finalGap,
    double trainedGap) {}
