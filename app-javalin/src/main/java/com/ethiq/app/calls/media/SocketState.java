package com.ethiq.app.calls.media;

/** Where the socket is in its life; moves forward only, ENDED is final. */
enum SocketState {
    /** Upgraded; only {@code connected} and {@code start} are read. */
    AWAITING_START,
    /** The start is being authenticated on a worker; nothing is read meanwhile. */
    STARTING,
    /** Audio feeds the call session. */
    STREAMING,
    /** Over: the session (if any) is ended or being ended, the socket closed or closing. */
    ENDED
}
