/**
 * ANODE (Gholami, Keutzer and Biros, IJCAI 2019, §3) as an experiment: how far the continuous
 * adjoint's gradient (optimise-then-discretise, OTD) is from the exact gradient of the discrete
 * network that discretise-then-optimise with checkpointing (DTO) computes, how much memory each
 * gradient method holds as the network deepens and the steps refine, and {@code node4j experiment
 * anode}, which runs both as a grid of cells and writes the report.
 */
package org.node4j.lab.experiment.anode;
