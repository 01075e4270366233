package com.ethiq.app.calls.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.ethiq.core.domain.Speaker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one batching step of the call path: five 20 ms frames per track make one 100 ms chunk. */
class AudioBatchesTest {
    private record Delivered(Speaker speaker, byte[] audio) {
    }

    private final List<Delivered> delivered = new ArrayList<>();
    private final AudioBatches batches = new AudioBatches(5, 160, (s, a) -> delivered.add(new Delivered(s, a)));

    private static byte[] frame(int value) {
        byte[] b = new byte[160 + 8];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void fiveFramesOfATrackMakeOneChunkAndTracksNeverMix() {
        for (int i = 0; i < 5; i++) {
            batches.add(Speaker.CALLER, frame(i), 4, 160);
            if (i < 4) {
                batches.add(Speaker.CALLEE, frame(100 + i), 4, 160);
            }
        }
        assertThat(delivered).singleElement().satisfies(d -> {
            assertThat(d.speaker()).isEqualTo(Speaker.CALLER);
            assertThat(d.audio()).hasSize(800);
            assertThat(d.audio()[0]).isEqualTo((byte) 0);
            assertThat(d.audio()[799]).isEqualTo((byte) 4);
        });
        byte[] first = delivered.get(0).audio();
        batches.add(Speaker.CALLER, frame(9), 0, 160);
        assertThat(first[0]).as("a delivered chunk is never written again").isEqualTo((byte) 0);

        batches.flush();
        assertThat(delivered).hasSize(3);
        assertThat(delivered.get(1).speaker()).isEqualTo(Speaker.CALLER);
        assertThat(delivered.get(1).audio()).hasSize(160);
        assertThat(delivered.get(2).speaker()).isEqualTo(Speaker.CALLEE);
        assertThat(delivered.get(2).audio()).hasSize(640);
        batches.flush();
        assertThat(delivered).as("nothing left").hasSize(3);
    }

    @Test
    void oddSizesFlushWhatIsThereAndAHugeFrameGoesAlone() {
        batches.add(Speaker.CALLER, frame(1), 0, 100);
        batches.add(Speaker.CALLER, new byte[2_000], 0, 2_000);
        assertThat(delivered).extracting(d -> d.audio().length).containsExactly(100, 2_000);
        for (int i = 0; i < 6; i++) {
            batches.add(Speaker.CALLEE, frame(i), 0, 150);
        }
        assertThat(delivered).extracting(d -> d.audio().length).containsExactly(100, 2_000, 750);
    }
}
