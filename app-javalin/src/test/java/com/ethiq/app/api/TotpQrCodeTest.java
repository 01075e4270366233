package com.ethiq.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enrolment QR code is read back by a QR decoder: an authenticator app scanning it gets the exact otpauth URI. */
class TotpQrCodeTest {
    private static final int SCALE = 4;

    @Test
    void decodesToTheOtpauthUri() throws Exception {
        String uri = "otpauth://totp/Ethiq:marie%40example.org?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Ethiq"
                + "&algorithm=SHA1&digits=6&period=30";
        String svg = TotpQrCode.svg(uri);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").doesNotContain("script", "style=");
        assertThat(new QRCodeReader().decode(rasterise(svg)).getText()).isEqualTo(uri);
    }

    /** Paints the SVG's unit squares ("M x y h1v1h-1z") on a white bitmap, four pixels per module. */
    private static BinaryBitmap rasterise(String svg) {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\1\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int size = Integer.parseInt(box.group(1)) * SCALE;
        int[] pixels = new int[size * size];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher m = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        int modules = 0;
        while (m.find()) {
            modules++;
            int x0 = Integer.parseInt(m.group(1)) * SCALE;
            int y0 = Integer.parseInt(m.group(2)) * SCALE;
            for (int y = y0; y < y0 + SCALE; y++) {
                Arrays.fill(pixels, y * size + x0, y * size + x0 + SCALE, 0xFF000000);
            }
        }
        assertThat(modules).isGreaterThan(100);
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
    }
}
