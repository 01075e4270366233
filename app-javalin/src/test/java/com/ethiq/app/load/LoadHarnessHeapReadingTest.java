package com.ethiq.app.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The harness reads a local server's live heap from the class histogram's last line (see {@code heapAfterGc}). */
class LoadHarnessHeapReadingTest {

    @Test
    void readsTheLiveBytesFromTheHistogramTotalLine() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         41234        9876543  [B (java.base@17.0.15)
                   2:          1200          28800  java.lang.String (java.base@17.0.15)
                Total       1901810       96510912
                """;
        assertThat(LoadHarness.histogramTotalBytes(histogram)).isEqualTo(96_510_912L);
    }

    @Test
    void saysSoWhenThereIsNoTotal() {
        assertThat(LoadHarness.histogramTotalBytes("12345:\ncom.sun.tools.attach.AttachNotSupportedException")).isEqualTo(-1);
        assertThat(LoadHarness.histogramTotalBytes("Total  many  bytes")).isEqualTo(-1);
    }
}
