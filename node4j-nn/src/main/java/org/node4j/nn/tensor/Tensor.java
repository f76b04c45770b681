package org.node4j.nn.tensor;

import java.util.Arrays;

/**
 * A dense, row-major array of float32 or float64 values with a fixed shape.
 *
 * <p>A tensor owns exactly one backing array, {@link #floats()} for {@link DType#FLOAT32} or {@link
 * #doubles()} for {@link DType#FLOAT64}; the other accessor throws. Kernels read and write the
 * backing array directly, so a tensor is a mutable buffer that its owner reuses across calls rather
 * than an immutable value. The shape never changes after construction.
 */
public final class Tensor {
  private final DType dtype;
  private final int[] shape;
  private final int size;
  private final float[] f;
  private final double[] d;

  private Tensor(DType dtype, int[] shape, float[] f, double[] d) {
    this.dtype = dtype;
    this.shape = shape;
    this.size = checkedSize(shape);
    this.f = f;
    this.d = d;
  }

  /** Returns a new zero tensor of the given type and shape. */
  public static Tensor zeros(DType dtype, int... shape) {
    int[] s = shape.clone();
    int n = checkedSize(s);
    return dtype == DType.FLOAT32
        ? new Tensor(dtype, s, new float[n], null)
        : new Tensor(dtype, s, null, new double[n]);
  }

  /** Wraps a float array without copying; its length must equal the product of the shape. */
  public static Tensor wrap(float[] data, int... shape) {
    Tensor t = new Tensor(DType.FLOAT32, shape.clone(), data, null);
    requireLength(data.length, t.size, shape);
    return t;
  }

  /** Wraps a double array without copying; its length must equal the product of the shape. */
  public static Tensor wrap(double[] data, int... shape) {
    Tensor t = new Tensor(DType.FLOAT64, shape.clone(), null, data);
    requireLength(data.length, t.size, shape);
    return t;
  }

  /** Returns a new zero tensor with this tensor's type and shape. */
  public Tensor zerosLike() {
    return zeros(dtype, shape);
  }

  /** Returns a deep copy. */
  public Tensor copy() {
    return f != null
        ? new Tensor(dtype, shape.clone(), f.clone(), null)
        : new Tensor(dtype, shape.clone(), null, d.clone());
  }

  /** Returns a copy converted to {@code target}. */
  public Tensor to(DType target) {
    if (target == dtype) {
      return copy();
    }
    Tensor out = zeros(target, shape);
    for (int i = 0; i < size; i++) {
      out.set(i, get(i));
    }
    return out;
  }

  /** Copies {@code src} into this tensor; shapes must match, dtypes may differ. */
  public void copyFrom(Tensor src) {
    requireSameShape(this, src);
    if (src.dtype == dtype) {
      if (f != null) {
        System.arraycopy(src.f, 0, f, 0, size);
      } else {
        System.arraycopy(src.d, 0, d, 0, size);
      }
    } else {
      for (int i = 0; i < size; i++) {
        set(i, src.get(i));
      }
    }
  }

  /**
   * Copies {@code length} elements of {@code src} from {@code srcPos} into this tensor from {@code
   * dstPos}, both read as flat arrays; the dtypes must match. The ranges may overlap when {@code
   * src} is this tensor ({@link System#arraycopy} semantics).
   *
   * @throws IllegalArgumentException if the dtypes differ
   * @throws IndexOutOfBoundsException if a range is outside its tensor
   */
  public void copyRange(Tensor src, int srcPos, int dstPos, int length) {
    if (src.dtype != dtype) {
      throw new IllegalArgumentException(
          "copyRange needs one dtype, got " + src.dtype + " into " + dtype);
    }
    System.arraycopy(src.array(), srcPos, array(), dstPos, length);
  }

  /** Sets elements {@code [from, to)} of the flattened tensor to {@code value}, rounded once. */
  public void fill(int from, int to, double value) {
    if (f != null) {
      Arrays.fill(f, from, to, (float) value);
    } else {
      Arrays.fill(d, from, to, value);
    }
  }

  /** Sets every element to zero. */
  public void fillZero() {
    if (f != null) {
      Arrays.fill(f, 0f);
    } else {
      Arrays.fill(d, 0.0);
    }
  }

  /** Returns the element type. */
  public DType dtype() {
    return dtype;
  }

  /** Returns a copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Returns dimension {@code i} of the shape; negative indices count from the end. */
  public int dim(int i) {
    return shape[i < 0 ? shape.length + i : i];
  }

  /** Returns the number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** Returns the number of elements. */
  public int size() {
    return size;
  }

  /** Returns the number of bytes of the backing array. */
  public long bytes() {
    return (long) size * dtype.bytes();
  }

  /** Returns the backing float array. */
  public float[] floats() {
    if (f == null) {
      throw new IllegalStateException("tensor is " + dtype + ", not FLOAT32; use doubles()");
    }
    return f;
  }

  /** Returns the backing double array. */
  public double[] doubles() {
    if (d == null) {
      throw new IllegalStateException("tensor is " + dtype + ", not FLOAT64; use floats()");
    }
    return d;
  }

  private Object array() {
    return f != null ? f : d;
  }

  /** Returns element {@code i} of the flattened tensor as a double. */
  public double get(int i) {
    return f != null ? f[i] : d[i];
  }

  /** Sets element {@code i} of the flattened tensor, rounding to the tensor's type. */
  public void set(int i, double v) {
    if (f != null) {
      f[i] = (float) v;
    } else {
      d[i] = v;
    }
  }

  /**
   * Returns a tensor with a new shape that shares this tensor's backing array (a view: writes
   * through either are seen by both); the sizes must agree.
   */
  public Tensor reshape(int... newShape) {
    requireLength(size, checkedSize(newShape), newShape);
    return f != null
        ? new Tensor(dtype, newShape.clone(), f, null)
        : new Tensor(dtype, newShape.clone(), null, d);
  }

  /** Returns {@code true} when both tensors have the same shape. */
  public boolean sameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  /**
   * Checks that two tensors have the same shape (dtypes may differ; see {@code Shapes.requireSame}
   * in {@code org.node4j.nn.ops} for a check of both).
   *
   * @throws IllegalArgumentException naming both shapes when they differ
   */
  public static void requireSameShape(Tensor expected, Tensor actual) {
    if (!Arrays.equals(expected.shape, actual.shape)) {
      throw new IllegalArgumentException(
          "shape mismatch: expected "
              + Arrays.toString(expected.shape)
              + " but got "
              + Arrays.toString(actual.shape));
    }
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " " + dtype;
  }

  private static int checkedSize(int[] shape) {
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= s;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
    }
    return (int) n;
  }

  private static void requireLength(int length, int size, int[] shape) {
    if (length != size) {
      throw new IllegalArgumentException(
          "data of length " + length + " does not fit shape " + Arrays.toString(shape));
    }
  }
}
