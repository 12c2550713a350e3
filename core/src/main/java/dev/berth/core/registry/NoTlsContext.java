package dev.berth.core.registry;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of the client that talks plain HTTP: none. The JDK's client wants a context when it is built,
 * even one that never makes a connection; a real one, even trusting nothing, loads the TLS provider, its
 * cipher policy and a seeded random generator first (some 50 ms, a tenth of a small pull). This one does
 * nothing until asked for TLS, which a plain-HTTP client never is; if it were, it fails instead of connecting
 * without verification.
 */
final class NoTlsContext extends SSLContext {

    NoTlsContext() {
        super(new Refusing(), null, "none");
    }

    /** The parameters to build the client with, so that it does not ask this context for its defaults. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    private static final class Refusing extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("the plain-HTTP client of berth does not speak TLS");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
