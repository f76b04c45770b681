package org.node4j.lab.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the names a user types ({@code dopri5}, {@code seminorm}) to typed values at the edge (the
 * command line and the configuration loader), the only place where strings become types. An unknown
 * name is a {@link UsageException} that lists every valid name, so the user can fix the command or
 * the file at once. Registries are values: {@code Main} builds them once ({@link Catalogue}) and
 * hands them to whatever needs them; there is no static registry to mutate.
 *
 * <pre>{@code
 * static final NameRegistry<Solver> SOLVERS =
 *     NameRegistry.<Solver>builder("solver").add("euler", Solvers.euler()).build();
 * Solver s = SOLVERS.get(name); // "unknown solver 'rk5'; valid solver names: euler, ..."
 * }</pre>
 *
 * <p>Names are lower-case kebab-case; lookups ignore case. Iteration follows registration order,
 * which is also the order of the names in messages and listings. Immutable and thread-safe.
 *
 * @param <T> the type of the values
 */
public final class NameRegistry<T> {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");

  private final String kind;
  private final Map<String, T> entries;

  private NameRegistry(String kind, Map<String, T> entries) {
    this.kind = kind;
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /**
   * Starts a registry.
   *
   * @param kind what the names name, singular, used in messages ({@code "solver"})
   * @param <T> the type of the values
   * @return an empty builder
   */
  public static <T> Builder<T> builder(String kind) {
    return new Builder<>(kind);
  }

  /**
   * Returns the value registered under {@code name}.
   *
   * @param name the name as typed by the user; case is ignored
   * @return the value, never null
   * @throws UsageException if no value has that name; the message lists the valid names
   */
  public T get(String name) {
    T value = name == null ? null : entries.get(name.trim().toLowerCase(Locale.ROOT));
    if (value == null) {
      throw new UsageException(
          "unknown "
              + kind
              + " '"
              + name
              + "'; valid "
              + kind
              + " names: "
              + String.join(", ", names()));
    }
    return value;
  }

  /**
   * Whether {@code name} is registered (ignoring case).
   *
   * @param name a name
   * @return true if {@link #get} would succeed
   */
  public boolean contains(String name) {
    return name != null && entries.containsKey(name.trim().toLowerCase(Locale.ROOT));
  }

  /**
   * The valid names, in registration order.
   *
   * @return an unmodifiable set
   */
  public Set<String> names() {
    return entries.keySet();
  }

  /**
   * Returns the name {@code value} is registered under: the inverse of {@link #get}, for writing a
   * typed value back out (configuration files, JSON, reports) under the name it was read by.
   *
   * @param value a registered value (compared with {@code equals})
   * @return its name
   * @throws IllegalArgumentException if the value is not registered
   */
  public String nameOf(T value) {
    for (Map.Entry<String, T> e : entries.entrySet()) {
      if (e.getValue().equals(value)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("no " + kind + " name is registered for " + value);
  }

  /**
   * All entries, in registration order, for listings such as {@code node4j solvers}.
   *
   * @return an unmodifiable map
   */
  public Map<String, T> entries() {
    return entries;
  }

  /**
   * What the names name, as given to {@link #builder}.
   *
   * @return the kind, such as {@code "solver"}
   */
  public String kind() {
    return kind;
  }

  /**
   * Collects the entries of a {@link NameRegistry}.
   *
   * @param <T> the type of the values
   */
  public static final class Builder<T> {
    private final String kind;
    private final Map<String, T> entries = new LinkedHashMap<>();

    private Builder(String kind) {
      if (kind == null || kind.isBlank()) {
        throw new IllegalArgumentException(
            "registry kind must be a non-blank noun, got '" + kind + "'");
      }
      this.kind = kind;
    }

    /**
     * Registers {@code value} under {@code name}.
     *
     * @param name lower-case kebab-case, such as {@code van-der-pol}
     * @param value the value; not null
     * @return this builder
     * @throws IllegalArgumentException if the name is malformed or already registered
     */
    public Builder<T> add(String name, T value) {
      Objects.requireNonNull(value, "value");
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            kind + " name '" + name + "' must be lower-case kebab-case such as 'van-der-pol'");
      }
      if (entries.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException(kind + " name '" + name + "' is registered twice");
      }
      return this;
    }

    /**
     * Builds the immutable registry.
     *
     * @return the registry
     * @throws IllegalArgumentException if nothing was registered
     */
    public NameRegistry<T> build() {
      if (entries.isEmpty()) {
        throw new IllegalArgumentException("a " + kind + " registry needs at least one entry");
      }
      return new NameRegistry<>(kind, entries);
    }
  }
}
