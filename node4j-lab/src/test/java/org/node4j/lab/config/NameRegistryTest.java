package org.node4j.lab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NameRegistryTest {
  private final NameRegistry<Integer> orders =
      NameRegistry.<Integer>builder("solver")
          .add("euler", 1)
          .add("midpoint", 2)
          .add("rk4", 4)
          .add("dopri5", 5)
          .build();

  @Test
  void mapsNamesToValuesIgnoringCaseAndSurroundingSpace() {
    assertThat(orders.get("rk4")).isEqualTo(4);
    assertThat(orders.get("DoPri5")).isEqualTo(5);
    assertThat(orders.get(" euler ")).isEqualTo(1);
    assertThat(orders.contains("MIDPOINT")).isTrue();
    assertThat(orders.contains("rk45")).isFalse();
  }

  @Test
  void unknownNameListsEveryValidNameInRegistrationOrder() {
    assertThatThrownBy(() -> orders.get("rk5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown solver 'rk5'; valid solver names: euler, midpoint, rk4, dopri5");
  }

  @Test
  void nullNameIsAnUnknownName() {
    assertThatThrownBy(() -> orders.get(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown solver 'null'");
  }

  @Test
  void keepsRegistrationOrderAndIsImmutable() {
    assertThat(orders.names()).containsExactly("euler", "midpoint", "rk4", "dopri5");
    assertThat(orders.entries()).containsEntry("rk4", 4);
    assertThat(orders.kind()).isEqualTo("solver");
    assertThatThrownBy(() -> orders.entries().put("x", 0))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsDuplicateMalformedAndEmptyRegistrations() {
    NameRegistry.Builder<String> systems =
        NameRegistry.<String>builder("system").add("harmonic", "h");

    assertThatThrownBy(() -> systems.add("harmonic", "again"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'harmonic' is registered twice");
    assertThatThrownBy(() -> systems.add("Van der Pol", "v"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kebab-case");
    assertThatThrownBy(() -> NameRegistry.builder("system").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
  }
}
