/**
 * Typed experiment configuration: records for the data, model, integration, optimiser, training
 * loop and Ott et al.'s step and tolerance adaptation (Ott et al. 2021, §2.4, §3 and Alg. 2), read
 * from YAML or JSON by {@link org.node4j.lab.config.ConfigLoader} with defaults, overrides and
 * messages that name every valid key.
 */
package org.node4j.lab.config;
