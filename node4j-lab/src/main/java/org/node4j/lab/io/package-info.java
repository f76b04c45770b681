/** File output shared by the CLI, training and experiments: atomic writes. */
package org.node4j.lab.io;
