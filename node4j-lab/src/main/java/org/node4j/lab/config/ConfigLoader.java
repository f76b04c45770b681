package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.node4j.ode.grad.AdjointNorm;
import org.node4j.ode.solver.Solver;

/**
 * Reads an {@link ExperimentConfig} from YAML or JSON, fills in the defaults, applies {@code
 * key.path=value} overrides, and turns every mistake into a {@link UsageException} that names the
 * key and the fix: an unknown key lists the valid keys at its level, an unknown name lists the
 * valid names.
 *
 * <p>This is where names become objects: solver, controller, gradient-method and adjoint-norm names
 * are looked up in the {@link Catalogue} the loader was built with (ignoring case), and a name that
 * is not there fails here, naming the file, the key and the valid names. Writing puts each value
 * back under its catalogue name. A controller or gradient method may be given as a bare name
 * ({@code gradient: adjoint}) or as a mapping with options ({@code gradient: {name: adjoint, norm:
 * seminorm}}).
 *
 * <p>Order of precedence, lowest first: the defaults of each part ({@code DataConfig.defaults()},
 * ...), the file, the overrides. Objects merge key by key; any other value replaces the one below.
 * Writing ({@link #toYaml}) gives the resolved configuration, which reads back to an equal record.
 * Every mistake is a {@link UsageException}.
 */
public final class ConfigLoader {
  /** The keys whose value may be a bare name standing for {@code {name: value}}. */
  private static final List<List<String>> NAMED_OBJECTS =
      List.of(
          List.of("integration", "controller"),
          List.of("integration", "gradient"),
          List.of("integration", "gradient", "controller"));

  private final Catalogue catalogue;
  private final ObjectMapper yaml;
  private final ObjectMapper json;
  private final ObjectMapper writer;

  /**
   * Creates a loader that reads names from {@code catalogue}.
   *
   * @param catalogue the solvers, controllers, gradient methods and norms a file may name
   */
  public ConfigLoader(Catalogue catalogue) {
    this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    SimpleModule names = new SimpleModule("node4j-names");
    named(names, Solver.class, catalogue.solvers());
    named(names, ControllerKind.class, catalogue.controllers());
    named(names, GradientKind.class, catalogue.gradients());
    named(names, AdjointNorm.class, catalogue.norms());
    this.yaml = configure(YAMLMapper.builder()).addModule(names).build();
    this.json = configure(JsonMapper.builder()).addModule(names).build();
    this.writer =
        YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(names)
            .build();
  }

  /** Returns the catalogue the names are read from. */
  public Catalogue catalogue() {
    return catalogue;
  }

