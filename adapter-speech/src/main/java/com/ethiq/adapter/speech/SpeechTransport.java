package com.ethiq.adapter.speech;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.ChannelPoolSettings;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.speech.v1.SpeechSettings;
import io.grpc.ManagedChannelBuilder;

/**
 * How clients reach the Speech service: the gRPC channel and the credentials used when a tenant brings none.
 * Production builds it from the settings (TLS + application default credentials, or plain text without credentials
 * for a local fake); tests substitute an in-process channel. Implementations are thread-safe.
 */
interface SpeechTransport {

    /** A new channel provider for one client with {@code channels} connections. */
    TransportChannelProvider channelProvider(int channels);

    /** Credentials of the process (application default), or none. */
    CredentialsProvider defaultCredentials();

    /** False over plain text, where gRPC refuses to attach credentials: tenants' service accounts are then ignored. */
    boolean carriesCredentials();

    String endpoint();

    static SpeechTransport of(GoogleSpeechSettings settings) {
        String endpoint = settings.endpoint();
        if (settings.plaintext()) {
            return new SpeechTransport() {
                @Override
                public TransportChannelProvider channelProvider(int channels) {
                    return InstantiatingGrpcChannelProvider.newBuilder()
                            .setEndpoint(endpoint)
                            .setChannelPoolSettings(ChannelPoolSettings.staticallySized(channels))
                            .setChannelConfigurator(SpeechTransport::plaintext)
                            .build();
                }

                @Override
                public CredentialsProvider defaultCredentials() {
                    return NoCredentialsProvider.create();
                }

                @Override
                public boolean carriesCredentials() {
                    return false;
                }

                @Override
                public String endpoint() {
                    return endpoint;
                }
            };
        }
        return new SpeechTransport() {
            @Override
            public TransportChannelProvider channelProvider(int channels) {
                return SpeechSettings.defaultGrpcTransportProviderBuilder()
                        .setEndpoint(endpoint)
                        .setChannelPoolSettings(ChannelPoolSettings.staticallySized(channels))
                        .build();
            }

            @Override
            public CredentialsProvider defaultCredentials() {
                return SpeechSettings.defaultCredentialsProviderBuilder().build();
            }

            @Override
            public boolean carriesCredentials() {
                return true;
            }

            @Override
            public String endpoint() {
                return endpoint;
            }
        };
    }

    /** gax types the configurator with the raw builder type. */
    @SuppressWarnings("rawtypes")
    private static ManagedChannelBuilder plaintext(ManagedChannelBuilder builder) {
        return builder.usePlaintext();
    }
}
