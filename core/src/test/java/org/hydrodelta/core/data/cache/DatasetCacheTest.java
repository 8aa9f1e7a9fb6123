package org.hydrodelta.core.data.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hydrodelta.core.data.LoadOptions;
import org.hydrodelta.core.data.LoadResult;
import org.hydrodelta.core.data.TestData;
import org.hydrodelta.core.data.Variable;
import org.hydrodelta.core.data.csv.CsvDatasetLoader;
import org.hydrodelta.core.data.csv.CsvMapping;
import org.hydrodelta.core.progress.CancellationToken;
import org.hydrodelta.core.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data cache on a copy of the committed CSV fixture: identical data back, rebuilt when a source changes. */
class DatasetCacheTest {
    @TempDir
    Path tmp;

    @Test
    void returnsTheSameDataAndRebuildsWhenASourceFileChanges() throws Exception {
        Path data = tmp.resolve("csv-fixture");
        Path src = TestData.repoRoot().resolve("core/src/test/resources/csv-fixture");
        try (var s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path dst = data.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst);
                }
            }
        }
        Path mappingFile = data.resolve("mapping.json");
        DatasetCache cache = new DatasetCache(tmp.resolve("cache"));
        AtomicInteger parses = new AtomicInteger();
        List<String> request = List.of("test", mappingFile.toString());
        List<Path> sources = org.hydrodelta.core.data.DatasetTypes.get("csv").sources(mappingFile);
        java.util.function.Supplier<LoadResult> load = () -> {
            parses.incrementAndGet();
            return new CsvDatasetLoader().load(CsvMapping.read(mappingFile), LoadOptions.defaults(),
                    ProgressListener.NONE, CancellationToken.NONE);
        };
        LoadResult first = cache.getOrLoad(request, sources, ProgressListener.NONE, load);
        LoadResult second = cache.getOrLoad(request, sources, ProgressListener.NONE, load);
        assertThat(parses).hasValue(1);
        assertThat(second.dataset().fingerprint()).isEqualTo(first.dataset().fingerprint());
        assertThat(second.dataset().basinIds()).isEqualTo(first.dataset().basinIds());
        for (Variable v : first.dataset().variables()) {
            assertThat(second.dataset().values(v)).containsExactly(first.dataset().values(v));
        }
        assertThat(second.dataset().attributes()).isDeepEqualTo(first.dataset().attributes());
        assertThat(second.dataset().basinInfo()).isEqualTo(first.dataset().basinInfo());
        assertThat(second.issues()).isEqualTo(first.issues());
        assertThat(second.reports()).isEqualTo(first.reports());

        // a changed data file (new content, new time) is parsed again and the stale entry replaced
        Path file = data.resolve("csv/01022500.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("255.00", "256.00"));
        Files.write(file, lines);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        LoadResult third = cache.getOrLoad(request, sources, ProgressListener.NONE, load);
        assertThat(parses).hasValue(2);
        assertThat(third.dataset().fingerprint()).isNotEqualTo(first.dataset().fingerprint());
        try (var s = Files.list(cache.dir())) {
            assertThat(s.toList()).hasSize(1);
        }
        // a damaged entry is ignored and rebuilt
        try (var s = Files.list(cache.dir())) {
            Path entry = s.findFirst().orElseThrow();
            Files.write(entry, new byte[] {1, 2, 3});
        }
        LoadResult fourth = cache.getOrLoad(request, sources, ProgressListener.NONE, load);
        assertThat(parses).hasValue(3);
        assertThat(fourth.dataset().fingerprint()).isEqualTo(third.dataset().fingerprint());
    }
}
