package org.hydrodelta.core.data.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hydrodelta.core.data.BasinDataset;
import org.hydrodelta.core.data.BasinInfo;
import org.hydrodelta.core.data.DataIssue;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.data.pet.PetCalculator;
import org.hydrodelta.core.data.pet.PetChoice;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** The hydrologist's checks on real ERA5-Land (Caravan) rows of three CAMELS basins and on the NLDAS sample. */
class HydrologyChecksTest {
    private static final Path SUBSET = TestData.repoRoot().resolve(
            "core/src/test/resources/caravan-camels-subset/mapping.json");

    private static LoadResult load(PetChoice pet) {
        return new CsvDatasetLoader().load(CsvMapping.read(SUBSET), LoadOptions.defaults().withPet(pet),
                ProgressListener.NONE, CancellationToken.NONE);
    }

    private static Set<String> flagged(List<DataIssue> issues, HydrologyChecks.Kind kind) {
        return issues.stream().filter(i -> i.message().startsWith(kind.prefix())).map(DataIssue::basinId)
                .collect(Collectors.toSet());
    }

    @Test
    void era5LandForcingIsFlaggedBasinByBasinWithTheFigure() {
        List<DataIssue> issues = HydrologyChecks.check(load(PetChoice.COLUMN).dataset());
        assertThat(issues).allMatch(i -> i.severity() == DataIssue.Severity.WARN);
        // ERA5-Land precipitation at the Naselle River is 0.57 x the CAMELS p_mean: more flow than rain
        assertThat(flagged(issues, HydrologyChecks.Kind.RUNOFF_RATIO)).containsExactly("12010000");
        assertThat(issues).anyMatch(i -> i.basinId().equals("12010000")
                && i.message().contains("runoff ratio 1.47"));
        // potential_evaporation_sum is several times any temperature-based or catalogued PET, in every basin
        assertThat(flagged(issues, HydrologyChecks.Kind.PET_VS_TEMPERATURE))
                .containsExactlyInAnyOrder("01022500", "06291500", "12010000");
        assertThat(flagged(issues, HydrologyChecks.Kind.PET_VS_ATTRIBUTES))
                .containsExactlyInAnyOrder("01022500", "06291500", "12010000");
        assertThat(issues).anyMatch(i -> i.basinId().equals("01022500")
                && i.message().contains("6.9 times the attributes' pet_mean 2.12 mm/d"));
        assertThat(flagged(issues, HydrologyChecks.Kind.PRCP_VS_ATTRIBUTES))
                .containsExactlyInAnyOrder("01022500", "12010000");
        assertThat(flagged(issues, HydrologyChecks.Kind.ET_DEFICIT)).isEmpty();
        assertThat(HydrologyChecks.summary(issues)).containsExactly(
                "water balance: runoff ratio above 1 in 1 basin (12010000)",
                "PET plausibility: PET far from a temperature-based (Hamon) estimate in 3 basins (01022500,"
                        + " 06291500, 12010000)",
                "PET plausibility: PET far from the attributes' pet_mean in 3 basins (01022500, 06291500, 12010000)",
                "precipitation: precipitation far from the attributes' p_mean in 2 basins (01022500, 12010000)");
    }

    @Test
    void theDoctorReportsTheChecksAndASummaryLinePerKind() {
        DoctorReport r = new DataDoctor().inspect(SUBSET, LoadOptions.defaults());
        assertThat(r.issues()).filteredOn(i -> i.message().startsWith(
                HydrologyChecks.Kind.PET_VS_ATTRIBUTES.prefix())).hasSize(3);
        assertThat(r.summary()).contains("issues: 0 errors, 9 warnings",
                "water balance: runoff ratio above 1 in 1 basin (12010000)");
        assertThat(r.summary().get(r.summary().size() - 1)).isEqualTo("verdict: usable");
    }

    @Test
    void petComputedFromTemperatureReplacesTheColumnWhenChosen() {
        LoadResult column = load(PetChoice.COLUMN);
        LoadResult hamon = load(PetChoice.parse("hamon"));
        BasinDataset ds = hamon.dataset();
        assertThat(ds.basinInfo()).extracting(BasinInfo::petMethod).containsOnly("HAMON");
        assertThat(column.dataset().basinInfo()).extracting(BasinInfo::petMethod).containsOnly("file");
        int b = ds.basinIndex("01022500");
        BasinInfo info = ds.basinInfo().get(b);
        float[] expected = PetCalculator.hamon(ds.start(), ds.series(Variable.TMEAN, b), null, info.latitude());
        assertThat(ds.series(Variable.PET, b)).containsExactly(expected);
        assertThat(column.dataset().series(Variable.PET, b)[0]).isEqualTo(18.45f, within(0f)); // line 2 of the file
        List<DataIssue> issues = HydrologyChecks.check(ds);
        // computed PET is not compared with itself; Hamon in semi-arid Montana is half the catalogued pet_mean
        assertThat(flagged(issues, HydrologyChecks.Kind.PET_VS_TEMPERATURE)).isEmpty();
        assertThat(flagged(issues, HydrologyChecks.Kind.PET_VS_ATTRIBUTES)).containsExactly("06291500");
        assertThat(flagged(issues, HydrologyChecks.Kind.RUNOFF_RATIO)).containsExactly("12010000");
    }

    @Test
    void theNldasSampleFlagsOnlyWhatTheSampleReadmeExplains() {
        DoctorReport r = new DataDoctor().inspect(TestData.repoRoot().resolve("sample-projects/camels-regions"),
                LoadOptions.defaults());
        // 12010000's runoff ratio above 1 is the outlier of the README's Budyko plot
        assertThat(flagged(r.issues(), HydrologyChecks.Kind.RUNOFF_RATIO)).containsExactly("12010000");
        // NLDAS has no PET column: it is computed, and so not compared with a temperature estimate
        assertThat(flagged(r.issues(), HydrologyChecks.Kind.PET_VS_TEMPERATURE)).isEmpty();
    }

    @Test
    void choicesParseAndRefuseByName() {
        assertThat(PetChoice.parse(null)).isEqualTo(PetChoice.COLUMN);
        assertThat(PetChoice.parse("Priestley_Taylor").toString()).isEqualTo("priestley-taylor");
        assertThat(PetChoice.parse("auto").override()).isTrue();
        assertThat(PetChoice.parse("auto").method()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PetChoice.parse("penman"))
                .hasMessage("pet: 'penman' is not a PET choice (allowed: column, auto, hargreaves, priestley-taylor,"
                        + " hamon)");
    }
}
