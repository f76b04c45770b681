/**
 * The {@link org.node4j.lab.train.TrainableModel}s of the seeds: Ott et al.'s neural ODE
 * classifiers (ICLR 2021, §2) built from {@code org.node4j.nn.model} and registered by name in the
 * model registry that the command line builds: {@code sphere2} (the Conv1d block on [1, D] signals:
 * concentric spheres of any D, three minima, XOR), {@code linear-odenet} (the MLP block) and {@code
 * image-block} (the Conv2d block on MNIST, Fashion-MNIST and CIFAR-10 images).
 */
package org.node4j.lab.models;
