/**
 * {@code node4j experiment implicit-regularization}: Marion, Wu, Sander and Biau, "Implicit
 * regularization of deep residual networks towards neural ODEs" (ICLR 2024, §5.1 and App. 10). A
 * residual perceptron trained by gradient descent from a weight-tied (or smooth) initialisation
 * keeps weights that are Lipschitz in depth, with successive layers O(1/L) apart; the experiment
 * measures that in the large-depth limit (Fig. 1), in the long-time limit (Fig. 2), across
 * activations and initialisations, and on the paper's ReLU counter-example. Each run is a cell of
 * an {@link org.node4j.lab.grid} grid; the report is built from the run directories alone.
 */
package org.node4j.lab.experiment.marion;
