package com.ethiq.adapter.speech;

import com.ethiq.adapter.speech.fake.FakeSpeechServer;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.ChannelPoolSettings;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;

/**
 * Connects clients to an in-process {@link FakeSpeechServer} through the production channel provider (channel pool,
 * closed with its client), only swapping the channel builder for an in-process one.
 */
final class InProcessTransport implements SpeechTransport {
    private final FakeSpeechServer server;

    InProcessTransport(FakeSpeechServer server) {
        this.server = server;
    }

    @Override
    public TransportChannelProvider channelProvider(int channels) {
        return InstantiatingGrpcChannelProvider.newBuilder()
                .setEndpoint(endpoint())
                .setChannelPoolSettings(ChannelPoolSettings.staticallySized(channels))
                .setChannelConfigurator(ignored -> server.channelBuilder())
                .build();
    }

    @Override
    public CredentialsProvider defaultCredentials() {
        return NoCredentialsProvider.create();
    }

    @Override
    public boolean carriesCredentials() {
        return true; // in-process transport counts as private: gRPC attaches call credentials
    }

    @Override
    public String endpoint() {
        return GoogleSpeechSettings.DEFAULT_ENDPOINT;
    }
}
