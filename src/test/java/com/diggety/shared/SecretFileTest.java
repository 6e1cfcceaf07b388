package com.diggety.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key file is its owner's alone, whole, and nothing else is left beside it. */
class SecretFileTest {

	@Test
	void aKeyFileIsWrittenWholeAndOwnerOnly(@TempDir Path folder) throws Exception {
		var file = folder.resolve("keys/token-key");
		SecretFile.write(file, List.of("first", "second"));
		assertThat(Files.readAllLines(file)).containsExactly("first", "second");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		try (var left = Files.list(file.getParent())) {
			assertThat(left).containsExactly(file);
		}
	}
}
