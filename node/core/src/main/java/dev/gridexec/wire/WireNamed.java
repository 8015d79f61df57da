package dev.gridexec.wire;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An enum of task.json whose values are written as their constants' names in lower case ({@link Mode}, {@link Isolation}). */
public interface WireNamed {

    /** The constant's name (an enum's own {@code name()}). */
    String name();

    /** The name used in task.json, lower case. */
    @JsonValue
    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The one of {@code values} named {@code name} in task.json, if any. */
    static <E extends WireNamed> Optional<E> fromWireName(E[] values, String name) {
        return Arrays.stream(values).filter(value -> value.wireName().equals(name)).findFirst();
    }
}
