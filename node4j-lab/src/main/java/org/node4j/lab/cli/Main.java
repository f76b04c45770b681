package org.node4j.lab.cli;

/** Entry point of the {@code node4j} command line. */
public final class Main {
  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.out.println("node4j");
  }
}
