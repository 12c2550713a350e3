package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected strings are Go's {@code encoding/json} output (go1.19, with Go 1.22's {@code \b} and {@code \f}). */
class GoJsonTest {

    @Test
    void stringsUseGoEscapes() {
        assertEquals("\"a\\u0001\\b\\f\\n\\t\\r\\\"\\\\/\"", GoJson.encode("a\u0001\b\f\n\t\r\"\\/", false));
        assertEquals("\"\\u2028\\u2029\"", GoJson.encode("\u2028\u2029", false));
        assertEquals("\"<a&b>\"", GoJson.encode("<a&b>", false));
        assertEquals("\"\\u003ca\\u0026b\\u003e\"", GoJson.encode("<a&b>", true));
        assertEquals("\"日本é\uD83D\uDE00\"", GoJson.encode("日本é\uD83D\uDE00", false));
        assertEquals("\"\\ufffd\"", GoJson.encode("\uD800", false));
    }

    @Test
    void numbersLikeGo() {
        assertEquals("3", GoJson.encode(3, false));
        assertEquals("-9223372036854775808", GoJson.encode(Long.MIN_VALUE, false));
        assertEquals("0.25", GoJson.encode(0.25, false));
        assertEquals("123456789", GoJson.encode(123456789.0, false));
        assertEquals("1e+21", GoJson.encode(1e21, false));
        assertEquals("100000000000000000000", GoJson.encode(1e20, false));
        assertEquals("0.000001", GoJson.encode(0.000001, false));
        assertEquals("1e-7", GoJson.encode(1e-7, false));
        assertEquals("-2.5e-9", GoJson.encode(-2.5e-9, false));
        assertThrows(IllegalArgumentException.class, () -> GoJson.encode(Double.NaN, false));
    }

    @Test
    void mapsKeepTheirOrderAndStructsOfListingsSortAndEscape() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", "<x>");
        map.put("a", Arrays.asList(1, null, true));
        assertEquals("{\"b\":\"<x>\",\"a\":[1,null,true]}", GoJson.encode(map, false));
        assertEquals("{\"b\":\"<x>\",\"a\":[1,null,true]}", GoJson.encode(GoStruct.of("T", map), false));
        Map<String, Object> row = new LinkedHashMap<>(map);
        row.put("Label", (GoMethod) key -> "");
        assertEquals("{\"a\":[1,null,true],\"b\":\"\\u003cx\\u003e\"}",
                GoJson.encode(GoStruct.formatterContext("T", row), false));
        List<Object> empty = new ArrayList<>();
        assertEquals("[]", GoJson.encode(empty, false));
        assertEquals("null", GoJson.encode(null, false));
        assertEquals("null", GoJson.encode(TemplateValues.MISSING, false));
    }

    @Test
    void otherJavaTypesAreAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> GoJson.encode(new Object(), false));
    }
}
