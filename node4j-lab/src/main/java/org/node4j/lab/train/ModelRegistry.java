package org.node4j.lab.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.node4j.lab.models.ResidualModelFactories;
import org.node4j.lab.models.SeedModelFactories;

/**
 * The models {@code model.name} can name. Built-in models are listed in {@link #BUILT_IN} (one line
 * each, added by the model packages); tests and plug-ins may {@link #register} more at run time.
 *
 * <p>Thread-safe. An unknown name is an {@link IllegalArgumentException} listing the valid names.
 */
public final class ModelRegistry {
  private static final Pattern NAME = Pattern.compile("[a-z0-9]+([-_.][a-z0-9]+)*");

  /** The built-in factories by name, in listing order. */
  private static final Map<String, ModelFactory> BUILT_IN = builtIn();

  private static final Map<String, ModelFactory> REGISTERED = new LinkedHashMap<>();

  private ModelRegistry() {}

  private static Map<String, ModelFactory> builtIn() {
    Map<String, ModelFactory> m = new LinkedHashMap<>();
    m.put("sphere2", SeedModelFactories::sphere2);
    m.put("linear-odenet", SeedModelFactories::linearOdenet);
    m.put("image-block", SeedModelFactories::imageBlock);
    m.put("resnet", ResidualModelFactories::resnet);
    m.put("heunnet", ResidualModelFactories::heunnet);
    return Collections.unmodifiableMap(m);
  }

  /** A run-time registration; closing it removes the factory again. */
  public interface Registration extends AutoCloseable {
    /** Removes the factory. */
    @Override
    void close();
  }

  /**
   * Registers {@code factory} under {@code name} until the returned registration is closed.
   *
   * @throws IllegalArgumentException if the name is malformed or taken
   */
  public static Registration register(String name, ModelFactory factory) {
    Objects.requireNonNull(factory, "factory");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "model name '" + name + "' must be lower-case kebab-case such as 'sphere2'");
    }
    synchronized (REGISTERED) {
      if (BUILT_IN.containsKey(name) || REGISTERED.containsKey(name)) {
        throw new IllegalArgumentException("model name '" + name + "' is already registered");
      }
      REGISTERED.put(name, factory);
    }
    return () -> {
      synchronized (REGISTERED) {
        REGISTERED.remove(name, factory);
      }
    };
  }

  /**
   * Returns the factory registered under {@code name}.
   *
   * @throws IllegalArgumentException listing the valid names when there is none
   */
  public static ModelFactory get(String name) {
    ModelFactory f = BUILT_IN.get(name);
    if (f == null) {
      synchronized (REGISTERED) {
        f = REGISTERED.get(name);
      }
    }
    if (f == null) {
      List<String> names = names();
      throw new IllegalArgumentException(
          "unknown model '"
              + name
              + "'; "
              + (names.isEmpty()
                  ? "no model is registered in this build"
                  : "valid model names: " + String.join(", ", names)));
    }
    return f;
  }

  /** Returns every valid name: the built-in ones, then the registered ones. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(BUILT_IN.keySet());
    synchronized (REGISTERED) {
      names.addAll(REGISTERED.keySet());
    }
    return names;
  }
}
