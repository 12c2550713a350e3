package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code --format} modes of Docker's listings ({@code cli/command/formatter/formatter.go}): the default table,
 * {@code table TEMPLATE}, {@code json}, a raw template and {@code -q}, with Docker's headers and alignment.
 */
class ListingTest {

    private static final Listing IMAGES = Listing.of("*formatter.imageContext",
            "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}",
            Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG", "Digest", "DIGEST",
                    "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE"));

    private static Map<String, Object> image(String repository, String tag, String id, String created, String size) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("Containers", "N/A");
        row.put("CreatedAt", "2026-11-19 10:11:12 +0000 UTC");
        row.put("CreatedSince", created);
        row.put("Digest", "<none>");
        row.put("ID", id);
        row.put("Repository", repository);
        row.put("SharedSize", "N/A");
        row.put("Size", size);
        row.put("Tag", tag);
        row.put("UniqueSize", "N/A");
        row.put("VirtualSize", size);
        return row;
    }

    private static final List<Map<String, Object>> ROWS = List.of(
            image("busybox", "latest", "0fd50f117b80", "9 days ago", "4.26MB"),
            image("<none>", "<none>", "cd7aea87cca1", "2 weeks ago", "1.24MB"));

    private static String render(String format, boolean quiet) throws TemplateException {
        return IMAGES.format(format, quiet).render(ROWS);
    }

    @Test
    void noFormatOrTableIsTheDefaultTableAlignedAsDockerAlignsIt() throws TemplateException {
        String expected = "REPOSITORY   TAG       IMAGE ID       CREATED       SIZE\n"
                + "busybox      latest    0fd50f117b80   9 days ago    4.26MB\n"
                + "<none>       <none>    cd7aea87cca1   2 weeks ago   1.24MB\n";
        assertEquals(expected, render("", false));
        assertEquals(expected, render(null, false));
        assertEquals(expected, render("table", false));
        assertTrue(IMAGES.format("table", false).isTable());
    }

    @Test
    void quietIsTheIdsWithoutAHeader() throws TemplateException {
        assertEquals("0fd50f117b80\ncd7aea87cca1\n", render("", true));
        assertEquals("0fd50f117b80\ncd7aea87cca1\n", render("table", true));
        assertFalse(IMAGES.format("", true).isTable());
        // As in docker images, -q does not override a custom format.
        assertEquals("busybox\n<none>\n", render("{{.Repository}}", true));
    }

    @Test
    void tableTemplateTakesItsHeadersFromTheFields() throws TemplateException {
        // The shell passes a literal backslash-t, which Docker turns into a tab.
        assertEquals("IMAGE ID       REPOSITORY   TAG\n0fd50f117b80   busybox      latest\ncd7aea87cca1   <none>       <none>\n",
                render("table {{.ID}}\\t{{.Repository}}\\t{{.Tag}}", false));
        assertEquals("REPOSITORY\nbusybox\n<none>\n", render("table {{.Repository}}", false));
        assertEquals("REPOSITORY:TAG\nbusybox:latest\n<none>:<none>\n", render("table {{.Repository}}:{{.Tag}}", false));
    }

    @Test
    void headerFunctionsLeaveTheHeaderAsItIs() throws TemplateException {
        assertEquals("REPOSITORY   SIZE\nBUSYBOX      4.26mb\n<NONE>       1.24mb\n",
                render("table {{.Repository | upper}}\\t{{lower .Size}}", false));
        assertEquals("IMAGE ID\n\"0fd50f117b80\"\n\"cd7aea87cca1\"\n", render("table {{json .ID}}", false));
    }

    @Test
    void aFieldWithoutAHeaderShowsNoValueInTheHeader() throws TemplateException {
        assertEquals("<no value>   TAG\nN/A          latest\nN/A          <none>\n",
                render("table {{.Containers}}\\t{{.Tag}}", false));
    }

    @Test
    void jsonIsOneSortedEscapedObjectPerRow() throws TemplateException {
        String first = "{\"Containers\":\"N/A\",\"CreatedAt\":\"2026-11-19 10:11:12 +0000 UTC\","
                + "\"CreatedSince\":\"9 days ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"0fd50f117b80\","
                + "\"Repository\":\"busybox\",\"SharedSize\":\"N/A\",\"Size\":\"4.26MB\",\"Tag\":\"latest\","
                + "\"UniqueSize\":\"N/A\",\"VirtualSize\":\"4.26MB\"}\n";
        String output = render("json", false);
        assertTrue(output.startsWith(first), output);
        assertEquals(2, output.split("\n").length);
        assertFalse(IMAGES.format("json", false).isTable());
        // {{json .Field}} is not HTML-escaped: only rows marshal themselves with json.Marshal.
        assertEquals("\"<none>\"\n\"<none>\"\n", render("{{json .Digest}}", false));
    }

    @Test
    void anyOtherFormatIsTheTemplatePerRowWithoutHeader() throws TemplateException {
        assertEquals("busybox:latest\n<none>:<none>\n", render("{{.Repository}}:{{.Tag}}", false));
        assertEquals("0fd50f117b80\tlatest\ncd7aea87cca1\t<none>\n", render("{{.ID}}\\t{{.Tag}}", false));
        assertEquals("0fd50f117b80\n\nlatest\ncd7aea87cca1\n\n<none>\n", render("{{.ID}}\\n\\n{{.Tag}}", false));
        // Spaces around the format are dropped, as docker's strings.Trim(format, " ") does.
        assertEquals("0fd50f117b80\ncd7aea87cca1\n", render("  {{.ID}} ", false));
    }

    @Test
    void noRowsIsJustTheHeaderOrNothing() throws TemplateException {
        assertEquals("REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n",
                IMAGES.format("", false).render(Collections.emptyList()));
        assertEquals("", IMAGES.format("{{.ID}}", false).render(Collections.emptyList()));
        assertEquals("", IMAGES.format("json", false).render(Collections.emptyList()));
    }

    @Test
    void anUnknownFieldIsDockersError() throws TemplateException {
        ListingFormat format = IMAGES.format("{{.Foo}}", false);
        TemplateException e = assertThrows(TemplateException.class, () -> format.render(ROWS));
        assertEquals("template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in"
                + " type *formatter.imageContext", e.getMessage());
        // Without rows the template never runs, so Docker prints the header and no error.
        assertEquals("<no value>\n", IMAGES.format("table {{.Foo}}", false).render(Collections.emptyList()));
    }

    @Test
    void aTemplateThatDoesNotParseFailsBeforeAnyRow() {
        TemplateException e = assertThrows(TemplateException.class, () -> IMAGES.format("{{.ID", false));
        assertEquals("template parsing error: template: :1: unclosed action", e.getMessage());
        e = assertThrows(TemplateException.class, () -> IMAGES.format("table {{InvalidFunction}}", false));
        assertEquals("template parsing error: template: :1: function \"InvalidFunction\" not defined", e.getMessage());
    }

    @Test
    void methodsWithAnArgumentAreCalledLikeDockersLabel() throws TemplateException {
        Listing containers = Listing.of("*formatter.ContainerContext", "table {{.ID}}\\t{{.Names}}",
                Map.of("ID", "CONTAINER ID", "Names", "NAMES", "Labels", "LABELS"));
        Map<String, String> labels = Map.of("com.example.app", "web");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("ID", "4f2a1c9b7e3d");
        row.put("Names", "quirky_hopper");
        row.put("Labels", "com.example.app=web");
        row.put("Label", (GoMethod) name -> labels.getOrDefault(name, ""));
        List<Map<String, Object>> rows = List.of(row);
        assertEquals("web|\n", containers.format("{{.Label \"com.example.app\"}}|{{.Label \"nope\"}}", false).render(rows));
        assertEquals("{\"ID\":\"4f2a1c9b7e3d\",\"Labels\":\"com.example.app=web\",\"Names\":\"quirky_hopper\"}\n",
                containers.format("json", false).render(rows));
        TemplateException e = assertThrows(TemplateException.class,
                () -> containers.format("{{.Label}}", false).render(rows));
        assertEquals("template parsing error: template: :1:2: executing \"\" at <.Label>: wrong number of args for"
                + " Label: want 1 got 0", e.getMessage());
    }

    @Test
    void usesFieldTellsWhetherAFormatShowsAField() throws TemplateException {
        assertTrue(IMAGES.format("", false).usesField("Size"));
        assertFalse(IMAGES.format("{{.ID}}", false).usesField("Size"));
        assertTrue(IMAGES.format("{{if .ID}}{{printf \"%s\" $.Size}}{{end}}", false).usesField("Size"));
        assertTrue(IMAGES.format("table {{.ID}}\\t{{range .Size}}{{end}}", false).usesField("Size"));
    }

    @Test
    void aDifferentDefaultTable() throws TemplateException {
        Listing digests = IMAGES.withDefaultTable("table {{.Repository}}\\t{{.Digest}}");
        assertEquals("REPOSITORY   DIGEST\nbusybox      <none>\n<none>       <none>\n", digests.format("", false).render(ROWS));
        assertThrows(IllegalArgumentException.class, () -> IMAGES.withDefaultTable("{{.ID}}"));
    }

    @Test
    void aHundredRowsRenderInWellUnderAMillisecond() throws TemplateException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(image("registry.example/team/app-" + i, "v1." + i, String.format("%012x", i * 7919L),
                    i + " days ago", Sizes.human(i * 1_234_567.0)));
        }
        ListingFormat format = IMAGES.format("", false);
        for (int i = 0; i < 1000; i++) {
            format.render(rows);
        }
        int runs = 200;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            format.render(rows);
        }
        long perRender = (System.nanoTime() - start) / runs;
        // A loose bound so that a loaded CI machine does not fail it; measured figures are in the report.
        assertTrue(perRender < 2_000_000, "100 rows took " + perRender + " ns");
    }
}
