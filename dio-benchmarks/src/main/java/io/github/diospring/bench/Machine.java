package io.github.diospring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux CPU accounting of the whole machine, so that a run on a shared 2-core machine can tell
 * how much CPU other processes took while it measured (and wait for them at the start of a fork).
 * "Other" = every process but this JVM and the nginx whose pids are in {@code BENCH_NGINX_PIDS}.
 */
final class Machine {

	/** USER_HZ: the unit of /proc's CPU times. 100 on every Linux built with the default. */
	static final double HZ = 100.0;

	private static final List<Long> NGINX = parsePids(System.getenv("BENCH_NGINX_PIDS"));

	private Machine() {
	}

	/** A reading of the counters, in jiffies. */
	record Sample(long machineBusy, long self, long nginx, long nanos) {

		/** @return cores used by other processes between {@code before} and this sample */
		double otherCores(Sample before) {
			double seconds = (this.nanos - before.nanos) / 1e9;
			long other = (this.machineBusy - before.machineBusy) - (this.self - before.self)
					- (this.nginx - before.nginx);
			return (seconds > 0) ? Math.max(0, other) / HZ / seconds : Double.NaN;
		}

		/** @return cores used by nginx between {@code before} and this sample */
		double nginxCores(Sample before) {
			double seconds = (this.nanos - before.nanos) / 1e9;
			return (seconds > 0) ? (this.nginx - before.nginx) / HZ / seconds : Double.NaN;
		}

	}

	static boolean available() {
		return Files.isReadable(Path.of("/proc/stat"));
	}

	static Sample sample() {
		return new Sample(machineBusy(), processJiffies("self"), nginxJiffies(), System.nanoTime());
	}

	/**
	 * Waits until other processes use less than {@code BENCH_QUIET_CORES} (default 0.25) cores over a
	 * second, for at most {@code BENCH_QUIET_WAIT} seconds (default 5); says so on stderr.
	 */
	static void awaitQuiet() {
		if (!available()) {
			return;
		}
		double limit = Double.parseDouble(System.getenv().getOrDefault("BENCH_QUIET_CORES", "0.25"));
		long maxWaitMs = (long) (1000 * Double.parseDouble(System.getenv().getOrDefault("BENCH_QUIET_WAIT", "5")));
		long start = System.currentTimeMillis();
		double other = Double.NaN;
		while (System.currentTimeMillis() - start < maxWaitMs) {
			Sample before = sample();
			sleep(1000);
			other = sample().otherCores(before);
			if (other < limit) {
				if (System.currentTimeMillis() - start > 1500) {
					System.err.printf("[bench] machine quiet after %.0f s%n", (System.currentTimeMillis() - start) / 1e3);
				}
				return;
			}
		}
		System.err.printf("[bench] other processes still use %.2f cores after %.0f s; measuring anyway%n", other,
				maxWaitMs / 1e3);
	}

	private static void sleep(long ms) {
		try {
			Thread.sleep(ms);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** user + nice + system + irq + softirq + steal of the "cpu" line of /proc/stat. */
	static long machineBusy() {
		try {
			String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
			String[] f = line.trim().split("\\s+");
			long busy = 0;
			for (int i : new int[] { 1, 2, 3, 6, 7, 8 }) {
				busy += Long.parseLong(f[i]);
			}
			return busy;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** utime + stime of a process (all its threads). */
	static long processJiffies(String pid) {
		try {
			String stat = Files.readString(Path.of("/proc", pid, "stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static long nginxJiffies() {
		long sum = 0;
		for (long pid : NGINX) {
			sum += processJiffies(Long.toString(pid));
		}
		return sum;
	}

	private static List<Long> parsePids(String text) {
		List<Long> pids = new ArrayList<>();
		if (text != null) {
			for (String p : text.split("[,\\s]+")) {
				if (!p.isBlank()) {
					pids.add(Long.parseLong(p.trim()));
				}
			}
		}
		return pids;
	}

}