  /** Reads and writes values of {@code type} by their names in {@code registry}. */
  private static <T> void named(SimpleModule module, Class<T> type, NameRegistry<T> registry) {
    module.addDeserializer(
        type,
        new StdDeserializer<T>(type) {
          private static final long serialVersionUID = 1L;

          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
              throw new UsageException(
                  "expected a "
                      + registry.kind()
                      + " name, got "
                      + p.getText()
                      + "; valid "
                      + registry.kind()
                      + " names: "
                      + String.join(", ", registry.names()));
            }
            return registry.get(p.getText());
          }
        });
    module.addSerializer(
        type,
        new StdSerializer<T>(type) {
          private static final long serialVersionUID = 1L;

          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(registry.nameOf(value));
          }
        });
  }

  private static <
          M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
      B configure(B builder) {
    return builder
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);
  }

  /**
   * Reads {@code file} (JSON when it ends in {@code .json}, else YAML) and applies {@code
   * overrides}.
   *
   * @param file the configuration file
   * @param overrides {@code key.path=value} strings, e.g. {@code training.iterations=500}; a value
   *     is read as a YAML scalar, so {@code null} clears a key
   * @return the validated configuration
   * @throws UsageException for an unreadable file, unknown key or invalid value
   */
  public ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UsageException("cannot read config file " + file + ": " + e, e);
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return parse(text, json, file.toString(), overrides);
  }

  /**
   * Parses configuration text, as {@link #load} does for a file.
   *
   * @param text the YAML or JSON document; empty means all defaults
   * @param isJson whether the text is JSON (else YAML)
   * @param source names the text in messages, e.g. the file name
   * @param overrides {@code key.path=value} strings
   * @return the validated configuration
   */
  public ExperimentConfig parse(
      String text, boolean isJson, String source, List<String> overrides) {
    ObjectNode tree = defaultsTree();
    JsonNode user;
    try {
      user = (isJson ? json : yaml).readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsageException("cannot parse " + source + ": " + e.getOriginalMessage(), e);
    }
    if (user != null && !user.isMissingNode() && !user.isNull()) {
      if (!user.isObject()) {
        throw new UsageException(
            source + " must hold a mapping of keys (data, model, integration, ...), got " + user);
      }
      merge(tree, (ObjectNode) user);
    }
    for (String override : overrides) {
      applyOverride(tree, override);
    }
    for (List<String> path : NAMED_OBJECTS) {
      expandName(tree, path);
    }
    return bind(tree, source);
  }

  /** Turns a bare name at {@code path} into {@code {name: value}}. */
  private static void expandName(ObjectNode root, List<String> path) {
    ObjectNode node = root;
    for (String key : path.subList(0, path.size() - 1)) {
      if (!(node.get(key) instanceof ObjectNode child)) {
        return;
      }
      node = child;
    }
    String last = path.get(path.size() - 1);
    JsonNode value = node.get(last);
    if (value != null && value.isTextual()) {
      node.putObject(last).set("name", value);
    }
  }

  /** Returns the resolved configuration as YAML (null keys omitted); it parses back equal. */
  public String toYaml(ExperimentConfig config) {
    try {
      return writer.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the configuration", e);
    }
  }

  private ObjectNode defaultsTree() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("data", json.valueToTree(DataConfig.defaults()));
    root.set("model", json.valueToTree(ModelConfig.defaults()));
    root.set("integration", json.valueToTree(IntegrationConfig.defaults()));
    root.set("optimizer", json.valueToTree(OptimizerConfig.defaults()));
    root.set("training", json.valueToTree(TrainingConfig.defaults()));
    root.set("stepAdaptation", json.valueToTree(StepAdaptationConfig.defaults()));
    root.set("toleranceAdaptation", json.valueToTree(ToleranceAdaptationConfig.defaults()));
    return root;
  }

  /** Merges {@code top} into {@code base}: objects key by key, anything else replaced. */
  private static void merge(ObjectNode base, ObjectNode top) {
    top.fields()
        .forEachRemaining(
            e -> {
              JsonNode below = base.get(e.getKey());
              if (below instanceof ObjectNode b && e.getValue() instanceof ObjectNode t) {
                merge(b, t);
              } else {
                base.set(e.getKey(), e.getValue());
              }
            });
  }

  private void applyOverride(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(
          "override '"
              + override
              + "' must look like key.path=value, e.g. training.iterations=500");
    }
    String[] keys = override.substring(0, eq).trim().split("\\.");
    JsonNode value;
    try {
      value = yaml.readTree(override.substring(eq + 1));
    } catch (JsonProcessingException e) {
      throw new UsageException(
          "cannot read the value of override '" + override + "': " + e.getOriginalMessage(), e);
    }
    ObjectNode node = root;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = node.get(keys[i]);
      if (!(child instanceof ObjectNode)) {
        child = node.putObject(keys[i]);
      }
      node = (ObjectNode) child;
    }
    node.set(keys[keys.length - 1], value == null || value.isMissingNode() ? null : value);
  }

  /**
   * Reads one named part as a configuration file would hold it: a bare name ({@code pid}) or a YAML
   * flow mapping ({@code {name: adjoint, norm: seminorm}}). The command line reads {@code --method}
   * and {@code --controller} with this, so they take the file's names and keys.
   *
   * @param text the value as typed
   * @param type {@link GradientConfig} or {@link ControllerConfig}
   * @param source names the value in messages, e.g. {@code --method}
   * @return the validated value
   * @throws UsageException for an unknown name or key, or an invalid value
   */
  public <T> T parseValue(String text, Class<T> type, String source) {
    JsonNode node;
    try {
      node = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UsageException("cannot parse " + source + " '" + text + "': " + e.getMessage(), e);
    }
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("value", node);
    expandName(root, List.of("value"));
    expandName(root, List.of("value", "controller"));
    if (!(root.get("value") instanceof ObjectNode object)) {
      throw new UsageException(
          source + " must be a name or a mapping such as {name: ..., key: value}, got " + text);
    }
    return bind(object, type, source);
  }

  /**
   * Returns the shortest text {@link #parseValue} reads back to {@code value}: its name alone when
   * every option has its default, else a flow mapping of the options given, e.g. {@code {name:
   * checkpointed, every: 4}}. Reports label methods and controllers with it.
   */
  public String describe(Object value) {
    return describeTree(json.valueToTree(value));
  }

  private static String describeTree(JsonNode node) {
    List<String> parts = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (!v.isNull()) {
                parts.add(e.getKey() + ": " + (v.isObject() ? describeTree(v) : v.asText()));
              }
            });
    return parts.size() == 1 && node.has("name")
        ? node.get("name").asText()
        : "{" + String.join(", ", parts) + "}";
  }

  private ExperimentConfig bind(ObjectNode tree, String source) {
    return bind(tree, ExperimentConfig.class, source);
  }

  private <T> T bind(ObjectNode tree, Class<T> type, String source) {
    try {
      return json.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String level = pathOf(e, 1);
      List<String> valid = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      throw new UsageException(
          source
              + ": unknown key '"
              + e.getPropertyName()
              + "'"
              + (level.isEmpty() ? " at the top level" : " in '" + level + "'")
              + "; valid keys"
              + (level.isEmpty() ? "" : " of '" + level + "'")
              + ": "
              + String.join(", ", valid),
          e);
    } catch (InvalidFormatException e) {
      throw new UsageException(source + ": " + describeInvalid(e), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      boolean enumValue = e.getType() != null && e.getType().isEnumType();
      String where = enumValue ? "at '" + pathOf(e, 0) + "': " : "";
      throw new UsageException(source + ": " + where + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new UsageException(
          source + ": invalid value at '" + pathOf(e, 0) + "': " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new UsageException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  private String describeInvalid(InvalidFormatException e) {
    String key = pathOf(e, 0);
    Class<?> type = e.getTargetType();
    if (type != null && type.isEnum()) {
      String valid =
          Arrays.stream(type.getEnumConstants())
              .map(c -> json.convertValue(c, String.class))
              .collect(Collectors.joining(", "));
      return "invalid value '" + e.getValue() + "' for '" + key + "'; valid values: " + valid;
    }
    return "invalid value '"
        + e.getValue()
        + "' for '"
        + key
        + "': expected "
        + (type == null ? "another type" : type.getSimpleName().toLowerCase(Locale.ROOT));
  }

  /** The dotted key path of a mapping error, without its last {@code drop} elements. */
  private static String pathOf(JsonMappingException e, int drop) {
    List<JsonMappingException.Reference> path = e.getPath();
    return path.subList(0, Math.max(0, path.size() - drop)).stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }
}
