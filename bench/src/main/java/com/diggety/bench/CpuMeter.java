package com.diggety.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Who used the shared CPUs during a measured phase, each in cores (1.0 = one core busy all the time): the app, the
 * load generator itself, PostgreSQL (every process named {@code postgres}), the kernel (its threads, interrupts,
 * loopback networking, steal, and processes too short-lived to be seen) and other programs (any other process: a
 * build, a browser test); processes the load generator started (operator-shell's browser) count as the load
 * generator. Linux only ({@code /proc}); NaN where a figure cannot be read.
 */
final class CpuMeter {

	/** USER_HZ: the unit of /proc's CPU times; 100 on every mainstream Linux. */
	private static final double TICKS_PER_SECOND = 100;

	private enum Kind {
		APP, SELF, DATABASE, KERNEL, OTHER
	}

	private record Proc(Kind kind, String name, double seconds, long ppid) {
	}

	record Sample(long wallNanos, Map<Long, Proc> processes, double machineSeconds) {
	}

	/** CPU use between two samples, in cores. */
	record Use(double app, double loadGenerator, double database, double kernel, double other, String busiestOthers) {

		static final Use UNKNOWN = new Use(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "");
	}

	private final long appPid;
	private final long selfPid = ProcessHandle.current().pid();

	CpuMeter(AppProcess app) {
		this.appPid = app.pid();
	}

	Sample sample() {
		return new Sample(System.nanoTime(), processes(), machineBusySeconds());
	}

	static Use between(Sample a, Sample b) {
		double wall = (b.wallNanos() - a.wallNanos()) / 1e9;
		if (wall <= 0 || a.processes().isEmpty() || Double.isNaN(a.machineSeconds())) {
			return Use.UNKNOWN;
		}
		var seconds = new Totals();
		var others = new HashMap<String, Double>();
		for (var entry : b.processes().entrySet()) {
			var before = a.processes().get(entry.getKey());
			// a process that started during the phase counts in full; one that ended is not seen (kernel column)
			double delta = Math.max(0, entry.getValue().seconds() - (before == null ? 0 : before.seconds()));
			seconds.add(entry.getValue().kind(), delta);
			if (entry.getValue().kind() == Kind.OTHER && delta > 0) {
				others.put(entry.getValue().name() + " " + entry.getKey(), delta);
			}
		}
		var busiest = new StringBuilder();
		others.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
				.forEach(e -> busiest.append(busiest.length() == 0 ? "" : ", ").append(e.getKey())
						.append(String.format(java.util.Locale.ROOT, " %.2f", e.getValue() / wall)));
		double machine = b.machineSeconds() - a.machineSeconds();
		double kernel = machine - seconds.app - seconds.self - seconds.database - seconds.other;
		seconds.kernel += Math.max(0, kernel); // interrupts, soft interrupts, steal, unseen processes; rounding
		return new Use(seconds.app / wall, seconds.self / wall, seconds.database / wall, seconds.kernel / wall,
				seconds.other / wall, busiest.toString());
	}

	private static final class Totals {
		double app;
		double self;
		double database;
		double kernel;
		double other;

		void add(Kind kind, double value) {
			switch (kind) {
				case APP -> app += value;
				case SELF -> self += value;
				case DATABASE -> database += value;
				case KERNEL -> kernel += value;
				case OTHER -> other += value;
			}
		}
	}

	/** Every process's CPU time (user + system) and kind, by pid; empty when /proc cannot be read. */
	private Map<Long, Proc> processes() {
		var all = new HashMap<Long, Proc>();
		try (var entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (var dir : entries) {
				try {
					long pid = Long.parseLong(dir.getFileName().toString());
					var stat = Files.readString(dir.resolve("stat"));
					// "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split at the last ')'
					var comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					var f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
					long ppid = Long.parseLong(f[1]);
					double seconds = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
					Kind kind = pid == appPid ? Kind.APP
							: pid == selfPid ? Kind.SELF
							: "postgres".equals(comm) ? Kind.DATABASE
							: pid == 2 || ppid == 2 ? Kind.KERNEL // kthreadd and its children: kernel threads
							: Kind.OTHER;
					all.put(pid, new Proc(kind, comm, seconds, ppid));
				}
				catch (IOException | RuntimeException e) {
					// the process ended meanwhile
				}
			}
		}
		catch (IOException e) {
			return Map.of();
		}
		// what the load generator started (a browser and its driver for operator-shell) is the load generator's
		for (var entry : all.entrySet()) {
			var proc = entry.getValue();
			if (proc.kind() != Kind.OTHER) {
				continue;
			}
			long parent = proc.ppid();
			for (int depth = 0; depth < 16 && parent > 1; depth++) {
				if (parent == selfPid) {
					entry.setValue(new Proc(Kind.SELF, proc.name(), proc.seconds(), proc.ppid()));
					break;
				}
				var up = all.get(parent);
				parent = up == null ? -1 : up.ppid();
			}
		}
		return all;
	}

	/** All CPUs' busy time since boot: user + nice + system + irq + softirq + steal (not idle, not iowait). */
	private static double machineBusySeconds() {
		try (var lines = Files.lines(Path.of("/proc/stat"))) {
			var cpu = lines.filter(l -> l.startsWith("cpu ")).findFirst().orElse(null);
			if (cpu == null) {
				return Double.NaN;
			}
			var f = cpu.trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += i < f.length ? Long.parseLong(f[i]) : 0;
			}
			return busy / TICKS_PER_SECOND;
		}
		catch (IOException | RuntimeException e) {
			return Double.NaN;
		}
	}
}
