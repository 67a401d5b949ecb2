package dev.haneul.core.protocol;

import java.util.List;
import java.util.Optional;

/** One operation of a service model: its input and output shapes and declared errors. */
public record OperationModel(String name, Optional<Shape> input, Optional<Shape> output,
                             Optional<String> resultWrapper, List<Shape> errors) {

    public OperationModel {
        errors = List.copyOf(errors);
    }
}
