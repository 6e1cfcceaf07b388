package com.diggety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The app's process as the kernel sees it: its peak resident memory. */
final class AppProcess {

	private final long pid;

	AppProcess(long pid) {
		this.pid = pid;
	}

	long pid() {
		return pid;
	}

	/** VmHWM from /proc/&lt;pid&gt;/status: the peak resident set since the process started, in MiB; -1 if unknown. */
	long peakRssMb() {
		if (pid <= 0) {
			return -1;
		}
		try {
			for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
				if (line.startsWith("VmHWM:")) {
					var kb = Long.parseLong(line.substring("VmHWM:".length()).trim().split("\\s+")[0]);
					return Math.round(kb / 1024.0);
				}
			}
		}
		catch (IOException | RuntimeException e) {
			BenchContext.log("cannot read the app's memory from /proc/%d/status: %s", pid, e);
		}
		return -1;
	}
}
