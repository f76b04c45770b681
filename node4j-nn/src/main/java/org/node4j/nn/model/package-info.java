/**
 * Models built from fields and layers: the ODE block ({@link org.node4j.nn.model.OdeBlock}: a
 * field, a solver, a step-size controller and a gradient method; Chen et al., NeurIPS 2018),
 * classifiers in the form of Ott et al. (ICLR 2021, §2: flow, then a linear head), deep residual
 * networks and HeunNets whose forward pass is a fixed-step solve (Sander, Ablin and Peyré, NeurIPS
 * 2022), their depth-smooth initialisations, and the seed and workload architectures ({@link
 * org.node4j.nn.model.SeedModels}). A fixed-step solve of a large batch of independent samples runs
 * as shards of the batch, each through the whole solve on one thread ({@code BatchShards}, in the
 * manner of data-parallel training), with the same outputs and thread-count-independent bits.
 */
package org.node4j.nn.model;
