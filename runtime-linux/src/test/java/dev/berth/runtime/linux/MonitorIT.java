package dev.berth.runtime.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.spi.Capability;
import dev.berth.spi.ContainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The per-container monitor: it outlives berth, records the exit, and runs the exit command. */
class MonitorIT extends ContainersTest {

    @Test
    void theContainerOutlivesTheBerthProcessThatStartedItAndItsExitIsRecordedWithoutOne() throws Exception {
        String id = containers.newId();
        containers.spec(id, "true");
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Process berth = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DetachedStart.class.getName(),
                temp.resolve("run").toString(), id, containers.containerDirectory(id).toString(),
                containers.upper(id).getParent().toString(), shared.toString(), BusyboxRoot.get().toString())
                .inheritIO().start();
        assertEquals(0, berth.waitFor(), "the detached berth process succeeded");

        assertEquals(ContainerState.Status.RUNNING, containers.runtime.state(id).status(), "berth is gone, the container is not");
        Files.createFile(shared.resolve("go"));
        ContainerState stopped = containers.runtime.awaitStop(id, Duration.ofSeconds(10));

        assertEquals(ContainerState.Status.STOPPED, stopped.status());
        assertEquals(7, stopped.exitCode());
        String log = Files.readString(containers.containerDirectory(id).resolve(id + "-json.log"));
        assertTrue(log.contains("\"log\":\"early\\n\"") && log.contains("\"log\":\"late\\n\""), log);
        assertEquals("exit_code=7", Files.readAllLines(containers.containerDirectory(id).resolve("exit")).stream()
                .filter(l -> l.startsWith("exit_code")).findFirst().orElseThrow());
    }

    @Test
    void theExitCommandRunsAfterTheExitIsRecorded() throws Exception {
        String id = containers.newId();
        Path marker = temp.resolve("after-exit");
        Path exitFile = containers.containerDirectory(id).resolve("exit");
        containers.runtime.create(id, containers.build(containers.spec(id, "sh", "-c", "exit 9")
                .exitCommand(List.of("/bin/sh", "-c", "cp " + exitFile + " " + marker + ".tmp && mv " + marker + ".tmp " + marker))));
        containers.runtime.start(id);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(marker)) {
            assertTrue(System.nanoTime() < deadline, "the exit command ran");
            Thread.sleep(5);
        }
        assertTrue(Files.readString(marker).contains("exit_code=9"));
    }

    @Test
    void containersCreatedAtOnceFromManyThreadsAllRun() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Containers.Run>> runs = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String id = containers.newId();
                ids.add(id);
                var spec = containers.spec(id, "sh", "-c", "echo " + id);
                runs.add(pool.submit(() -> containers.run(spec, id)));
            }
            for (int i = 0; i < runs.size(); i++) {
                Containers.Run run = runs.get(i).get();
                assertEquals(0, run.exitCode());
                assertEquals(ids.get(i) + "\n", run.stdout());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMonitorOfARunningContainerIsSmall() throws Exception {
        String id = containers.newId();
        ContainerState created = containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        containers.runtime.start(id);
        long monitor = ProcStat.read(created.pid()).orElseThrow().parentPid();
        long rssKilobytes = Files.readAllLines(Path.of("/proc", Long.toString(monitor), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElseThrow();
        assertTrue(rssKilobytes <= 2048, "monitor RSS " + rssKilobytes + " kB, the goal is 2 MB at most");
    }

    @Test
    void onlyTheMonitorIsSparedByTheOomKiller() throws Exception {
        String id = containers.newId();
        ContainerState created = containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        long monitor = ProcStat.read(created.pid()).orElseThrow().parentPid();
        // Lowering a score needs CAP_SYS_RESOURCE, which some hosts (this VM's sessions) withhold even from root.
        String own = Files.readString(Path.of("/proc/self/oom_score_adj")).strip();
        assertEquals(Capability.ownBoundingSet().contains(Capability.SYS_RESOURCE) ? "-999" : own,
                Files.readString(Path.of("/proc", Long.toString(monitor), "oom_score_adj")).strip());
        assertEquals(Files.readString(Path.of("/proc/self/oom_score_adj")),
                Files.readString(Path.of("/proc", Long.toString(created.pid()), "oom_score_adj")), "the container keeps berth's");
    }

    @Test
    void theMonitorLivesInBerthsCgroupAndTheContainerInItsOwn() throws Exception {
        String id = containers.newId();
        ContainerState created = containers.runtime.create(id, containers.build(containers.spec(id, "sleep", "600")));
        long monitor = ProcStat.read(created.pid()).orElseThrow().parentPid();
        List<String> monitorCgroups = Files.readAllLines(Path.of("/proc", Long.toString(monitor), "cgroup"));
        List<String> initCgroups = Files.readAllLines(Path.of("/proc", Long.toString(created.pid()), "cgroup"));
        // Out of the caller's session cgroup, so that ending the session does not end the containers.
        assertTrue(monitorCgroups.stream().anyMatch(l -> l.matches("\\d+:memory:/berth/_monitors")), monitorCgroups.toString());
        assertTrue(initCgroups.stream().anyMatch(l -> l.matches("\\d+:memory:/berth/" + id)), initCgroups.toString());
    }
}
