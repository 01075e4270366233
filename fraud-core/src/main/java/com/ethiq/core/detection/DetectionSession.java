package com.ethiq.core.detection;

import com.ethiq.core.domain.TranscriptSegment;

/**
 * Incremental detection state of one call: feed partial and final segments of both tracks as they come,
 * read the verdict. Thread-safe (segments of both tracks may arrive on different threads).
 */
public interface DetectionSession {

    /** Updates the window with this segment (a partial replaces the earlier partial of the same utterance). */
    Verdict onSegment(TranscriptSegment segment);

    Verdict current();

    /** Number of final turns seen so far (both tracks), i.e. the 0-based index the next turn will get. */
    int turnCount();
}
