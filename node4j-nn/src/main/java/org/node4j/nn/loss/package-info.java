/**
 * Losses and metrics with PyTorch's semantics and mean reductions: cross-entropy of class labels
 * under a softmax, mean squared error, and true classification accuracy (correct / total).
 */
package org.node4j.nn.loss;
