/**
 * Training experiments: the {@link org.node4j.lab.train.TrainableModel} contract between models and
 * the {@link org.node4j.lab.train.Trainer}, run directories with resumable checkpoints, test-set
 * evaluation with true accuracies, Ott et al.'s step and tolerance adaptation ({@link
 * org.node4j.lab.train.StepAdaptation}, {@link org.node4j.lab.train.ToleranceAdaptation}; Ott et
 * al. 2021, §3 and Alg. 2) and their test protocol ({@link org.node4j.lab.train.TestGrid}, §2.4).
 *
 * <p>Models are built from a configuration by the {@link org.node4j.lab.train.ModelFactory}
 * registered under its name in the model registry of a {@link org.node4j.lab.train.TrainingRun}, a
 * value built at the command-line edge (this package does not know the models package); {@link
 * org.node4j.lab.train.TrainingRun} ties data, model and trainer together.
 *
 * <p>Where the code deviates from Ott et al.'s released code on purpose it names the quirk (Q1 to
 * Q5), as listed in the repository's docs/REFERENCES.md.
 */
package org.node4j.lab.train;
