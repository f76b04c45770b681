/**
 * {@code node4j experiment resnet-to-ode}: Sander, Ablin and Peyré, "Do Residual Neural Networks
 * discretize Neural ODEs?" (NeurIPS 2022, §3, §4, Fig. 2, 3c and 4) as a grid of cells: the
 * distance between a ResNet and its associated neural ODE against depth for smooth, alternating and
 * i.i.d. weights; memory-free (Euler and Heun reconstruction) against exact gradients, including a
 * trained-network probe; memory against depth on the paper's probe; and the linear ResNet of their
 * Fig. 2. Each cell writes its own run directory; the report is built from those alone.
 */
package org.node4j.lab.experiment.sander;
