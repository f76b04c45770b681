/**
 * The compute kernels under the layers: general matrix products ({@link org.node4j.nn.kernel.Gemm},
 * a facade over a scalar kernel and a register-blocked Vector API kernel chosen once per JVM by
 * {@link org.node4j.nn.kernel.GemmKernels}), vectorised elementwise functions, and the engine's one
 * thread pool ({@link org.node4j.nn.kernel.Parallel}), which splits work at boundaries that depend
 * on the problem only, so that results do not depend on the thread count. Only the {@code Vector*}
 * classes refer to the incubating {@code jdk.incubator.vector} module.
 */
package org.node4j.nn.kernel;
