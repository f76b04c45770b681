/**
 * Initialisers with the semantics of {@code torch.nn.init}: variance-scaling (Kaiming, He et al.
 * 2015; Xavier, Glorot and Bengio 2010) with PyTorch's fans and gains, uniform and normal draws
 * from a caller-given generator so that the same seed gives the same weights, and the deterministic
 * formulas of the benchmark workloads ({@link org.node4j.nn.init.WorkloadFormulas}, described in
 * docs/WORKLOADS.md).
 */
package org.node4j.nn.init;
