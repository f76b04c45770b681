package org.node4j.nn.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.node4j.nn.tensor.Tensor;

/**
 * Named tensors on disk in a small versioned binary format: the storage of model parameters,
 * optimiser state and training checkpoints.
 *
 * <p>Layout, all integers and floating-point data <b>little-endian</b>:
 *
 * <pre>
 * offset  size  field
 * 0       8     magic 0x89 'N' '4' 'J' 'T' '\r' '\n' 0x1A (PNG-style: catches text-mode damage)
 * 8       4     format version, u32 = 1
 * 12      4     tensor count, u32
 * 16      8     payload length P in bytes, u64
 * 24      P     payload: per tensor, in order
 *                 u32 name length n (at most 65535), n bytes of UTF-8 name,
 *                 u8 dtype (1 = FLOAT32, 2 = FLOAT64), u8 rank r (at most 32),
 *                 r x u32 dimensions, then the elements in row-major order (4 or 8 bytes each)
 * 24+P    4     CRC32 of bytes [0, 24+P)
 * </pre>
 *
 * <p>Reading validates the whole file (magic, version, length, checksum, structure) before
 * returning anything, and reports each failure as a {@link TensorFileException} with its {@link
 * TensorFileException.Problem} and the file's path. Writing is atomic: the bytes go to a temporary
 * file in the same directory, are forced to disk, and the file is renamed over the target with
 * {@code ATOMIC_MOVE}, so readers see the old file or the new one, never a mixture.
 */
public final class TensorFile {
  /** The format version this build writes and reads. */
  public static final int VERSION = 1;

  private TensorFile() {}

  /**
   * Writes {@code tensors} atomically to {@code file}, in the map's iteration order.
   *
   * @throws IllegalArgumentException for an empty name or one longer than 65535 UTF-8 bytes
   * @throws IOException when the directory is not writable or the disk is full; the target is then
   *     unchanged
   */
  public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
    TensorFileWriter.write(file, tensors);
  }

  /**
   * Reads every tensor of {@code file}, in file order.
   *
   * @return a new modifiable map, in the order the tensors were written
   * @throws TensorFileException when the file is not a valid tensor file of this version
   * @throws IOException when the file cannot be read at all (for example, it does not exist)
   */
  public static Map<String, Tensor> read(Path file) throws IOException {
    return TensorFileReader.read(file);
  }
}
