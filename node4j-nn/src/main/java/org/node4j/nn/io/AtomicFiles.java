package org.node4j.nn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * Writes files so that a reader, or a process restarted after a crash, sees either the old complete
 * file or the new complete file, never a partial one.
 *
 * <p>The content goes to a temporary file in the target's own directory (so both are on one file
 * system), is forced to disk, and then replaces the target with {@link
 * StandardCopyOption#ATOMIC_MOVE}, which is a POSIX {@code rename(2)}. If anything fails before the
 * move, the temporary file is deleted and the target is left as it was. Checkpoints, metrics,
 * reports and CLI outputs use this so that a run killed at any moment can resume from its last
 * complete file.
 */
public final class AtomicFiles {
  private static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Produces the content of a file; called once with a stream that the caller closes. */
  @FunctionalInterface
  public interface ContentWriter {
    /**
     * Writes the whole content.
     *
     * @param out the stream to write to; buffered, must not be closed by the writer
     * @throws IOException if writing fails; the target is then left unchanged
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Atomically replaces (or creates) {@code target} with what {@code writer} produces. Missing
   * parent directories are created.
   *
   * @param target the file to write; must not be an existing directory
   * @param writer produces the content
   * @throws IOException if writing or the final move fails; no partial file is left behind
   * @throws IllegalArgumentException if {@code target} is a directory
   */
  public static void write(Path target, ContentWriter writer) throws IOException {
    Objects.requireNonNull(writer, "writer");
    Path absolute = target.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(
          "cannot write file " + absolute + ": it is a directory; choose a file path inside it");
    }
    Path dir = absolute.getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", TEMP_SUFFIX);
    boolean moved = false;
    try {
      makeReadable(temp);
      writeAndForce(temp, writer);
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      forceDirectory(dir);
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Atomically writes {@code bytes} to {@code target}.
   *
   * @param target the file to write
   * @param bytes the complete content
   * @throws IOException if writing fails; no partial file is left behind
   */
  public static void writeBytes(Path target, byte[] bytes) throws IOException {
    Objects.requireNonNull(bytes, "bytes");
    write(target, out -> out.write(bytes));
  }

  /**
   * Atomically writes {@code text} to {@code target} as UTF-8.
   *
   * @param target the file to write
   * @param text the complete content
   * @throws IOException if writing fails; no partial file is left behind
   */
  public static void writeString(Path target, CharSequence text) throws IOException {
    writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void writeAndForce(Path temp, ContentWriter writer) throws IOException {
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
      writer.writeTo(new NonClosingOutputStream(out));
      out.flush();
      channel.force(true);
    }
  }

  /**
   * Gives the file the usual rw-r--r-- mode: temporary files are created owner-only (0600), which
   * would otherwise carry over to reports and parameters that others are meant to read.
   */
  private static void makeReadable(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  /**
   * Makes the rename itself durable. Some platforms (Windows) cannot open a directory as a channel;
   * the file content is already on disk there and the rename is as durable as the OS makes it.
   */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      // Best effort by design: see the method comment.
    }
  }
}
