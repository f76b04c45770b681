package org.node4j.lab.experiment.marion;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The configuration of one cell of the experiment's grid, serialised with its kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PerceptronCell.class, name = "perceptron"),
  @JsonSubTypes.Type(value = ReluCounterCell.class, name = "relu-counter-example"),
  @JsonSubTypes.Type(value = ImageCell.class, name = "image")
})
public sealed interface MarionCell permits PerceptronCell, ReluCounterCell, ImageCell {

  /** A stable file-name-safe id naming the cell's run directory. */
  String id();
}
