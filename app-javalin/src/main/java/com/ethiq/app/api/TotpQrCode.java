package com.ethiq.app.api;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * The 2FA enrolment's {@code otpauth://} URI as a QR code, drawn as a self-contained SVG (one path, black on white, a
 * four-module quiet zone). Drawn on the server with zxing so the dashboard needs no QR code of its own and the secret
 * never leaves the enrolment answer it is already in.
 */
final class TotpQrCode {
    private static final int QUIET_ZONE = 4;

    private TotpQrCode() {
    }

    static String svg(String otpauthUri) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(otpauthUri, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalStateException("otpauth URI too long for a QR code", e);
        }
        int size = m.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + ' ' + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
