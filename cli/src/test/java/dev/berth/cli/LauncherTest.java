package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./berth}): which start-up cache and compiler flags it gives the JVM for a command,
 * and that it falls back to starting without a cache when the cache is missing or stale. It runs from an
 * installed tree made in a temporary directory, with a stand-in {@code java} (through {@code BERTH_JAVA}) that
 * records its arguments and, when asked to write a cache, writes one.
 */
class LauncherTest {

    /**
     * The stand-in java: appends its arguments to {@code $LAUNCHER_TEST_LOG}, one per line, then a line "--", and
     * writes the cache file it is asked to make.
     */
    private static final String STAND_IN = """
            #!/usr/bin/env bash
            for arg in "$@"; do
              printf '%s\\n' "$arg" >> "$LAUNCHER_TEST_LOG"
              case "$arg" in
                -XX:AOTCacheOutput=*) : > "${arg#*=}" ;;
                -XX:ArchiveClassesAtExit=*) : > "${arg#*=}" ;;
              esac
            done
            echo -- >> "$LAUNCHER_TEST_LOG"
            """;

    private static final Instant BUILT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path installed;
    private Path jdk;
    private Path cache;
    private Path log;

    @BeforeEach
    void install() throws IOException {
        installed = Files.createDirectories(dir.resolve("lib/berth"));
        Files.copy(Path.of("..", "berth"), installed.resolve("berth"));
        touch(Files.createFile(installed.resolve("berth-cli.jar")), BUILT);
        Files.createDirectories(installed.resolve("lib"));
        touch(Files.createFile(installed.resolve("lib/berth-core.jar")), BUILT);
        cache = installed.resolve("cache");
        log = dir.resolve("java.log");
        jdk(25);
    }

    @Test
    void aContainerCommandStartsFromTheContainerCacheWithTheQuickCompilerOnly() throws Exception {
        freshArchive("local.aot");
        Path archive = freshArchive("container.aot");

        List<List<String>> calls = launch(Map.of(), "--data-root", "/d", "run", "--rm", "bb:1", "true");

        assertEquals(1, calls.size());
        assertHas(calls.get(0), "-XX:AOTCache=" + archive, "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED");
        assertEquals(List.of("-jar", installed.resolve("berth-cli.jar").toString(), "--data-root", "/d", "run",
                "--rm", "bb:1", "true"), tail(calls.get(0), 8));
    }

    @Test
    void onlyTheCommandsThatStartAndEndContainersTakeTheContainerCache() throws Exception {
        Path local = freshArchive("local.aot");
        Path container = freshArchive("container.aot");

        for (String[] args : List.of(new String[] {"rm", "-f", "c"}, new String[] {"container", "rm", "c"},
                new String[] {"-s", "vfs", "container", "cleanup", "c"}, new String[] {"stop", "c"})) {
            Files.deleteIfExists(log);
            assertHas(launch(Map.of(), args).get(0), "-XX:AOTCache=" + container);
        }
        for (String[] args : List.of(new String[] {"image", "rm", "bb:1"}, new String[] {"ps", "-a"},
                new String[] {"container", "ls"}, new String[] {"rmi", "bb:1"})) {
            Files.deleteIfExists(log);
            assertHas(launch(Map.of(), args).get(0), "-XX:AOTCache=" + local);
        }
    }

    @Test
    void registryCommandsHaveTheirOwnCacheAndKeepTheOptimizingCompiler() throws Exception {
        freshArchive("local.aot");
        Path registry = freshArchive("registry.aot");

        for (String[] args : List.of(new String[] {"pull", "busybox"},
                new String[] {"--config", "/etc/berth.toml", "image", "pull", "busybox"},
                new String[] {"-s", "vfs", "push", "127.0.0.1:5000/x"})) {
            Files.deleteIfExists(log);
            List<List<String>> calls = launch(Map.of(), args);

            assertEquals(1, calls.size(), String.join(" ", args));
            assertHas(calls.get(0), "-XX:AOTCache=" + registry);
            assertLacks(calls.get(0), "-XX:TieredStopAtLevel=1");
            assertHas(calls.get(0), "-Xmn16m");
        }
    }

    @Test
    void commandsThatStreamLargeDataKeepTheOptimizingCompiler() throws Exception {
        Path local = freshArchive("local.aot");

        for (String[] args : List.of(new String[] {"load", "-i", "x.tar"}, new String[] {"image", "save", "x"},
                new String[] {"--data-root", "run", "export", "c"})) {
            Files.deleteIfExists(log);
            List<List<String>> calls = launch(Map.of(), args);

            assertHas(calls.get(0), "-XX:AOTCache=" + local);
            assertLacks(calls.get(0), "-XX:TieredStopAtLevel=1");
            assertHas(calls.get(0), "-Xmn16m");
        }
        Files.deleteIfExists(log);
        List<String> listing = launch(Map.of(), "container", "ls").get(0);
        assertHas(listing, "-XX:TieredStopAtLevel=1");
        assertLacks(listing, "-Xmn16m");
    }

