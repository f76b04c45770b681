/**
 * The {@code node4j} command line: {@link org.node4j.lab.cli.Main} and its picocli commands. This
 * is the edge where strings become typed values ({@link org.node4j.lab.cli.NameRegistry}); all the
 * work happens in the library packages.
 */
package org.node4j.lab.cli;
