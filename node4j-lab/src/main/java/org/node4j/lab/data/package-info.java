/**
 * Data sets for node4j's experiments: the in-memory {@link org.node4j.lab.data.Dataset}, seeded
 * mini-batch iteration ({@link org.node4j.lab.data.MiniBatches}), the generated sets of Ott et al.
 * (concentric spheres, XOR; Ott et al. 2021, §2.3) and readers for MNIST, Fashion-MNIST (IDX) and
 * CIFAR-10 (binary) found through {@link org.node4j.lab.data.Datasets}.
 *
 * <p>Everything random here is a pure function of a seed (see {@code Rng}), so a training run can
 * be stopped and resumed at any iteration with identical batches. Nothing is downloaded at run
 * time; defective files raise {@link org.node4j.lab.data.DatasetFormatException}.
 */
package org.node4j.lab.data;
