package com.ethiq.adapter.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The two queues of a track: audio waiting to be sent, and audio sent since the last final result. */
class AudioBuffersTest {
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();

    private static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void pushesAreQueuedAsTheyComeWithoutACopy() {
        PendingAudio pending = new PendingAudio(16_000, 8_000, dropped::addAndGet, queued::addAndGet);
        byte[] first = bytes(800, 1);
        assertThat(pending.offer(first)).isTrue();
        assertThat(pending.offer(bytes(100, 5))).isTrue();
        assertThat(pending.offer(new byte[0])).isFalse();
        assertThat(queued.get()).isEqualTo(900);

        List<AudioChunk> sent = pending.poll(800);
        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.data()).as("the caller's array, kept").isSameAs(first);
            assertThat(c.length()).isEqualTo(800);
            assertThat(c.trackPos()).isZero();
        });
        assertThat(pending.headTrackPos()).isEqualTo(800);
        assertThat(pending.poll(16_000)).singleElement().satisfies(c -> {
            assertThat(c.length()).isEqualTo(100);
            assertThat(c.trackPos()).isEqualTo(800);
        });
        assertThat(pending.hasQueued()).isFalse();
        assertThat(pending.headTrackPos()).isEqualTo(900);
        assertThat(queued.get()).isZero();
    }

    @Test
    void aPushAboveTheRequestSizeIsSplitAndPollGroupsChunksUpToTheRequestSize() {
        PendingAudio pending = new PendingAudio(800, 80_000, dropped::addAndGet, queued::addAndGet);
        byte[] big = bytes(4_000, 7);
        assertThat(pending.offer(big)).isTrue();
        List<AudioChunk> request = pending.poll(2_000);
        assertThat(request).hasSize(2).extracting(AudioChunk::trackPos).containsExactly(0L, 800L);
        assertThat(request).allSatisfy(c -> assertThat(c.data()).isSameAs(big));
        assertThat(pending.poll(100)).as("at least one chunk even if larger").hasSize(1);
    }

    @Test
    void overTheBoundTheOldestAudioIsDroppedAndCounted() {
        PendingAudio pending = new PendingAudio(16_000, 2_400, dropped::addAndGet, queued::addAndGet);
        pending.offer(bytes(800, 1));
        pending.offer(bytes(800, 2));
        pending.offer(bytes(800, 3));
        pending.offer(bytes(800, 4));
        assertThat(dropped.get()).isEqualTo(800);
        List<AudioChunk> left = pending.poll(16_000);
        assertThat(left).extracting(c -> c.data()[0]).containsExactly((byte) 2, (byte) 3, (byte) 4);
        assertThat(left.get(0).trackPos()).as("positions still count the dropped audio").isEqualTo(800);
        pending.offer(bytes(3_000, 9));
        assertThat(dropped.get()).as("the newest chunk is never dropped, even above the bound").isEqualTo(800);
        assertThat(pending.clear()).isEqualTo(3_000);
        assertThat(dropped.get()).isEqualTo(3_800);
        assertThat(queued.get()).isZero();
        assertThatThrownBy(() -> new PendingAudio(800, 0, x -> { }, x -> { })).hasMessageContaining("'maxBytes'");
    }

    @Test
    void retainedAudioMapsStreamPositionsToTrackPositionsAcrossDropsAndReplays() {
        RetainedAudio retained = new RetainedAudio(100_000);
        retained.startStream(0);
        retained.sent(new AudioChunk(bytes(800, 1), 0, 800, 0), 0);
        // 800 bytes were dropped before sending: the next chunk starts at track 1600 but stream 800
        retained.sent(new AudioChunk(bytes(800, 2), 0, 800, 1_600), 800);
        assertThat(retained.trackPosAt(400)).isEqualTo(400);
        assertThat(retained.trackPosAt(1_000)).isEqualTo(1_800);

        retained.discardBefore(1_000); // a final result ended at stream byte 1000
        assertThat(retained.bytes()).isEqualTo(600);
        List<AudioChunk> replay = retained.takeAll();
        assertThat(replay).singleElement().satisfies(c -> {
            assertThat(c.trackPos()).isEqualTo(1_800);
            assertThat(c.length()).isEqualTo(600);
            assertThat(c.offset()).isEqualTo(200);
        });

        // the new stream hears the replay first: its position 0 is track 1800
        retained.startStream(1_800);
        retained.sent(replay.get(0), 0);
        assertThat(retained.trackPosAt(100)).isEqualTo(1_900);
        assertThat(retained.newestTrackEnd()).isEqualTo(2_400);
    }

    @Test
    void retainedAudioIsBoundedAndTrimmedToTheQuietWindow() {
        RetainedAudio retained = new RetainedAudio(2_400);
        retained.startStream(0);
        for (int i = 0; i < 5; i++) {
            retained.sent(new AudioChunk(bytes(800, i), 0, 800, i * 800L), i * 800L);
        }
        assertThat(retained.bytes()).isEqualTo(2_400);
        assertThat(retained.trackPosAt(0)).as("forgotten audio still maps, linearly").isZero();
        retained.keepNewest(1_000);
        assertThat(retained.bytes()).isEqualTo(1_600);
        assertThat(retained.takeAll()).extracting(AudioChunk::trackPos).containsExactly(2_400L, 3_200L);
    }
}
