package dev.berth.cli.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A value that templates see as a Go struct: named fields in order, where a field that does not exist is an error
 * ({@code can't evaluate field Foo in type *formatter.ContainerContext}) instead of the {@code <no value>} a map
 * gives. A field whose value is a {@link GoMethod} is called with the template's argument. Listing rows are
 * structs; plain {@code Map}s stay maps.
 */
public final class GoStruct {

    private final String typeName;
    private final Map<String, ?> fields;
    private final boolean formatterContext;

    private GoStruct(String typeName, Map<String, ?> fields, boolean formatterContext) {
        this.typeName = Objects.requireNonNull(typeName, "typeName");
        this.fields = Collections.unmodifiableMap(Objects.requireNonNull(fields, "fields"));
        this.formatterContext = formatterContext;
    }

    /**
     * A struct whose {@code json} is its fields in order, as {@code encoding/json} writes a Go struct.
     *
     * @param typeName the Go type name that error messages show, such as {@code types.Version}
     */
    public static GoStruct of(String typeName, Map<String, ?> fields) {
        return new GoStruct(typeName, new LinkedHashMap<>(fields), false);
    }

    /**
     * A row of a Docker listing: its {@code json} has the keys sorted and {@code <}, {@code >} and {@code &}
     * escaped, because Docker's formatter contexts marshal themselves through a map with {@code json.Marshal}.
     * The row is not copied.
     */
    static GoStruct formatterContext(String typeName, Map<String, ?> fields) {
        return new GoStruct(typeName, fields, true);
    }

    String typeName() {
        return typeName;
    }

    boolean isFormatterContext() {
        return formatterContext;
    }

    boolean has(String field) {
        return fields.containsKey(field);
    }

    Object get(String field) {
        return fields.get(field);
    }

    /** The fields without the methods: what {@code json} and printing show. */
    Map<String, Object> dataFields() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            if (!(entry.getValue() instanceof GoMethod)) {
                data.put(entry.getKey(), entry.getValue());
            }
        }
        return data;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GoStruct && ((GoStruct) other).typeName.equals(typeName)
                && ((GoStruct) other).fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return typeName.hashCode() * 31 + fields.hashCode();
    }

    @Override
    public String toString() {
        return typeName + fields;
    }
}
