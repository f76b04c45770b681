/**
 * {@code node4j experiment anodev2}: ANODEV2 (Zhang, Yao, Gholami et al., NeurIPS 2019), a network
 * whose ODE-block weights evolve by their own ODE, trained against a plain ResNet stage and ANODE
 * of the same size, as a grid of resumable cells with a report.
 */
package org.node4j.lab.experiment.anodev2;
