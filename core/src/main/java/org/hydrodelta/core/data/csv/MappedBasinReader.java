package org.hydrodelta.core.data.csv;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hydrodelta.core.data.BasinAttributes;
import org.hydrodelta.core.data.BasinChecks;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.BasinOutcome;
import org.hydrodelta.core.data.BasinReport;
import org.hydrodelta.core.data.BasinSeries;
import org.hydrodelta.core.data.DataFormatException;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.SourceFile;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.pet.PetMethod;

/**
 * Loads one basin from a daily table whose columns are mapped to roles (shared by the CSV and Caravan loaders):
 * reads the file, converts units, derives tmean, computes PET when absent, checks the flow magnitude.
 */
public final class MappedBasinReader {
    private static final Map<String, Variable> ROLE_VARIABLES = Map.of("prcp", Variable.PRCP, "tmean", Variable.TMEAN,
            "tmax", Variable.TMAX, "tmin", Variable.TMIN, "pet", Variable.PET, "flow", Variable.QOBS);

    private final DailyCsvReader reader;
    private final Map<String, CsvMapping.Column> roles;
    private final PetMethod pet;
    private final boolean petOverride;

    /**
     * @param reader the table reader (delimiter, date column and format)
     * @param roles  role → column and unit
     * @param pet    PET method when the table has no PET column (null: automatic)
     */
    public MappedBasinReader(DailyCsvReader reader, Map<String, CsvMapping.Column> roles, PetMethod pet) {
        this(reader, roles, pet, false);
    }

    /**
     * @param reader      the CSV reader
     * @param roles       role to column
     * @param pet         PET method (null: automatic)
     * @param petOverride compute PET even where the table has a PET column
     */
    public MappedBasinReader(DailyCsvReader reader, Map<String, CsvMapping.Column> roles, PetMethod pet,
            boolean petOverride) {
        this.reader = reader;
        this.roles = roles;
        this.pet = pet;
        this.petOverride = petOverride;
    }

    /**
     * @param id    basin id
     * @param file  its table
     * @param attrs attributes (area, latitude, elevation), or null
     * @return the outcome; a malformed file gives a skipped basin with the reason
     */
    public BasinOutcome load(String id, Path file, BasinAttributes attrs) {
        List<DataIssue> issues = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return BasinOutcome.skipped(id, files, issues, new DataFormatException(file, "unknown basin id '" + id
                    + "': no such file"));
        }
        files.add(file.toString());
        try {
            Set<String> wanted = new HashSet<>();
            roles.values().forEach(c -> wanted.add(c.column));
            Set<String> nonNeg = roles.containsKey("prcp") ? Set.of(roles.get("prcp").column) : Set.of();
            DailyTable t = reader.read(file, wanted, nonNeg);
            boolean inAttrs = attrs != null && attrs.contains(id);
            double area = inAttrs ? attrs.areaKm2(id) : Double.NaN;
            double lat = inAttrs ? attrs.latitude(id) : Double.NaN;
            double lon = inAttrs ? attrs.longitude(id) : Double.NaN;
            double elev = inAttrs && attrs.columns().contains("elev_mean") ? attrs.value(id, "elev_mean") : Double.NaN;
            if (attrs != null && !inAttrs) {
                issues.add(DataIssue.warn(file, id, "basin " + id + " is not in the attributes file: attributes"
                        + " missing (NaN)"));
            }
            EnumMap<Variable, float[]> s = new EnumMap<>(Variable.class);
            for (Map.Entry<String, CsvMapping.Column> e : roles.entrySet()) {
                float[] v = t.columns().get(e.getValue().column).clone();
                String unit = e.getValue().unit;
                if (e.getKey().equals("flow") && UnitConversion.needsArea(unit) && !(area > 0)) {
                    throw new DataFormatException(file, 0, e.getValue().column, "flow in " + unit + " needs the basin"
                            + " area: no 'area' (km²) for basin " + id + " in the attributes file");
                }
                UnitConversion.toStandard(e.getKey(), unit, v, area);
                s.put(ROLE_VARIABLES.get(e.getKey()), v);
            }
            if (!s.containsKey(Variable.PRCP)) {
                throw new DataFormatException(file, 1, null, "no precipitation column: map the role 'prcp'");
            }
            BasinChecks.deriveTmean(s);
            if (!s.containsKey(Variable.TMEAN)) {
                throw new DataFormatException(file, 0, null, "no temperature: map 'tmean' or both 'tmax' and 'tmin'");
            }
            boolean tEq = s.containsKey(Variable.TMAX) && java.util.Arrays.equals(s.get(Variable.TMAX), s.get(Variable.TMIN));
            String petMethod = BasinChecks.ensurePet(s, t.start(), lat, elev, tEq, pet, petOverride, file, id, issues);
            BasinChecks.reportForcingGaps(s, file, id, issues);
            double ratio = Double.NaN;
            if (s.containsKey(Variable.QOBS)) {
                ratio = BasinChecks.runoffRatio(s.get(Variable.PRCP), t.start(), s.get(Variable.QOBS), t.start());
                CsvMapping.Column fc = roles.get("flow");
                BasinChecks.checkFlowUnit(ratio, file, String.format(Locale.ROOT, "column '%s' read as %s%s", fc.column,
                        fc.unit, UnitConversion.needsArea(fc.unit) ? String.format(Locale.ROOT, " with area %.2f km²",
                                area) : ""), id, issues);
            }
            String name = inAttrs ? attrs.name(id) : null;
            BasinInfo info = new BasinInfo(id, name, area, inAttrs ? "attributes" : "none", lat, lon, elev, petMethod);
            BasinReport report = new BasinReport(id, true, null, files, t.sentinels(), 0, tEq, petMethod, ratio,
                    inAttrs ? attrs.missingAttributes(id) : List.of());
            return new BasinOutcome(new BasinSeries(id, t.start(), t.nDays(), s, info,
                    List.of(new SourceFile(file.toString(), t.bytes(), t.checksum())), report), report, issues);
        } catch (DataFormatException e) {
            return BasinOutcome.skipped(id, files, issues, e);
        }
    }
}
