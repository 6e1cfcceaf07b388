package com.diggety.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Key files made at the first start (the token key, the VAPID keys): readable and writable by their owner only. */
public final class SecretFile {

	private SecretFile() {
	}

	/** Writes the lines, creating the folder, and restricts the file to its owner where the file system can. */
	public static void write(Path file, List<String> lines) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		Files.write(file, lines);
		try {
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException notPosix) {
			// not a POSIX file system: the folder's own permissions apply
		}
	}
}
