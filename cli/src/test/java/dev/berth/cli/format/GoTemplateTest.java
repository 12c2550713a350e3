package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What {@link GoTemplate} does beyond the cases compared with Go in {@link GoTemplateOracleTest}: the behaviour of
 * newer Go versions that Docker 28 is built with, and the API's own guarantees.
 */
class GoTemplateTest {

    private static String run(String template, Object data) throws TemplateException {
        return GoTemplate.parse(template).execute(data);
    }

    @Test
    void rangeOverAnIntegerAsSinceGo122() throws TemplateException {
        assertEquals("012", run("{{range 3}}{{.}}{{end}}", null));
        assertEquals("none", run("{{range 0}}x{{else}}none{{end}}", null));
        assertEquals("ab", run("{{range $i := 2}}{{index \"ab\" $i | printf \"%c\"}}{{end}}", null));
        TemplateException e = assertThrows(TemplateException.class, () -> run("{{range $i, $e := 3}}{{end}}", null));
        assertEquals("template: :1:18: executing \"\" at <3>: can't use 3 to iterate over more than one variable",
                e.goMessage());
    }

    @Test
    void elseWithAsSinceGo123() throws TemplateException {
        Map<String, Object> data = Map.of("Name", "web");
        assertEquals("bweb", run("{{with .Missing}}a{{else with .Name}}b{{.}}{{end}}", data));
        assertEquals("c", run("{{with .Missing}}a{{else with .Nope}}b{{else}}c{{end}}", data));
    }

    @Test
    void inspectStyleFormatsKeepBackslashT() throws TemplateException {
        // docker inspect -f and version --format parse the template as given: only listings turn \t into a tab.
        assertEquals("web\\tx", run("{{.Name}}\\tx", Map.of("Name", "web")));
    }

    @Test
    void labelsIndexToEmptyWhenMissingAsDockersTypedMapsDo() throws TemplateException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Labels", Map.of("com.example.version", "1.2"));
        config.put("Cmd", List.of("sh", "-c", "sleep 1"));
        Map<String, Object> data = Map.of("Config", config);
        assertEquals("1.2||<no value>", run("{{index .Config.Labels \"com.example.version\"}}|"
                + "{{index .Config.Labels \"nope\"}}|{{.Config.Labels.nope}}", data));
        assertEquals("sh -c sleep 1", run("{{join .Config.Cmd \" \"}}", data));
        assertEquals("{\"Labels\":{\"com.example.version\":\"1.2\"},\"Cmd\":[\"sh\",\"-c\",\"sleep 1\"]}",
                run("{{json .Config}}", data));
    }

    @Test
    void otherJavaValuesPrintAsTheirText() throws TemplateException {
        assertEquals("PT1M", run("{{.D}}", Map.of("D", Duration.ofMinutes(1))));
    }

    @Test
    void aTemplateIsImmutableAndReusable() throws TemplateException {
        GoTemplate template = GoTemplate.parse("{{$x := .}}{{$x}}");
        assertEquals("a", template.execute("a"));
        assertEquals("b", template.execute("b"));
        assertEquals("{{$x := .}}{{$x}}", template.toString());
    }

    @Test
    void partialOutputStaysWhenExecutionFails() throws TemplateException {
        StringBuilder out = new StringBuilder();
        GoTemplate template = GoTemplate.parse("before {{.Name.Foo}} after");
        assertThrows(TemplateException.class, () -> template.execute(Map.of("Name", "web"), out));
        assertEquals("before ", out.toString());
    }

    @Test
    void pathologicalNestingIsAnErrorNotACrash() {
        String deep = "{{" + "(".repeat(50_000) + "1" + ")".repeat(50_000) + "}}";
        TemplateException e = assertThrows(TemplateException.class, () -> GoTemplate.parse(deep));
        assertEquals("template parsing error: template: :1: too deeply nested", e.getMessage());
    }

    @Test
    void usesFieldLooksAtEveryPlaceAFieldCanBeRead() throws TemplateException {
        assertTrue(GoTemplate.parse("{{with .A}}{{.B}}{{end}}").usesField("B"));
        assertTrue(GoTemplate.parse("{{if .X}}{{else}}{{(.Size)}}{{end}}").usesField("Size"));
        assertFalse(GoTemplate.parse("{{.Sizes}}{{\"Size\"}}").usesField("Size"));
    }
}
