package dev.berth.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON as trees (Jackson's {@link JsonNode}s), read and written by Jackson's streaming parser and generator
 * directly. Image configs, manifests and metadata files are turned into records by hand, so that the JSON
 * berth writes is exactly what it means to write; and no {@code ObjectMapper} is ever set up, which would
 * load and initialise hundreds of classes on every command that touches a store.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final int MAX_DEPTH = 200;

    private Json() {
    }

    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("no JSON content");
            }
            JsonNode node = value(parser, first, 0);
            if (parser.nextToken() != null) {
                throw new IOException("unexpected content after the JSON value at line "
                        + parser.currentTokenLocation().getLineNr());
            }
            return node;
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT:
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.set(name, value(parser, parser.nextToken(), depth + 1));
                }
                return object;
            case START_ARRAY:
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, depth + 1));
                }
                return array;
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                switch (parser.getNumberType()) {
                    case INT:
                        return NODES.numberNode(parser.getIntValue());
                    case LONG:
                        return NODES.numberNode(parser.getLongValue());
                    default:
                        return NODES.numberNode(parser.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new IOException("unexpected JSON token " + token);
        }
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Compact JSON, keys in insertion order. */
    public static byte[] bytes(JsonNode node) {
        return write(node, false);
    }

    public static String text(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    /** Indented JSON, for files people read. */
    public static byte[] pretty(JsonNode node) {
        return write(node, true);
    }

    private static byte[] write(JsonNode node, boolean pretty) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (pretty) {
                generator.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            write(generator, node);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator generator, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT:
                generator.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    generator.writeFieldName(field.getKey());
                    write(generator, field.getValue());
                }
                generator.writeEndObject();
                break;
            case ARRAY:
                generator.writeStartArray();
                for (JsonNode element : node) {
                    write(generator, element);
                }
                generator.writeEndArray();
                break;
            case STRING:
                generator.writeString(node.textValue());
                break;
            case NUMBER:
                if (node.isIntegralNumber()) {
                    if (node.canConvertToLong()) {
                        generator.writeNumber(node.longValue());
                    } else {
                        generator.writeNumber(node.bigIntegerValue());
                    }
                } else {
                    generator.writeNumber(node.decimalValue());
                }
                break;
            case BOOLEAN:
                generator.writeBoolean(node.booleanValue());
                break;
            case NULL:
            case MISSING:
                generator.writeNull();
                break;
            default:
                throw new IOException("cannot write a JSON node of type " + node.getNodeType());
        }
    }
}
