/**
 * Initialisers with the semantics of {@code torch.nn.init}: variance-scaling (Kaiming, He et al.
 * 2015; Xavier, Glorot and Bengio 2010) with PyTorch's fans and gains, uniform and normal draws
 * from a caller-given generator so that the same seed gives the same weights. (The deterministic
 * weights of the benchmark workloads live with the benchmarks, in node4j-lab's {@code
 * org.node4j.lab.bench}.)
 */
package org.node4j.nn.init;
