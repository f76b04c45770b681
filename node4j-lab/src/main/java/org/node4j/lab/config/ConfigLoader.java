package org.node4j.lab.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Reads an {@link ExperimentConfig} from YAML or JSON, fills in the defaults, applies {@code
 * key.path=value} overrides, and turns every mistake into an {@link IllegalArgumentException} that
 * names the key and the fix: an unknown key lists the valid keys at its level, an unknown name
 * lists the valid names.
 *
 * <p>Order of precedence, lowest first: the defaults of each part ({@code DataConfig.defaults()},
 * ...), the file, the overrides. Objects merge key by key; any other value replaces the one below.
 * Writing ({@link #toYaml}) gives the resolved configuration, which reads back to an equal record.
 */
public final class ConfigLoader {
  private static final ObjectMapper YAML = configure(YAMLMapper.builder()).build();
  private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
  private static final ObjectMapper WRITER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private ConfigLoader() {}

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
   * @throws IllegalArgumentException for an unreadable file, unknown key or invalid value
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    return parse(text, json, file.toString(), overrides);
  }

  /**
   * Parses configuration text, as {@link #load} does for a file.
   *
   * @param text the YAML or JSON document; empty means all defaults
   * @param json whether the text is JSON (else YAML)
   * @param source names the text in messages, e.g. the file name
   * @param overrides {@code key.path=value} strings
   * @return the validated configuration
   */
  public static ExperimentConfig parse(
      String text, boolean json, String source, List<String> overrides) {
    ObjectNode tree = defaultsTree();
    JsonNode user;
    try {
      user = (json ? JSON : YAML).readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot parse " + source + ": " + e.getOriginalMessage(), e);
    }
    if (user != null && !user.isMissingNode() && !user.isNull()) {
      if (!user.isObject()) {
        throw new IllegalArgumentException(
            source + " must hold a mapping of keys (data, model, integration, ...), got " + user);
      }
      merge(tree, (ObjectNode) user);
    }
    for (String override : overrides) {
      applyOverride(tree, override);
    }
    return bind(tree, source);
  }

  /** Returns the resolved configuration as YAML (null keys omitted); it parses back equal. */
  public static String toYaml(ExperimentConfig config) {
    try {
      return WRITER.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the configuration", e);
    }
  }

  private static ObjectNode defaultsTree() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.set("data", JSON.valueToTree(DataConfig.defaults()));
    root.set("model", JSON.valueToTree(ModelConfig.defaults()));
    root.set("integration", JSON.valueToTree(IntegrationConfig.defaults()));
    root.set("optimizer", JSON.valueToTree(OptimizerConfig.defaults()));
    root.set("training", JSON.valueToTree(TrainingConfig.defaults()));
    root.set("stepAdaptation", JSON.valueToTree(StepAdaptationConfig.defaults()));
    root.set("toleranceAdaptation", JSON.valueToTree(ToleranceAdaptationConfig.defaults()));
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

  private static void applyOverride(ObjectNode root, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "override '"
              + override
              + "' must look like key.path=value, e.g. training.iterations=500");
    }
    String[] keys = override.substring(0, eq).trim().split("\\.");
    JsonNode value;
    try {
      value = YAML.readTree(override.substring(eq + 1));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
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

  private static ExperimentConfig bind(ObjectNode tree, String source) {
    try {
      return JSON.treeToValue(tree, ExperimentConfig.class);
    } catch (UnrecognizedPropertyException e) {
      String level = pathOf(e, 1);
      List<String> valid = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      throw new IllegalArgumentException(
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
      throw new IllegalArgumentException(source + ": " + describeInvalid(e), e);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      boolean enumValue = e.getType() != null && e.getType().isEnumType();
      String where = enumValue ? "at '" + pathOf(e, 0) + "': " : "";
      throw new IllegalArgumentException(source + ": " + where + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          source + ": invalid value at '" + pathOf(e, 0) + "': " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String describeInvalid(InvalidFormatException e) {
    String key = pathOf(e, 0);
    Class<?> type = e.getTargetType();
    if (type != null && type.isEnum()) {
      String valid =
          Arrays.stream(type.getEnumConstants())
              .map(c -> JSON.convertValue(c, String.class))
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
