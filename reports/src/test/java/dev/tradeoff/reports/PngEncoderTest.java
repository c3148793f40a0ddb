package dev.tradeoff.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

  @Test
  void aChartDecodesToTheSamePixels() throws IOException {
    for (Chart chart : Charts.of(Fixtures.report())) {
      BufferedImage image = chart.raster();
      assertSamePixels(image, decode(PngEncoder.encode(image)), chart.name());
    }
  }

  @Test
  void noisePixelsAndOddSizesDecodeToTheSamePixels() throws IOException {
    SplittableRandom random = new SplittableRandom(20261207L);
    int[][] sizes = {{1, 1}, {3, 2}, {17, 5}, {300, 301}};
    for (int[] size : sizes) {
      BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < size[1]; y++) {
        for (int x = 0; x < size[0]; x++) {
          image.setRGB(x, y, random.nextInt());
        }
      }
      assertSamePixels(image, decode(PngEncoder.encode(image)), size[0] + "x" + size[1]);
    }
  }

  @Test
  void aSubimageIsEncodedWithItsOwnRowsNotItsParentsStride() throws IOException {
    BufferedImage parent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        parent.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | (x + y));
      }
    }
    BufferedImage part = parent.getSubimage(7, 5, 20, 11);
    BufferedImage expected = new BufferedImage(20, 11, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 20; x++) {
        expected.setRGB(x, y, parent.getRGB(x + 7, y + 5));
      }
    }
    assertSamePixels(expected, decode(PngEncoder.encode(part)), "subimage");
  }

  @Test
  void chunksAreHeaderDataEndWithValidChecksumsAndNoMetadata() {
    byte[] png = PngEncoder.encode(Charts.of(Fixtures.report()).get(0).raster());
    ByteBuffer in = ByteBuffer.wrap(png);
    byte[] signature = new byte[8];
    in.get(signature);
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature, "signature");
    List<String> types = new ArrayList<>();
    while (in.hasRemaining()) {
      int length = in.getInt();
      byte[] typeAndData = new byte[4 + length];
      in.get(typeAndData);
      CRC32 crc = new CRC32();
      crc.update(typeAndData);
      String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
      assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + type);
      if (types.isEmpty() || !types.get(types.size() - 1).equals(type)) {
        types.add(type);
      }
      if (type.equals("IHDR")) {
        ByteBuffer header = ByteBuffer.wrap(typeAndData, 4, length);
        assertEquals(Chart.WIDTH_PX, header.getInt());
        assertEquals(Chart.HEIGHT_PX, header.getInt());
      }
    }
    assertEquals(List.of("IHDR", "IDAT", "IEND"), types);
  }

  @Test
  void sameImageGivesSameBytes() {
    Chart chart = Charts.of(Fixtures.report()).get(0);
    assertArrayEquals(PngEncoder.encode(chart.raster()), PngEncoder.encode(chart.raster()));
  }

  @Test
  void refusesImagesThatAreNotPlainRgb() {
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.encode(argb));
    assertTrue(e.getMessage().contains("RGB"), e.getMessage());
  }

  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertTrue(decoded != null, "ImageIO could not read the PNG");
    return decoded;
  }

  private static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
    assertEquals(expected.getWidth(), actual.getWidth(), what + ": width");
    assertEquals(expected.getHeight(), actual.getHeight(), what + ": height");
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int want = expected.getRGB(x, y) & 0xffffff;
        int got = actual.getRGB(x, y) & 0xffffff;
        if (want != got) {
          throw new AssertionError(
              String.format("%s: pixel (%d, %d) is %06x, decoded %06x", what, x, y, want, got));
        }
      }
    }
  }
}
