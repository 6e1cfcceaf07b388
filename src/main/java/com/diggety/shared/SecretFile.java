package com.diggety.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Key files made at the first start (the token key, the VAPID keys): readable and writable by their owner only. */
public final class SecretFile {

	private SecretFile() {
	}

	/**
	 * Writes the lines, creating the folder. The key is written into a temporary file of the same folder, which the
	 * JDK creates owner-only ({@code rw-------}) on POSIX file systems, and then moved into place in one step: the
	 * file never exists with wider permissions, nor half-written. (On a file system without POSIX modes, such as
	 * Windows, the file takes the folder's access rules.)
	 */
	public static void write(Path file, List<String> lines) throws IOException {
		var folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		var temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
		try {
			Files.write(temporary, lines);
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}
}
