package dev.berth.runtime.linux;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** An integration test with its own runtime and containers, all killed and deleted after each test. */
abstract class ContainersTest {

    @TempDir
    Path temp;
    Containers containers;

    @BeforeEach
    void openContainers() throws Exception {
        containers = new Containers(temp);
    }

    @AfterEach
    void closeContainers() throws Exception {
        containers.close();
    }
}
