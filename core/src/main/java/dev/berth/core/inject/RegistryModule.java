package dev.berth.core.inject;

import dagger.Module;
import dagger.Provides;
import dev.berth.core.config.BerthConfig;
import dev.berth.core.config.ConfigRequest;
import dev.berth.core.image.ImageStore;
import dev.berth.core.layer.LayerStore;
import dev.berth.core.registry.AuthFile;
import dev.berth.core.registry.BlobSources;
import dev.berth.core.registry.ImagePuller;
import dev.berth.core.registry.ImagePusher;
import dev.berth.core.registry.Registries;
import dev.berth.core.registry.RetryPolicy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/** Wires the registry client: credentials, the clients of registries, pull and push. All lazy. */
@Module
public abstract class RegistryModule {

    private RegistryModule() {
    }

    @Provides
    @Singleton
    static AuthFile authFile(ConfigRequest request) {
        return AuthFile.fromEnvironment(request.environment());
    }

    @Provides
    @Singleton
    static Registries registries(BerthConfig config, AuthFile authFile, OpenResources open) {
        return open.add(new Registries(config.insecureRegistries(), authFile, RetryPolicy.DEFAULT));
    }

    @Provides
    static BlobSources blobSources(BerthConfig config) {
        return new BlobSources(config.dataRoot().resolve("distribution"));
    }

    @Provides
    static ImagePuller imagePuller(Registries registries, Provider<LayerStore> layers, Provider<ImageStore> images,
                                   BlobSources sources, BerthConfig config) {
        return new ImagePuller(registries, layers::get, images::get, sources, config.dataRoot().resolve("tmp/pull"));
    }

    @Provides
    static ImagePusher imagePusher(Registries registries, LayerStore layers, ImageStore images, BlobSources sources) {
        return new ImagePusher(registries, layers, images, sources);
    }
}