    @Test
    void aCacheOlderThanTheJarsIsNotUsedAndIsMadeAgain() throws Exception {
        Path archive = freshArchive("local.aot");
        touch(installed.resolve("lib/berth-core.jar"), BUILT.plusSeconds(7200)); // A library updated since.

        List<List<String>> calls = launch(Map.of("BERTH_STARTUP_CACHE", "now"), "ps", "-a");

        assertEquals(2, calls.size());
        List<String> warmUp = calls.get(0);
        assertHas(warmUp, "-XX:AOTCacheOutput=" + archive + ".tmp");
        assertLacks(warmUp, "-XX:AOTCache=" + archive);
        assertEquals(List.of("internal-warmup", "local"), tail(warmUp, 2));
        assertNoCache(calls.get(1));
        assertEquals(List.of("ps", "-a"), tail(calls.get(1), 2));
        assertTrue(Files.getLastModifiedTime(archive).toInstant().isAfter(BUILT.plusSeconds(7200)),
                "the cache was made again");
        assertFalse(Files.exists(cache.resolve(archive.getFileName() + ".making")));
    }

    @Test
    void aNewerJdkMakesTheCacheStaleToo() throws Exception {
        freshArchive("local.aot");
        touch(jdk.resolve("lib/modules"), BUILT.plusSeconds(7200));

        List<List<String>> calls = launch(Map.of("BERTH_STARTUP_CACHE", "off"), "images");

        assertEquals(1, calls.size());
        assertNoCache(calls.get(0));
    }

    @Test
    void withoutACacheTheCommandStartsWithoutOne() throws Exception {
        List<List<String>> calls = launch(Map.of("BERTH_STARTUP_CACHE", "off"), "version");

        assertEquals(1, calls.size());
        assertNoCache(calls.get(0));
        assertEquals(List.of("version"), tail(calls.get(0), 1));
        assertFalse(Files.exists(cache));
    }

    @Test
    void aCacheDirectoryThatCannotBeMadeMeansNoCacheNotAFailure() throws Exception {
        // /proc passes bash's -w test for root, yet nothing can be made in it: mkdir fails.
        List<List<String>> calls = launch(Map.of("BERTH_STARTUP_CACHE", "now",
                "BERTH_CACHE_DIR", "/proc/berth-launcher-test"), "version");

        assertEquals(1, calls.size());
        assertNoCache(calls.get(0));
        assertEquals(List.of("version"), tail(calls.get(0), 1));
    }

    @Test
    void jdk17GetsAClassDataSharingArchiveInstead() throws Exception {
        jdk(17);
        Path archive = freshArchive("local.jsa");

        List<List<String>> calls = launch(Map.of(), "ps");

        assertHas(calls.get(0), "-Xshare:auto", "-XX:SharedArchiveFile=" + archive);
        assertLacks(calls.get(0), "--enable-native-access=ALL-UNNAMED");
        assertNoCache(calls.get(0));
    }

    /** A JDK of feature release {@code release} whose java is the stand-in, built before the jars. */
    private void jdk(int release) throws IOException {
        jdk = dir.resolve("jdk-" + release);
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(jdk.resolve("lib"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + release + ".0.1\"\n");
        touch(Files.write(jdk.resolve("lib/modules"), new byte[0]), BUILT.minusSeconds(3600));
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, STAND_IN);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A cache of this JDK ({@code local.aot}, {@code registry.aot}, ...) newer than the jars and the JDK. */
    private Path freshArchive(String part) throws IOException {
        Files.createDirectories(cache);
        Path archive = cache.resolve("berth" + jdk.toRealPath().toString().replace('/', '-') + "-" + part);
        touch(Files.write(archive, new byte[0]), BUILT.plusSeconds(3600));
        return archive;
    }

    /** Runs the launcher to the end; each call of java it made, in order, with its arguments. */
    private List<List<String>> launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", installed.resolve("berth").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BERTH_JAVA", jdk.resolve("bin/java").toString());
        builder.environment().put("LAUNCHER_TEST_LOG", log.toString());
        builder.environment().remove("BERTH_CACHE_DIR");
        builder.environment().remove("BERTH_STARTUP_CACHE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        List<List<String>> calls = new ArrayList<>();
        List<String> call = new ArrayList<>();
        for (String line : Files.exists(log) ? Files.readAllLines(log) : List.<String>of()) {
            if (line.equals("--")) {
                calls.add(List.copyOf(call));
                call.clear();
            } else {
                call.add(line);
            }
        }
        return calls;
    }

    private static void assertHas(List<String> arguments, String... expected) {
        for (String argument : expected) {
            assertTrue(arguments.contains(argument), argument + " in " + arguments);
        }
    }

    private static void assertLacks(List<String> arguments, String unexpected) {
        assertFalse(arguments.contains(unexpected), unexpected + " in " + arguments);
    }

    /** No AOT cache given to the JVM (JDK 25) and none made by it. */
    private static void assertNoCache(List<String> arguments) {
        assertTrue(arguments.stream().noneMatch(argument -> argument.startsWith("-XX:AOTCache")),
                "an AOT cache in " + arguments);
    }

    private static List<String> tail(List<String> list, int count) {
        return list.subList(list.size() - count, list.size());
    }

    private static Path touch(Path file, Instant time) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(time));
        return file;
    }

}
