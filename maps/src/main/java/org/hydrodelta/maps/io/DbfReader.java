package org.hydrodelta.maps.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a dBase III table (.dbf) as used by shapefiles: field types C, N, F, L and D. The header is validated
 * before any record is decoded (version, header and record lengths, field descriptors, file size).
 */
public final class DbfReader {
    /** The table: schema plus one attribute row per record. */
    public record Table(List<FieldDefinition> fields, List<Map<String, Object>> rows) {
    }

    private DbfReader() {
    }

    /**
     * @param file    the .dbf file
     * @param charset encoding of the text fields (from the .cpg)
     * @return the whole table
     * @throws MapDataException for a malformed file, naming the record and field
     * @throws IOException      when the file cannot be read
     */
    public static Table read(Path file, Charset charset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 33) {
            throw new MapDataException(file, "header", "bad .dbf header: file has " + bytes.length
                    + " bytes, a header needs at least 33");
        }
        int version = bytes[0] & 0xFF;
        if ((version & 0x07) != 3 && version != 0x30 && version != 0x31) {
            throw new MapDataException(file, "header", String.format(
                    "bad .dbf header: version byte 0x%02x is not a dBase III/IV/FoxPro table", version));
        }
        long numRecords = b.getInt(4) & 0xFFFFFFFFL;
        int headerLength = b.getShort(8) & 0xFFFF;
        int recordLength = b.getShort(10) & 0xFFFF;
        if (headerLength < 33 || headerLength > bytes.length) {
            throw new MapDataException(file, "header", "bad .dbf header: header length " + headerLength
                    + " is outside 33.." + bytes.length);
        }
        List<FieldDefinition> fields = new ArrayList<>();
        int[] offsets = parseFields(file, bytes, headerLength, fields);
        int sum = offsets[offsets.length - 1];
        if (sum != recordLength) {
            throw new MapDataException(file, "header", "bad .dbf header: record length is " + recordLength
                    + " bytes but the fields add up to " + sum + " (with the deletion flag)");
        }
        long needed = headerLength + numRecords * recordLength;
        if (needed > bytes.length) {
            throw new MapDataException(file, "header", "truncated .dbf: header declares " + numRecords
                    + " records of " + recordLength + " bytes (" + needed + " bytes) but the file has "
                    + bytes.length);
        }
        List<Map<String, Object>> rows = new ArrayList<>((int) numRecords);
        for (int r = 0; r < numRecords; r++) {
            int base = headerLength + r * recordLength;
            byte flag = bytes[base];
            if (flag != ' ' && flag != '*') {
                throw new MapDataException(file, "record " + (r + 1), String.format(
                        "bad deletion flag 0x%02x (expected ' ' or '*')", flag & 0xFF));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int f = 0; f < fields.size(); f++) {
                FieldDefinition fd = fields.get(f);
                String raw = new String(bytes, base + offsets[f], fd.length(),
                        fd.type() == FieldType.CHARACTER ? charset : StandardCharsets.ISO_8859_1);
                row.put(fd.name(), decode(file, r, fd, raw));
            }
            rows.add(row);
        }
        return new Table(fields, rows);
    }

    /** Parses the field descriptors; returns each field's offset in the record plus the total as last entry. */
    private static int[] parseFields(Path file, byte[] bytes, int headerLength, List<FieldDefinition> out)
            throws MapDataException {
        List<Integer> offsets = new ArrayList<>();
        int offset = 1; // deletion flag
        int pos = 32;
        boolean terminated = false;
        while (pos < headerLength) {
            if (bytes[pos] == 0x0D) {
                terminated = true;
                break;
            }
            if (pos + 32 > headerLength) {
                break;
            }
            int nameEnd = pos;
            while (nameEnd < pos + 11 && bytes[nameEnd] != 0) {
                nameEnd++;
            }
            String name = new String(bytes, pos, nameEnd - pos, StandardCharsets.ISO_8859_1).trim();
            char typeCode = (char) (bytes[pos + 11] & 0xFF);
            int length = bytes[pos + 16] & 0xFF;
            int decimals = bytes[pos + 17] & 0xFF;
            String where = "field descriptor " + (out.size() + 1) + " ('" + name + "')";
            if (name.isEmpty()) {
                throw new MapDataException(file, "header", "bad .dbf header: " + where + " has an empty name");
            }
            FieldType type = FieldType.fromCode(typeCode);
            if (type == null) {
                throw new MapDataException(file, "header", "bad .dbf header: " + where + " has type '"
                        + typeCode + "'; supported types are C, N, F, L, D");
            }
            if (length == 0) {
                throw new MapDataException(file, "header", "bad .dbf header: " + where + " has length 0");
            }
            out.add(new FieldDefinition(name, type, length, decimals));
            offsets.add(offset);
            offset += length;
            pos += 32;
        }
        if (!terminated) {
            throw new MapDataException(file, "header",
                    "bad .dbf header: no field terminator (0x0D) before the declared header length "
                            + headerLength);
        }
        int[] result = new int[offsets.size() + 1];
        for (int i = 0; i < offsets.size(); i++) {
            result[i] = offsets.get(i);
        }
        result[offsets.size()] = offset;
        return result;
    }

    private static Object decode(Path file, int r, FieldDefinition fd, String raw) throws MapDataException {
        String s = raw.trim();
        switch (fd.type()) {
            case CHARACTER:
                return s;
            case NUMERIC:
            case FLOAT:
                // Blank, '*' overflow and '?' all mean "no value".
                if (s.isEmpty() || s.chars().allMatch(c -> c == '*') || s.equals("?")) {
                    return null;
                }
                try {
                    if (fd.type() == FieldType.NUMERIC && fd.decimals() == 0 && fd.length() <= 18
                            && s.indexOf('.') < 0 && s.indexOf('e') < 0 && s.indexOf('E') < 0) {
                        return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
                    }
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw bad(file, r, fd, "'" + s + "' is not a number");
                }
            case LOGICAL:
                if (s.isEmpty() || s.equals("?")) {
                    return null;
                }
                char c = Character.toUpperCase(s.charAt(0));
                if (s.length() == 1 && (c == 'T' || c == 'Y')) {
                    return Boolean.TRUE;
                }
                if (s.length() == 1 && (c == 'F' || c == 'N')) {
                    return Boolean.FALSE;
                }
                throw bad(file, r, fd, "'" + s + "' is not a logical value (T, F, Y, N or ?)");
            case DATE:
                if (s.isEmpty() || s.equals("00000000")) {
                    return null;
                }
                if (s.length() != 8) {
                    throw bad(file, r, fd, "'" + s + "' is not a date yyyyMMdd");
                }
                try {
                    return LocalDate.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                            Integer.parseInt(s.substring(6, 8)));
                } catch (NumberFormatException | java.time.DateTimeException e) {
                    throw bad(file, r, fd, "'" + s + "' is not a date yyyyMMdd");
                }
            default:
                throw new IllegalStateException(fd.type().toString());
        }
    }

    private static MapDataException bad(Path file, int r, FieldDefinition fd, String what) {
        return new MapDataException(file, "record " + (r + 1), "field " + fd.name() + ": " + what);
    }
}
