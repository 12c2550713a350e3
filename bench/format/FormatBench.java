import dev.berth.cli.format.Listing;
import dev.berth.cli.format.ListingFormat;
import dev.berth.cli.format.Sizes;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Docker's default image table for 100 rows through berth's formatting layer.
 * "first": one render in a fresh JVM (class loading included); "steady": median time per render after warm-up.
 * Run by bench/format/run.sh, next to format_bench.go (the same work with Go's text/template and tabwriter).
 */
public final class FormatBench {

    private static final Listing IMAGES = Listing.of("*formatter.imageContext",
            "table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{.CreatedSince}}\\t{{.Size}}",
            Map.of("ID", "IMAGE ID", "Repository", "REPOSITORY", "Tag", "TAG", "Digest", "DIGEST",
                    "CreatedSince", "CREATED", "CreatedAt", "CREATED AT", "Size", "SIZE"));

    /** Built without "+" on strings, whose first use would bootstrap invokedynamic inside the measurement. */
    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Containers", "N/A");
            row.put("CreatedAt", "2026-11-19 10:11:12 +0000 UTC");
            row.put("CreatedSince", Integer.toString(i % 30 + 2).concat(" days ago"));
            row.put("Digest", "<none>");
            String hex = Long.toHexString(0x1000000L * (i + 1) + 7919L * i);
            row.put("ID", "000000000000".substring(hex.length()).concat(hex));
            row.put("Repository", "registry.example/team/app-".concat(Integer.toString(i)));
            row.put("SharedSize", "N/A");
            row.put("Size", Sizes.human(1_234_567.0 * (i + 1)));
            row.put("Tag", "v1.".concat(Integer.toString(i)));
            row.put("UniqueSize", "N/A");
            row.put("VirtualSize", Sizes.human(1_234_567.0 * (i + 1)));
            rows.add(row);
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        String format = args.length > 1 ? args[1] : "";
        if (args[0].equals("first")) {
            // CPU time of this thread: on a shared machine, wall time mostly measures the neighbours.
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long start = cpu.getCurrentThreadCpuTime();
            List<Map<String, Object>> rows = rows();
            long built = cpu.getCurrentThreadCpuTime();
            ListingFormat output = IMAGES.format(format, false);
            long parsed = cpu.getCurrentThreadCpuTime();
            String out = output.render(rows);
            long rendered = cpu.getCurrentThreadCpuTime();
            System.out.print(out);
            // No string concatenation here: its first use bootstraps invokedynamic and would be measured too.
            StringBuilder line = new StringBuilder("first use in a fresh JVM, thread CPU time: rows ");
            line.append((built - start) / 1000).append(" us, parse ").append((parsed - built) / 1000)
                    .append(" us, render ").append((rendered - parsed) / 1000).append(" us");
            System.err.println(line);
            return;
        }
        if (args[0].equals("rows")) {
            System.out.print(rows().size() > 0 ? "" : "none");
            return;
        }
        List<Map<String, Object>> rows = rows();
        ListingFormat output = IMAGES.format(format, false);
        for (int i = 0; i < 5000; i++) {
            output.render(rows);
        }
        long[] batches = new long[25];
        int perBatch = 400;
        for (int b = 0; b < batches.length; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                output.render(rows);
            }
            batches[b] = (System.nanoTime() - start) / perBatch;
        }
        Arrays.sort(batches);
        System.out.printf("berth %s: median %.1f us per 100-row render (min %.1f, max %.1f)%n",
                format.isEmpty() ? "table" : format, batches[batches.length / 2] / 1e3, batches[0] / 1e3,
                batches[batches.length - 1] / 1e3);
    }
}
