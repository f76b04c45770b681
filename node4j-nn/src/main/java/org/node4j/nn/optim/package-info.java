/**
 * Optimisers that update parameters in place, step for step as {@code torch.optim}: Adam and AdamW
 * (Kingma and Ba 2015; Loshchilov and Hutter 2019), SGD with (Nesterov) momentum, parameter groups,
 * gradient clipping, closed-form learning-rate schedules, and the optimiser state as named tensors
 * for checkpoints.
 */
package org.node4j.nn.optim;
