package com.truustrules.action.promo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolFileTest {

    @Test
    void codesAreTrimmedAndBlankLinesCommentsAndRepeatsSkipped() {
        assertEquals(List.of("A-1", "B-2", "C 3"),
                List.copyOf(PoolFile.parse(List.of("# Black Friday", "", "  A-1  ", "\tB-2", "A-1", "   ", "# C-9", "C 3"))));
        assertEquals(List.of("BOM-1"), List.copyOf(PoolFile.parse(List.of("\uFEFFBOM-1", "# " + "long comment ".repeat(30)))));
    }

    @Test
    void anOverlongCodeNamesItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PoolFile.parse(List.of("ok", "x".repeat(201))));
        assertEquals("line 2: a code has at most 200 characters", e.getMessage());
    }

    @Test
    void poolsAreTheTxtFilesWithAValidName(@TempDir Path dir) throws IOException {
        assertEquals(List.of(), PoolFile.in(dir));
        Path pools = Files.createDirectories(dir.resolve("pools"));
        for (String name : List.of("BF2026.txt", "spring_25.txt", "notes.md", "bad name.txt")) {
            Files.writeString(pools.resolve(name), "X\n");
        }
        assertEquals(List.of("BF2026", "spring_25"), PoolFile.in(dir).stream().map(PoolFile::pool).toList());
    }
}
